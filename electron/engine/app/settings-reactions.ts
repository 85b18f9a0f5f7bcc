import type { AppParts } from './parts';
import { preloadSpeechModel } from './speech-model';

/** What follows a settings change: the windows learn it, a new speech model loads, capture stops on a mode switch. */
export function reactToSettings(parts: AppParts): void {
  const { store, events, endpoint, capture } = parts;
  store.onChange((next, previous) => {
    void parts.publicSettings().then((settings) => events.emit({ type: 'settings.changed', settings }));
    if (next.asrModel !== previous.asrModel) preloadSpeechModel(parts);
    if (next.cloud.baseUrl !== previous.cloud.baseUrl) endpoint.forget();
    if (next.mode !== previous.mode) void capture.stop();
    events.emit(parts.status());
  });
}
