import { useState } from 'react';

/** A destructive button that asks once, in place: the first press shows the question, the second does it. */
export function ConfirmButton({ label, question, confirm, onConfirm, disabled = false }: { label: string; question: string; confirm: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button ghost danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button danger-solid" autoFocus onClick={() => { setAsking(false); onConfirm(); }}>
        {confirm}
      </button>
      <button type="button" className="button ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
