import { originOf, toCommandError, type Notice, type PublicSettings } from '../../contract';
import type { SecretStore } from '../settings/secret-store';
import type { EndpointSecrets } from '../translate/cloud-endpoint';
import { EngineFailure } from './errors';

interface BoundKey {
  key: string;
  origin: string;
}

/** Per endpoint origin: a replica's key, and the values of secret headers and query parameters. */
type Book = Record<string, { key?: string; headers: Record<string, string>; query: Record<string, string> }>;

/** What to change for one origin: a value of null (or '') deletes it. */
export interface SecretsPatch {
  key?: string | null;
  headers?: Record<string, string | null>;
  query?: Record<string, string | null>;
}

function parseBook(value: string | null): Book {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value) as Book;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function merged(current: Record<string, string>, patch: Record<string, string | null> | undefined): Record<string, string> {
  const out = { ...current };
  for (const [name, value] of Object.entries(patch ?? {})) {
    if (value) out[name] = value;
    else delete out[name];
  }
  return out;
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
    private book: Book = {},
  ) {}

  /** Reads the stored key; a legacy unbound key is bound to the endpoint configured now. */
  static async open(secrets: SecretStore, currentBaseUrl: string): Promise<ApiKey> {
    try {
      const stored = await secrets.get('apiKey');
      const book = parseBook(await secrets.get('endpointSecrets'));
      return new ApiKey(secrets, stored === null ? null : parseStored(stored, originOf(currentBaseUrl)), [], book);
    } catch (error) {
      const f = toCommandError(error, { code: 'secrets_unreadable', action: 'Enter the API key again in Settings → Cloud endpoint.' });
      const message = `${f.message} The cloud lane has no key until you enter it again in Settings → Cloud endpoint.`;
      return new ApiKey(secrets, null, [{ type: 'notice', level: 'warning', code: f.code, message }]);
    }
  }

  /**
   * Everything stored for this origin and nothing else: the main key only if it was entered for this origin, the
   * replica key and secret extras only if they were. A request to another origin can never carry them.
   */
  secretsFor(origin: string): EndpointSecrets {
    const entry = this.book[origin];
    const key = entry?.key ?? (this.bound?.origin === origin ? this.bound.key : null);
    return { key, headers: { ...entry?.headers }, query: { ...entry?.query } };
  }

  /** Stores secrets for the endpoint at this URL (a replica's key, a secret header's value), bound to its origin. */
  async setFor(baseUrl: string, patch: SecretsPatch): Promise<void> {
    const origin = originOf(baseUrl);
    if (!origin) throw new EngineFailure('apikey_no_endpoint', 'A secret belongs to an endpoint, and this URL is not one.', 'Enter and save the endpoint URL first, then its secrets.');
    const entry = this.book[origin] ?? { headers: {}, query: {} };
    const key = patch.key === undefined ? entry.key : patch.key || undefined;
    const next: Book = { ...this.book, [origin]: { ...(key ? { key } : {}), headers: merged(entry.headers, patch.headers), query: merged(entry.query, patch.query) } };
    await this.writeBook(next);
  }

  /** Drops the secrets of every origin not in `origins` (an endpoint removed or pointed elsewhere); returns them. */
  async keepOnly(origins: readonly string[]): Promise<string[]> {
    const gone = Object.keys(this.book).filter((o) => !origins.includes(o));
    if (gone.length === 0) return [];
    await this.writeBook(Object.fromEntries(Object.entries(this.book).filter(([o]) => origins.includes(o))));
    return gone;
  }

  /** What the window may learn: per origin, whether a key is set and which secret names have values. */
  summary(): NonNullable<PublicSettings['endpointSecrets']> {
    const origins = new Set([...Object.keys(this.book), ...(this.bound ? [this.bound.origin] : [])]);
    return [...origins].map((origin) => {
      const s = this.secretsFor(origin);
      return { origin, key: s.key !== null, headers: Object.keys(s.headers), query: Object.keys(s.query) };
    });
  }

  private async writeBook(next: Book): Promise<void> {
    await this.secrets.set('endpointSecrets', Object.keys(next).length ? JSON.stringify(next) : null);
    this.book = next;
  }

  /** The key, only for an endpoint of the origin it belongs to. */
  forEndpoint(baseUrl: string): string | null {
    return this.bound && this.bound.origin === originOf(baseUrl) ? this.bound.key : null;
  }

  /** Stores the key bound to this endpoint (or deletes it with null). */
  async set(key: string | null, baseUrl: string): Promise<void> {
    if (key === null) return this.clear();
    const origin = originOf(baseUrl);
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
