import { useState } from 'react';
import type { ModelEntry, PublicSettings } from '../../contract';
import { recommendations, translatorsFor } from '../../catalog';
import { languageName } from '../../languages';
import { useView } from '../../store';
import { Field } from '../Field';
import { FoldedModelList } from '../models/ModelList';
import { LanguageSelect } from '../Select';
import { readiness } from './readiness';
import { WizardStep, type WizardAction } from './WizardStep';

export interface Languages {
  source: string;
  target: string;
}

export function LanguagesStep({ languages, onChange, back, next }: { languages: Languages; onChange: (l: Languages) => void; back: WizardAction; next: WizardAction }) {
  return (
    <WizardStep step="languages" title="Which languages?" back={back} next={next}>
      <p className="muted-strong">Speech is recognised on this device. Translation is optional; you can change both later.</p>
      <div className="grid-2">
        <Field id="fr-source" label="Spoken language">
          {() => <LanguageSelect id="fr-source" first="auto" value={languages.source} onChange={(source) => onChange({ ...languages, source })} />}
        </Field>
        <Field id="fr-target" label="Translate to">
          {() => <LanguageSelect id="fr-target" first="none" value={languages.target} onChange={(target) => onChange({ ...languages, target })} />}
        </Field>
      </div>
    </WizardStep>
  );
}

/** Speech models (one recommended for the spoken language), then the translators of the chosen pair. */
export function ModelsStep({ settings, languages, back, next }: { settings: PublicSettings; languages: Languages; back: WizardAction; next: WizardAction }) {
  const models = useView((s) => s.models);
  const [allowDownloads, setAllowDownloads] = useState(false);
  const recommended = recommendations(models, languages.source, languages.target, settings.asrModel);
  const speech = models.filter((m: ModelEntry) => m.kind === 'whisper');
  const translators = translatorsFor(models, languages.source, languages.target);
  return (
    <WizardStep step="models" title="Get the models" back={back} next={next}>
      <p className="muted-strong">Models run on this device. Download them once, or import a file you already have (offline machines, proxies).</p>
      {settings.allLocal && (
        <div className="consent">
          <input id="allow-downloads" type="checkbox" checked={allowDownloads} onChange={(e) => setAllowDownloads(e.target.checked)} />
          <label htmlFor="allow-downloads">All-local mode is on. Allow downloading model files from their publisher? Only the file request leaves this device — no audio, no text.</label>
        </div>
      )}
      <FoldedModelList title="Speech models" models={speech} recommended={recommended} allowInAllLocal={allowDownloads} />
      {languages.target && <FoldedModelList title="Translation models" models={translators} recommended={recommended} allowInAllLocal={allowDownloads} />}
    </WizardStep>
  );
}

/** "Ready" only when a speech model is installed; otherwise what is missing, plainly, with Back. */
export function ReadyStep({ settings, languages, back, finish }: { settings: PublicSettings; languages: Languages; back: () => void; finish: () => void }) {
  const models = useView((s) => s.models);
  const progress = useView((s) => s.modelProgress);
  const { speechReady, problems } = readiness(models, progress, languages.source, languages.target, settings.allLocal);
  const backAction = { label: speechReady ? 'Back' : 'Back to models', onClick: back };
  const next = speechReady ? { label: 'Start captioning', onClick: finish } : { label: 'Finish without a speech model', onClick: finish };
  return (
    <WizardStep step="ready" title={speechReady ? 'Ready' : 'Not ready yet'} back={backAction} next={next} backFirst={!speechReady}>
      <ul className="ready-list">
        <li>
          Captions in <strong>{languages.source === 'auto' ? 'the detected language' : languageName(languages.source)}</strong>
          {languages.target ? <>, translated to <strong>{languageName(languages.target)}</strong></> : null}.
        </li>
        {speechReady && <li>A speech model is installed.</li>}
        <li>{settings.allLocal ? 'All-local mode is on: no audio or text leaves this device, and no API key is needed.' : 'Cloud lane allowed: add your endpoint and key in Settings.'}</li>
      </ul>
      {problems.length > 0 && (
        <ul className="problem-list" aria-label="Not done yet">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </WizardStep>
  );
}
