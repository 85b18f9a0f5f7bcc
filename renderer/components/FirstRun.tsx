import { useEffect, useState, type ReactNode } from 'react';
import type { ModelEntry, PublicSettings } from '../contract';
import { useCall } from '../api';
import { languageName } from '../languages';
import { useView } from '../store';
import { Field } from './Field';
import { ModelList } from './ModelList';
import { LanguageSelect } from './Select';

type Step = 'languages' | 'models' | 'ready';
const STEPS: Array<{ id: Step; label: string }> = [
  { id: 'languages', label: 'Languages' },
  { id: 'models', label: 'Models' },
  { id: 'ready', label: 'Ready' },
];

/** Speech models, then translation models that cover the chosen pair; recommended first. */
function relevantModels(models: ModelEntry[], source: string, target: string): ModelEntry[] {
  const fits = (m: ModelEntry) => {
    if (m.kind === 'whisper') return true;
    if (m.kind !== 'translation' || !target) return false;
    const langs = m.languages;
    return langs.includes(target) && (source === 'auto' || langs.includes(source) || langs.includes('multilingual'));
  };
  return models.filter(fits).sort((a, b) => Number(b.recommended) - Number(a.recommended) || (a.kind === 'whisper' ? -1 : 1));
}

interface WizardAction {
  label: string;
  onClick: () => void;
}

/** One wizard page: its title (focused when the page opens, see FirstRun), its content, and back / next buttons. */
function WizardStep({ step, title, back, next, children }: { step: Step; title: string; back: WizardAction; next: WizardAction; children: ReactNode }) {
  return (
    <section aria-labelledby={`step-${step}-title`}>
      <h1 id={`step-${step}-title`} tabIndex={-1}>
        {title}
      </h1>
      {children}
      <div className="wizard-actions">
        <button type="button" className="button ghost" onClick={back.onClick}>
          {back.label}
        </button>
        <button type="button" className="button primary" onClick={next.onClick}>
          {next.label}
        </button>
      </div>
    </section>
  );
}

/** First start: choose languages → get models (download or import) → ready. No key needed when all-local. */
export function FirstRun({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const models = useView((s) => s.models);
  const setModels = useView((s) => s.setModels);
  const [step, setStep] = useState<Step>('languages');
  const [source, setSource] = useState(settings.sourceLanguage);
  const [target, setTarget] = useState(settings.targetLanguage ?? '');
  const [allowDownloads, setAllowDownloads] = useState(false);

  useEffect(() => {
    if (step === 'models') void call('models.list', {}).then((r) => r && setModels(r.models));
    // Refresh when the models step opens.
  }, [step]);

  useEffect(() => {
    document.getElementById(`step-${step}-title`)?.focus();
  }, [step]);

  const finish = async () => {
    await call('settings.update', { patch: { sourceLanguage: source, targetLanguage: target || null, firstRunDone: true } });
  };

  const shown = relevantModels(models, source, target);
  const speechReady = models.some((m) => m.kind === 'whisper' && m.installed);

  return (
    <main className="first-run">
      <div className="card wide">
        <header className="first-run-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Welcome to Sotto</span>
          </div>
          <ol className="stepper" aria-label="Setup steps">
            {STEPS.map((s, i) => (
              <li key={s.id} className={s.id === step ? 'current' : ''} aria-current={s.id === step ? 'step' : undefined}>
                <span className="step-no">{i + 1}</span> {s.label}
              </li>
            ))}
          </ol>
        </header>

        {step === 'languages' && (
          <WizardStep step="languages" title="Which languages?" back={{ label: 'Skip setup', onClick: finish }} next={{ label: 'Next: models', onClick: () => setStep('models') }}>
            <p className="muted">Speech is recognised on this device. Translation is optional; you can change both later.</p>
            <div className="grid-2">
              <Field id="fr-source" label="Spoken language">
                {() => <LanguageSelect id="fr-source" first="auto" value={source} onChange={setSource} />}
              </Field>
              <Field id="fr-target" label="Translate to">
                {() => <LanguageSelect id="fr-target" first="none" value={target} onChange={setTarget} />}
              </Field>
            </div>
          </WizardStep>
        )}

        {step === 'models' && (
          <WizardStep step="models" title="Get the models" back={{ label: 'Back', onClick: () => setStep('languages') }} next={{ label: 'Next', onClick: () => setStep('ready') }}>
            <p className="muted">Models run on this device. Download them once, or import a file you already have (offline machines, proxies).</p>
            {settings.allLocal && (
              <div className="consent">
                <input id="allow-downloads" type="checkbox" checked={allowDownloads} onChange={(e) => setAllowDownloads(e.target.checked)} />
                <label htmlFor="allow-downloads">
                  All-local mode is on. Allow downloading model files from their publisher? Only the file request leaves this device — no audio, no text.
                </label>
              </div>
            )}
            <ModelList models={shown} allowInAllLocal={allowDownloads} />
          </WizardStep>
        )}

        {step === 'ready' && (
          <WizardStep step="ready" title="Ready" back={{ label: 'Back', onClick: () => setStep('models') }} next={{ label: 'Start captioning', onClick: finish }}>
            <ul className="ready-list">
              <li>
                Captions in <strong>{source === 'auto' ? 'the detected language' : languageName(source)}</strong>
                {target ? (
                  <>
                    , translated to <strong>{languageName(target)}</strong>
                  </>
                ) : null}
                .
              </li>
              <li>{speechReady ? 'A speech model is installed.' : 'No speech model installed yet: get one in Settings before you start talking.'}</li>
              <li>{settings.allLocal ? 'All-local mode is on: nothing leaves this device, and no API key is needed.' : 'Cloud lane allowed: add your endpoint and key in Settings.'}</li>
            </ul>
          </WizardStep>
        )}
      </div>
    </main>
  );
}
