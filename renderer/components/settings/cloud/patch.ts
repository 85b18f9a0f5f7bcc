import { originOf, type CloudSettings, type PublicSettings } from '../../../contract';
import { useCall } from '../../../api';

/** Saves a change to the cloud settings (validated again in the engine; an invalid value is refused there). */
export function useCloudPatch(): (cloud: Partial<CloudSettings>) => Promise<PublicSettings | null> {
  const call = useCall();
  return (cloud) => call('settings.update', { patch: { cloud } });
}

/** Stores secrets for one endpoint, bound to its origin; they are never read back. */
export function useEndpointSecrets(): (baseUrl: string, secrets: { key?: string | null; headers?: Record<string, string | null>; query?: Record<string, string | null> }) => Promise<unknown> {
  const call = useCall();
  return (baseUrl, secrets) => call('endpoint.secrets.set', { baseUrl, ...secrets });
}

/** What the window knows of an endpoint's stored secrets: whether a key is set, which secret names have values. */
export function storedSecrets(settings: PublicSettings, baseUrl: string): { key: boolean; headers: string[]; query: string[] } {
  const origin = originOf(baseUrl);
  const entry = settings.endpointSecrets?.find((e) => e.origin === origin);
  const mainKey = origin !== null && settings.apiKeyOrigin === origin && settings.apiKeySet;
  return { key: (entry?.key ?? false) || mainKey, headers: entry?.headers ?? [], query: entry?.query ?? [] };
}
