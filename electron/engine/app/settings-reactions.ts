import { endpointOrigin } from './api-key';
import type { AppParts } from './parts';
import { preloadSpeechModel } from './speech-model';

/** What follows a settings change: the windows learn it, a new speech model loads, capture stops on a mode switch. */
export function reactToSettings(parts: AppParts): void {
  const { store, events, endpoint, capture } = parts;
  store.onChange((next, previous) => {
    void parts.publicSettings().then((settings) => events.emit({ type: 'settings.changed', settings }));
    if (next.asrModel !== previous.asrModel) preloadSpeechModel(parts);
    if (next.cloud.baseUrl !== previous.cloud.baseUrl) endpoint.forget();
    if (endpointOrigin(next.cloud.baseUrl) !== endpointOrigin(previous.cloud.baseUrl)) void dropKeyOfOtherOrigin(parts);
    if (next.mode !== previous.mode) void capture.stop();
    events.emit(parts.status());
  });
}

/** The key belongs to the server it was entered for: pointing the endpoint at another one removes it (asked again). */
async function dropKeyOfOtherOrigin({ apiKey, settings, events, publicSettings }: AppParts): Promise<void> {
  const was = apiKey.origin;
  const now = endpointOrigin(settings().cloud.baseUrl);
  if (was === null || was === now) return;
  try {
    await apiKey.clear();
  } catch {
    // Still never sent elsewhere: ApiKey hands the key out only for its own origin.
  }
  events.emit({
    type: 'notice',
    level: 'warning',
    code: 'apikey_cleared',
    message: `The API key for ${was} was removed because the endpoint now points to ${now ?? 'no server'}. Enter the key for the new endpoint in Settings → Cloud endpoint.`,
  });
  events.emit({ type: 'settings.changed', settings: await publicSettings() });
}
