import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useCall } from '../../api';
import { useMicOpen } from '../../hooks/use-speech-model';

const isTalkKey = (key: string): boolean => key === ' ' || key === 'Enter';

/** Press and release, once per hold: key auto-repeat and a second pointer never press twice. */
function useHold(disabled: boolean): { held: boolean; press: () => void; release: () => void } {
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
  return { held, press, release };
}

/**
 * Push-to-talk: hold the button (pointer) or hold Space/Enter while it is focused. The live dot animates only while
 * the engine reports the microphone open, never because a button is merely there.
 */
export function PushToTalkButton({ disabled }: { disabled: boolean }) {
  const { held, press, release } = useHold(disabled);
  const micOpen = useMicOpen();
  const onKey = (e: KeyboardEvent, down: boolean) => {
    if (!isTalkKey(e.key)) return;
    e.preventDefault();
    if (!down) release();
    else if (!e.repeat) press();
  };
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    press();
  };
  return (
    <button
      type="button"
      className={`ptt-button ${held ? 'held' : ''}`}
      data-mic-open={micOpen}
      aria-pressed={held}
      aria-describedby="ptt-help"
      disabled={disabled}
      onPointerDown={onPointerDown}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(e) => onKey(e, true)}
      onKeyUp={(e) => onKey(e, false)}
      onBlur={release}
    >
      <span className="mic-dot" aria-hidden="true" />
      <span className="ptt-text">
        <span className="ptt-label">Hold to talk</span>
        <span className="ptt-sub">{micOpen ? 'Microphone on… release to finish' : held ? 'Opening the microphone…' : 'press and hold, then speak'}</span>
      </span>
    </button>
  );
}
