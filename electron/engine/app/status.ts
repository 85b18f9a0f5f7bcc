import type { Settings, Status } from '../../contract';
import type { AsrModelHolder } from './asr-model';
import type { CaptureController } from './capture-controller';

export interface StatusParts {
  settings: Settings;
  asr: Pick<AsrModelHolder, 'id' | 'loaded' | 'loadingNow' | 'device'>;
  capture: Pick<CaptureController, 'capturing' | 'deviceLabel'>;
  endpoint: Status['endpoint'];
}

/** The status bar's view of the engine right now. A failed model load reads idle, never "loading" forever. */
export function projectStatus({ settings, asr, capture, endpoint }: StatusParts, message: string | null = null): Status {
  const state: Status['state'] = capture.capturing ? 'listening' : asr.loaded ? 'ready' : asr.loadingNow ? 'loading' : 'idle';
  return {
    type: 'status',
    state,
    mode: settings.mode,
    model: { id: asr.id, loaded: asr.loaded, device: asr.device },
    mic: { device: capture.deviceLabel, capturing: capture.capturing },
    endpoint,
    all_local: settings.allLocal,
    message,
  };
}
