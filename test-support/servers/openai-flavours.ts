/**
 * How different OpenAI-compatible servers lay out their routes, check keys and word their errors, as their
 * documentation and issue trackers show them:
 *  - openai: /v1/…, `Authorization: Bearer`, `{error: {message, type, param, code}}`;
 *  - azure: /openai/v1/… (Bearer or `api-key`) and the classic /openai/deployments/<name>/… that needs
 *    `?api-version=` and `api-key`, errors `{error: {code: "404", message}}`;
 *  - ollama: the OpenAI API under /v1 only, a plain-text "404 page not found" anywhere else, "Ollama is running" at /;
 *  - vllm: /v1/…, errors at the top level `{object: "error", message, type, code}`, FastAPI's `{detail}` for routes.
 */
import type http from 'node:http';

export type Flavour = 'openai' | 'azure' | 'ollama' | 'vllm';

export type Route =
  | { kind: 'models' }
  | { kind: 'chat'; deployment: string | null }
  | { kind: 'reply'; status: number; body: string; contentType: string };

export interface RouteOptions {
  flavour: Flavour;
  apiKey: string | null;
  /** Header name → value a gateway demands on every request. */
  requireHeaders: Record<string, string>;
  /** Azure deployments (classic route); any name when empty. */
  deployments: string[];
}

const json = (status: number, payload: unknown): Route => ({ kind: 'reply', status, body: JSON.stringify(payload), contentType: 'application/json' });

/** An error in the flavour's own shape. */
export function errorReply(flavour: Flavour, status: number, message: string, type: string, extra: { param?: string | null; code?: string | number | null } = {}): Route {
  if (flavour === 'vllm') return json(status, { object: 'error', message, type, param: extra.param ?? null, code: status });
  if (flavour === 'azure') return json(status, { error: { code: String(extra.code ?? status), message, ...(extra.param ? { param: extra.param } : {}) } });
  return json(status, { error: { message, type, param: extra.param ?? null, code: extra.code ?? null } });
}

function notFound(flavour: Flavour, method: string, path: string): Route {
  if (flavour === 'ollama') return { kind: 'reply', status: 404, body: '404 page not found', contentType: 'text/plain' };
  if (flavour === 'vllm') return json(404, { detail: 'Not Found' });
  if (flavour === 'azure') return json(404, { error: { code: '404', message: 'Resource not found' } });
  return errorReply('openai', 404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

/** The key as this flavour reads it: Bearer, or Azure's `api-key` (Azure's v1 route takes either). */
function keyOf(req: http.IncomingMessage, flavour: Flavour, classic: boolean): string | null {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const apiKey = typeof req.headers['api-key'] === 'string' ? req.headers['api-key'] : null;
  if (flavour !== 'azure') return bearer;
  return classic ? apiKey : (apiKey ?? bearer);
}

function unauthorized(flavour: Flavour): Route {
  if (flavour === 'azure') {
    return json(401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } });
  }
  return errorReply(flavour, 401, 'Incorrect API key provided.', 'invalid_request_error', { code: 'invalid_api_key' });
}

/** Where a request goes, or the answer it gets before reaching a handler. */
export function route(req: http.IncomingMessage, o: RouteOptions): Route {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (o.flavour === 'ollama' && path === '/' && method === 'GET') return { kind: 'reply', status: 200, body: 'Ollama is running', contentType: 'text/plain' };
  const classic = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
  const prefix = o.flavour === 'azure' ? '/openai/v1' : '/v1';
  const known = path === `${prefix}/models` || path === `${prefix}/chat/completions` || (o.flavour === 'azure' && classic !== null);
  if (!known) return notFound(o.flavour, method, path);
  for (const [name, value] of Object.entries(o.requireHeaders)) {
    if (req.headers[name.toLowerCase()] !== value) return errorReply(o.flavour, 403, `Missing or wrong ${name} header.`, 'permission_denied');
  }
  if (o.apiKey && keyOf(req, o.flavour, classic !== null) !== o.apiKey) return unauthorized(o.flavour);
  if (classic) {
    if (!url.searchParams.get('api-version')) return notFound('azure', method, path);
    const deployment = decodeURIComponent(classic[1]!);
    if (o.deployments.length && !o.deployments.includes(deployment)) {
      return json(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.' } });
    }
    return method === 'POST' ? { kind: 'chat', deployment } : notFound('azure', method, path);
  }
  if (path.endsWith('/models')) return method === 'GET' ? { kind: 'models' } : notFound(o.flavour, method, path);
  return method === 'POST' ? { kind: 'chat', deployment: null } : notFound(o.flavour, method, path);
}
