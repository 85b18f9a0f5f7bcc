import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useView } from '../store';
import { useCall } from '../api';

const isTalkKey = (key: string): boolean => key === ' ' || key === 'Enter';

/**
 * Push-to-talk: hold the button (pointer) or hold Space/Enter while it is focused.
 * Key auto-repeat is ignored, so one hold is exactly one press and one release.
 */
function PushToTalkButton({ disabled }: { disabled: boolean }) {
  const call = useCall();
  const [held, setHeld] = useState(false);
  const heldRef = useRef(false);

  const press = useCallback(() => {
    if (heldRef.current || disabled) return;
    heldRef.current = true;
    setHeld(true);
    void call('ptt.press', {});
  }, [call, disabled]);

  const release = useCallback(() => {
    if (!heldRef.current) return;
    heldRef.current = false;
    setHeld(false);
    void call('ptt.release', {});
  }, [call]);

  // Never leave the microphone open when the window loses focus mid-hold.
  useEffect(() => {
    window.addEventListener('blur', release);
    return () => window.removeEventListener('blur', release);
  }, [release]);

  return (
    <button
      type="button"
      className={`ptt-button ${held ? 'held' : ''}`}
      aria-pressed={held}
      aria-describedby="ptt-help"
      disabled={disabled}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        press();
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(e: KeyboardEvent) => {
        if (!isTalkKey(e.key)) return;
        e.preventDefault();
        if (!e.repeat) press();
      }}
      onKeyUp={(e: KeyboardEvent) => {
        if (!isTalkKey(e.key)) return;
        e.preventDefault();
        release();
      }}
      onBlur={release}
    >
      <span className="ptt-icon" aria-hidden="true" />
      <span className="ptt-text">
        <span className="ptt-label">Hold to talk</span>
        <span className="ptt-sub">{held ? 'Listening… release to finish' : 'press and hold, then speak'}</span>
      </span>
    </button>
  );
}

function Switch({ checked, onChange, label, id }: { checked: boolean; onChange: (on: boolean) => void; label: string; id: string }) {
  return (
    <button type="button" role="switch" id={id} aria-checked={checked} className="switch" onClick={() => onChange(!checked)}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-label">{label}</span>
    </button>
  );
}

/** Capture controls: push-to-talk or hands-free, and a line typed instead of spoken. */
export function Controls() {
  const call = useCall();
  const mode = useView((s) => s.status?.mode ?? s.settings?.mode ?? 'push-to-talk');
  const listening = useView((s) => s.status?.mode === 'hands-free' && s.status.mic.capturing);
  const hotkey = useView((s) => s.settings?.hotkey ?? '');
  const [text, setText] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    if (await call('text.translate', { text: line })) setText('');
  };

  return (
    <div className="controls">
      <div className="capture-controls">
        {mode === 'push-to-talk' ? (
          <PushToTalkButton disabled={false} />
        ) : (
          <Switch id="listen-switch" checked={listening} onChange={(on) => void call('listen.set', { on })} label={listening ? 'Listening' : 'Not listening'} />
        )}
        <div className="mode-box">
          <Switch
            id="hands-free-switch"
            checked={mode === 'hands-free'}
            onChange={(on) => void call('mode.set', { mode: on ? 'hands-free' : 'push-to-talk' })}
            label="Hands-free"
          />
          <p id="ptt-help" className="hint">
            {mode === 'push-to-talk' ? `Hold the button, Space or Enter${hotkey ? `, or ${hotkey} anywhere` : ''}.` : 'Voice detection cuts lines at pauses.'}
          </p>
        </div>
      </div>
      <form className="type-line" onSubmit={submit}>
        <label htmlFor="type-line-input" className="visually-hidden">
          Type a line to translate
        </label>
        <input id="type-line-input" className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder="…or type a line to translate" maxLength={5000} autoComplete="off" />
        <button type="submit" className="button" disabled={!text.trim()}>
          Translate
        </button>
      </form>
    </div>
  );
}
