import { useCall } from '../../api';
import { useSpeechModelMissing } from '../../hooks/use-speech-model';
import { useView } from '../../store';
import { ListenButton } from './ListenButton';
import { PushToTalkButton } from './PushToTalkButton';
import { Switch } from './Switch';
import { TypeLine } from './TypeLine';

/** Said where the talk button is, before anyone presses it: without a speech model nothing can be captioned. */
function NoSpeechModel() {
  const openSettings = useView((s) => s.openSettings);
  return (
    <p className="inline-problem" id="no-speech-model">
      No speech model is installed, so nothing can be captioned yet.{' '}
      <button type="button" className="link-button" onClick={() => openSettings('models')}>
        Get a speech model
      </button>
    </p>
  );
}

/** Capture controls: push-to-talk or hands-free, and a line typed instead of spoken. */
export function Controls() {
  const call = useCall();
  const mode = useView((s) => s.status?.mode ?? s.settings?.mode ?? 'push-to-talk');
  const hotkey = useView((s) => s.settings?.hotkey ?? '');
  const missing = useSpeechModelMissing();
  const help = mode === 'push-to-talk' ? `Hold the button, Space or Enter${hotkey ? `, or ${hotkey} anywhere` : ''}.` : 'Voice detection cuts lines at pauses.';
  return (
    <div className="controls">
      {missing && <NoSpeechModel />}
      <div className="capture-controls">
        {mode === 'push-to-talk' ? <PushToTalkButton disabled={missing} /> : <ListenButton disabled={missing} />}
        <div className="mode-box">
          <Switch id="hands-free-switch" checked={mode === 'hands-free'} onChange={(on) => void call('mode.set', { mode: on ? 'hands-free' : 'push-to-talk' })} label="Hands-free" />
          <p id="ptt-help" className="hint">
            {help}
          </p>
        </div>
      </div>
      <TypeLine />
    </div>
  );
}
