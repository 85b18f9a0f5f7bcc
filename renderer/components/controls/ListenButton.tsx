import { useCall } from '../../api';
import { useMicOpen } from '../../hooks/use-speech-model';

/** Hands-free: one big toggle that says, unmistakably, whether the microphone is open right now. */
export function ListenButton({ disabled }: { disabled: boolean }) {
  const call = useCall();
  const micOpen = useMicOpen();
  return (
    <button type="button" className={`ptt-button listen ${micOpen ? 'held' : ''}`} data-mic-open={micOpen} aria-pressed={micOpen} aria-describedby="ptt-help" disabled={disabled} onClick={() => void call('listen.set', { on: !micOpen })}>
      <span className="mic-dot" aria-hidden="true" />
      <span className="ptt-text">
        <span className="ptt-label">{micOpen ? 'Microphone on — listening' : 'Start listening'}</span>
        <span className="ptt-sub">{micOpen ? 'press to stop' : 'the microphone is off'}</span>
      </span>
    </button>
  );
}
