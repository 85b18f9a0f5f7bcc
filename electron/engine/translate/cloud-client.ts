import OpenAI from 'openai';
import type { EgressFetch } from '../egress';
import type { Endpoint } from './cloud-endpoint';

/**
 * The openai SDK configured for one endpoint, on the egress fetch: the key in the header the endpoint wants (or none),
 * the gateway's extra headers and query parameters, no machine fingerprint, the SDK's own retries and timeouts off
 * (ours are per line; the egress enforces connect and idle deadlines).
 */

/**
 * The SDK's platform headers (OS, CPU architecture, runtime and their versions) fingerprint this machine and
 * carry nothing a translation needs: they are removed, and the user agent says only "Sotto".
 */
const NO_PLATFORM_HEADERS = {
  'User-Agent': 'Sotto',
  'X-Stainless-Lang': null,
  'X-Stainless-Package-Version': null,
  'X-Stainless-OS': null,
  'X-Stainless-Arch': null,
  'X-Stainless-Runtime': null,
  'X-Stainless-Runtime-Version': null,
  'X-Stainless-Retry-Count': null,
  'X-Stainless-Timeout': null,
};

function authHeaders(endpoint: Endpoint): Record<string, string | null> {
  // No key, or a server that takes none: no Authorization header at all (not a placeholder key).
  if (!endpoint.key || endpoint.authStyle === 'none') return { Authorization: null };
  if (endpoint.authStyle === 'api-key') return { Authorization: null, 'api-key': endpoint.key };
  return {};
}

/** The last error answer's body: the SDK drops JSON bodies without an `error` key, and Sotto wants their message. */
export interface ErrorBodies {
  last: string | null;
}

/** A fetch that keeps a copy of each error answer's body (small: error bodies are cut at 8 KB). */
function keepingErrorBodies(fetch: EgressFetch, bodies: ErrorBodies): EgressFetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.ok) return res;
    const text = (await res.text()).slice(0, 8192);
    bodies.last = text;
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export function openAiClient(endpoint: Endpoint, fetch: EgressFetch, bodies: ErrorBodies): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    // Required by the SDK; the header is set (or removed) below.
    apiKey: endpoint.key ?? 'unused',
    fetch: keepingErrorBodies(fetch, bodies),
    maxRetries: 0,
    // The egress's idle deadline ends a silent request; the SDK's would cut a slow stream's head.
    timeout: 24 * 60 * 60 * 1000,
    logLevel: 'off',
    defaultHeaders: { ...NO_PLATFORM_HEADERS, ...endpoint.headers, ...authHeaders(endpoint) },
    ...(Object.keys(endpoint.query).length ? { defaultQuery: endpoint.query } : {}),
  });
}
