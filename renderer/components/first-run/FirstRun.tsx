import { useEffect, useState } from 'react';
import type { PublicSettings } from '../../contract';
import { useCall } from '../../api';
import { useView } from '../../store';
import { Notices } from '../Notices';
import { LanguagesStep, ModelsStep, ReadyStep, type Languages } from './steps';
import type { Step } from './WizardStep';

const STEPS: Array<{ id: Step; label: string }> = [
  { id: 'languages', label: 'Languages' },
  { id: 'models', label: 'Models' },
  { id: 'ready', label: 'Ready' },
];

function Stepper({ step }: { step: Step }) {
  return (
    <ol className="stepper" aria-label="Setup steps">
      {STEPS.map((s, i) => (
        <li key={s.id} className={s.id === step ? 'current' : ''} aria-current={s.id === step ? 'step' : undefined}>
          <span className="step-no">{i + 1}</span> {s.label}
        </li>
      ))}
    </ol>
  );
}

/** Refreshes the model list when the models step opens; moves focus to each new step's title. */
function useStepEffects(step: Step): void {
  const call = useCall();
  const setModels = useView((s) => s.setModels);
  useEffect(() => {
    if (step === 'models') void call('models.list', {}).then((r) => r && setModels(r.models));
    document.getElementById(`step-${step}-title`)?.focus();
    // Only when the step changes (call is a fresh closure each render).
  }, [step]);
}

/** First start: choose languages → get models (download or import) → ready. No key needed when all-local. */
export function FirstRun({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const [step, setStep] = useState<Step>('languages');
  const [languages, setLanguages] = useState<Languages>({ source: settings.sourceLanguage, target: settings.targetLanguage ?? '' });
  useStepEffects(step);
  const finish = () => void call('settings.update', { patch: { sourceLanguage: languages.source, targetLanguage: languages.target || null, firstRunDone: true } });
  return (
    <main className="first-run">
      <div className="card wide">
        <header className="first-run-header">
          <h1 className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Welcome to Sotto</span>
          </h1>
          <Stepper step={step} />
        </header>
        <Notices />
        {step === 'languages' && <LanguagesStep languages={languages} onChange={setLanguages} back={{ label: 'Skip setup', onClick: finish }} next={{ label: 'Next: models', onClick: () => setStep('models') }} />}
        {step === 'models' && <ModelsStep settings={settings} languages={languages} back={{ label: 'Back', onClick: () => setStep('languages') }} next={{ label: 'Next', onClick: () => setStep('ready') }} />}
        {step === 'ready' && <ReadyStep settings={settings} languages={languages} back={() => setStep('models')} finish={finish} />}
      </div>
    </main>
  );
}
