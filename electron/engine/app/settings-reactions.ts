import { originOf, type Settings } from '../../contract';
import type { AppParts } from './parts';
import { preloadSpeechModel } from './speech-model';

/** What follows a settings change: the windows learn it, a new speech model loads, capture stops on a mode switch. */
export function reactToSettings(parts: AppParts): void {
  const { store, events, endpoint, capture } = parts;
  store.onChange((next, previous) => {
    void parts.publicSettings().then((settings) => events.emit({ type: 'settings.changed', settings }));
    if (next.asrModel !== previous.asrModel || next.asrDevice !== previous.asrDevice) preloadSpeechModel(parts);
    if (next.cloud.baseUrl !== previous.cloud.baseUrl) endpoint.forget();
    if (originOf(next.cloud.baseUrl) !== originOf(previous.cloud.baseUrl)) void dropKeyOfOtherOrigin(parts);
    if (originsOf(next).join() !== originsOf(previous).join()) void dropSecretsOfGoneOrigins(parts);
    if (next.mode !== previous.mode) void capture.stop();
    events.emit(parts.status());
  });
}

/** The key belongs to the server it was entered for: pointing the endpoint at another one removes it (asked again). */
async function dropKeyOfOtherOrigin({ apiKey, settings, events, publicSettings }: AppParts): Promise<void> {
  const was = apiKey.origin;
  const now = originOf(settings().cloud.baseUrl);
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

/** The origins of every configured endpoint: the main one and the replicas. */
function originsOf(settings: Settings): string[] {
  const urls = [settings.cloud.baseUrl, ...settings.cloud.replicas.map((r) => r.baseUrl)];
  return [...new Set(urls.map(originOf).filter((o): o is string => o !== null))].sort();
}

/** Secrets of an endpoint that was removed or pointed elsewhere go with it: they were bound to that server. */
async function dropSecretsOfGoneOrigins({ apiKey, settings, events, publicSettings }: AppParts): Promise<void> {
  let gone: string[];
  try {
    gone = await apiKey.keepOnly(originsOf(settings()));
  } catch {
    return; // still never sent elsewhere: secretsFor() hands them out only for their own origin
  }
  if (gone.length === 0) return;
  events.emit({ type: 'notice', level: 'warning', code: 'endpoint_secrets_cleared', message: `The secrets for ${gone.join(', ')} were removed because no endpoint points there any more.` });
  events.emit({ type: 'settings.changed', settings: await publicSettings() });
}
