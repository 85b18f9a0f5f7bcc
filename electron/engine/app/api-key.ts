import { toCommandError, type Notice } from '../../contract';
import type { SecretStore } from '../settings/secret-store';
import { EngineFailure } from './errors';

/** The origin of an endpoint URL ("https://api.openai.com"), or null when there is none or it does not parse. */
export function endpointOrigin(baseUrl: string): string | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}

interface BoundKey {
  key: string;
  origin: string;
}

/** Stored as JSON with its origin; a plain string is a key stored before keys were bound (see open()). */
function parseStored(value: string, legacyOrigin: string | null): BoundKey | null {
  try {
    const parsed = JSON.parse(value) as Partial<BoundKey>;
    if (typeof parsed.key === 'string' && typeof parsed.origin === 'string') return { key: parsed.key, origin: parsed.origin };
  } catch {
    // not JSON: a legacy plain key
  }
  return legacyOrigin ? { key: value, origin: legacyOrigin } : null;
}

/**
 * The cloud endpoint's key, bound to the origin it was entered for: it is handed out only for a URL of that origin,
 * so pointing the endpoint elsewhere cannot take the key there. Kept in memory for the cloud client, stored only
 * through the SecretStore. A keyring that cannot be read never stops the app: the cloud lane has no key, and a notice
 * asks for it again.
 */
export class ApiKey {
  private constructor(
    private readonly secrets: SecretStore,
    private bound: BoundKey | null,
    /** Why the stored key could not be read at start, for the windows to show. */
    readonly notices: readonly Notice[],
  ) {}

  /** Reads the stored key; a legacy unbound key is bound to the endpoint configured now. */
  static async open(secrets: SecretStore, currentBaseUrl: string): Promise<ApiKey> {
    try {
      const stored = await secrets.get('apiKey');
      return new ApiKey(secrets, stored === null ? null : parseStored(stored, endpointOrigin(currentBaseUrl)), []);
    } catch (error) {
      const f = toCommandError(error, { code: 'secrets_unreadable', action: 'Enter the API key again in Settings → Cloud endpoint.' });
      const message = `${f.message} The cloud lane has no key until you enter it again in Settings → Cloud endpoint.`;
      return new ApiKey(secrets, null, [{ type: 'notice', level: 'warning', code: f.code, message }]);
    }
  }

  /** The key, only for an endpoint of the origin it belongs to. */
  forEndpoint(baseUrl: string): string | null {
    return this.bound && this.bound.origin === endpointOrigin(baseUrl) ? this.bound.key : null;
  }

  /** Stores the key bound to this endpoint (or deletes it with null). */
  async set(key: string | null, baseUrl: string): Promise<void> {
    if (key === null) return this.clear();
    const origin = endpointOrigin(baseUrl);
    if (!origin) throw new EngineFailure('apikey_no_endpoint', 'An API key belongs to an endpoint, and none is set.', 'Enter and save the Base URL first, then the key.');
    const bound = { key, origin };
    await this.secrets.set('apiKey', JSON.stringify(bound));
    this.bound = bound;
  }

  async clear(): Promise<void> {
    await this.secrets.set('apiKey', null);
    this.bound = null;
  }

  /** What the window may learn: whether a key is set and for which origin, never the key. */
  get origin(): string | null {
    return this.bound?.origin ?? null;
  }
}
