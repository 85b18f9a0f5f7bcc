/** A labelled on/off switch (role="switch"), for settings such as hands-free mode. */
export function Switch({ checked, onChange, label, id }: { checked: boolean; onChange: (on: boolean) => void; label: string; id: string }) {
  return (
    <button type="button" role="switch" id={id} aria-checked={checked} className="switch" onClick={() => onChange(!checked)}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-label">{label}</span>
    </button>
  );
}
