import type { ReactNode } from 'react';

export type Step = 'languages' | 'models' | 'ready';

export interface WizardAction {
  label: string;
  onClick: () => void;
}

/** One wizard page: its title (focused when the page opens), its content, and back / next buttons. */
export function WizardStep({ step, title, back, next, backFirst = false, children }: { step: Step; title: string; back: WizardAction; next: WizardAction; backFirst?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={`step-${step}-title`}>
      <h2 id={`step-${step}-title`} className="step-title" tabIndex={-1}>
        {title}
      </h2>
      {children}
      <div className="wizard-actions">
        {/* backFirst: going back is the advice (something is missing), so it is the primary button. */}
        <button type="button" className={`button ${backFirst ? 'primary' : 'ghost'}`} onClick={back.onClick}>
          {back.label}
        </button>
        <button type="button" className={`button ${backFirst ? 'ghost' : 'primary'}`} onClick={next.onClick}>
          {next.label}
        </button>
      </div>
    </section>
  );
}
