import type { CloudAuthStyle, CloudExtra, CloudPreset, CloudReplica, CloudSettings } from '../../contract';

/**
 * Endpoints as Sotto calls them: presets for the servers people run, the base URL as the user typed it made into one
 * the SDK can use, and every configured endpoint (the main one and its replicas) with the secrets bound to its origin.
 */

export { CLOUD_PRESETS as PRESETS, type CloudPresetInfo as PresetInfo } from '../../contract';

/** The preset a URL belongs to, for settings written before presets existed. */
export function inferPreset(baseUrl: string): CloudPreset {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'custom';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return 'openai';
  if (host.endsWith('.openai.azure.com')) return 'azure';
  if (host === 'openrouter.ai') return 'openrouter';
  if (host === 'api.groq.com') return 'groq';
  if (url.port === '11434') return 'ollama';
  if (url.port === '1234') return 'lmstudio';
  return 'custom';
}

export interface NormalisedUrl {
  baseUrl: string;
  /** Query parameters that were in the pasted URL (Azure's api-version): sent as parameters, not mangled. */
  query: { name: string; value: string }[];
  /** What was changed, for the check's message; null when nothing was. */
  note: string | null;
}

const ENDPOINT_SUFFIX = /\/(?:chat\/completions|completions|models|responses)\/?$/i;

/**
 * A base URL the SDK can append `/chat/completions` to: a pasted full endpoint URL is trimmed, a query is taken out,
 * and a bare root gets the path the server serves the API under (`/v1`; Azure `/openai/v1`).
 */
export function normaliseBaseUrl(raw: string, preset: CloudPreset): NormalisedUrl {
  const url = new URL(raw.trim());
  const notes: string[] = [];
  const query = [...url.searchParams].map(([name, value]) => ({ name, value }));
  if (query.length) notes.push('its query moved into parameters');
  url.search = '';
  url.hash = '';
  if (ENDPOINT_SUFFIX.test(url.pathname)) {
    url.pathname = url.pathname.replace(ENDPOINT_SUFFIX, '');
    notes.push('the endpoint path was trimmed');
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path;
  if (path === '') {
    url.pathname = preset === 'azure' || url.hostname.endsWith('.openai.azure.com') ? '/openai/v1' : '/v1';
    notes.push(`${url.pathname} was added to the root URL`);
  }
  return { baseUrl: url.href.replace(/\/+$/, ''), query, note: notes.length ? `Using ${url.href.replace(/\/+$/, '')}: ${notes.join(', ')}.` : null };
}

/** The secrets stored for one endpoint origin: the key and the values of its secret headers / parameters. */
export interface EndpointSecrets {
  key: string | null;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export const NO_SECRETS: EndpointSecrets = { key: null, headers: {}, query: {} };

/** One endpoint, ready to call. */
export interface Endpoint {
  /** Position in the settings (0 = the main endpoint), for the breaker and the logs. */
  index: number;
  origin: string;
  baseUrl: string;
  model: string;
  preset: CloudPreset;
  authStyle: CloudAuthStyle;
  rank: number;
  headers: Record<string, string>;
  query: Record<string, string>;
  key: string | null;
  /** Every credential the request carries: scrubbed from whatever the server says back. */
  secrets: string[];
}

type EndpointConfig = Pick<CloudReplica, 'baseUrl' | 'model' | 'preset' | 'authStyle' | 'headers' | 'query' | 'rank'>;

function extras(list: CloudExtra[], stored: Record<string, string>, also: { name: string; value: string }[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of also) out[name] = value;
  for (const extra of list) {
    const value = extra.secret ? stored[extra.name] : extra.value;
    if (value) out[extra.name] = value;
  }
  return out;
}

function resolve(config: EndpointConfig, index: number, secretsFor: (origin: string) => EndpointSecrets): Endpoint {
  const preset = config.preset === 'custom' ? inferPreset(config.baseUrl) : config.preset;
  const { baseUrl, query: pasted } = normaliseBaseUrl(config.baseUrl, preset);
  const origin = new URL(baseUrl).origin;
  const stored = secretsFor(origin);
  const headers = extras(config.headers, stored.headers);
  const query = extras(config.query, stored.query, pasted);
  const key = config.authStyle === 'none' ? null : stored.key;
  const secrets = [key, ...config.headers.filter((h) => h.secret).map((h) => headers[h.name]), ...config.query.filter((q) => q.secret).map((q) => query[q.name])];
  return { index, origin, baseUrl, model: config.model, preset, authStyle: config.authStyle, rank: config.rank, headers, query, key, secrets: secrets.filter((s): s is string => !!s) };
}

/** The main endpoint (rank 0) and the replicas, each with the secrets of its own origin only. */
export function endpointsOf(cloud: CloudSettings, secretsFor: (origin: string) => EndpointSecrets): Endpoint[] {
  if (!cloud.baseUrl) return [];
  const main: EndpointConfig = { baseUrl: cloud.baseUrl, model: cloud.model, preset: cloud.preset, authStyle: cloud.authStyle, headers: cloud.headers, query: cloud.query, rank: 0 };
  const out: Endpoint[] = [];
  for (const [i, config] of [main, ...cloud.replicas].entries()) {
    try {
      out.push(resolve(config, i, secretsFor));
    } catch {
      // A URL that does not parse is no endpoint; settings validation says why.
    }
  }
  return out;
}
