import OpenAI from 'openai';
import { ActionableError } from '../../contract';
import { findEgressError, scrubSecrets, EgressTimeoutError } from '../egress';

/**
 * What can go wrong on the cloud lane, in types that know whether a retry can help, and the server's own words
 * (scrubbed of every credential the request carried) in the message.
 */

export type CloudErrorCode =
  | 'CLOUD_UNCONFIGURED'
  | 'CLOUD_BLOCKED'
  | 'CLOUD_AUTH'
  | 'CLOUD_QUOTA'
  | 'CLOUD_NOT_FOUND'
  | 'CLOUD_MODEL'
  | 'CLOUD_BAD_REQUEST'
  | 'CLOUD_RATE_LIMITED'
  | 'CLOUD_SERVER'
  | 'CLOUD_TIMEOUT'
  | 'CLOUD_NETWORK'
  | 'CLOUD_MALFORMED'
  | 'CLOUD_EMPTY'
  | 'CLOUD_UNUSABLE'
  | 'CLOUD_BUDGET'
  | 'CLOUD_ABORTED';

const ACTIONS: Record<CloudErrorCode, string> = {
  CLOUD_UNCONFIGURED: 'Set an endpoint URL in Settings to use the cloud lane.',
  CLOUD_BLOCKED: 'All-local mode is on; turn it off to use the cloud lane.',
  CLOUD_AUTH: 'Check the API key (and its auth style: Bearer or api-key) in Settings.',
  CLOUD_QUOTA: "The account has no credit or quota left; top it up at the provider, or lines stay on the device.",
  CLOUD_NOT_FOUND: 'Check the base URL path in Settings (most servers end in /v1); Check endpoint lists what the server offers.',
  CLOUD_MODEL: 'Check the model name in Settings; Check endpoint lists the models the server serves.',
  CLOUD_BAD_REQUEST: 'The endpoint rejected the request; its message says why.',
  CLOUD_RATE_LIMITED: 'The endpoint is rate-limiting; lines are translated on the device meanwhile.',
  CLOUD_SERVER: 'The endpoint has a problem; lines are translated on the device meanwhile.',
  CLOUD_TIMEOUT: 'The endpoint went quiet for too long; raise the idle timeout in Settings or check the connection.',
  CLOUD_NETWORK: 'Check the network connection and the endpoint URL.',
  CLOUD_MALFORMED: 'The endpoint sent a broken answer; check that it is OpenAI-compatible.',
  CLOUD_EMPTY: 'The endpoint returned no translation; try another model.',
  CLOUD_UNUSABLE: 'The reply was not a translation into the target language; try another model.',
  CLOUD_BUDGET: 'The monthly cloud budget is spent; raise it in Settings or lines stay on the device.',
  CLOUD_ABORTED: 'The translation was cancelled.',
};

export class CloudTranslationError extends ActionableError<CloudErrorCode> {
  override readonly name = 'CloudTranslationError';
  readonly retryable: boolean;
  /** Wait the server asked for (Retry-After), if any. */
  readonly retryAfterMs: number | null;
  status: number | null;
  /** The request parameter the server named (`error.param`), for the parameter fallback. */
  readonly param: string | null;
  /** Bytes on the wire over all attempts, filled in when the translation gives up. */
  bytesSent = 0;
  bytesReceived = 0;
  attempts = 0;
  /** The endpoint origin that gave this answer (replicas), when one answered. */
  endpoint: string | null = null;
  constructor(
    code: CloudErrorCode,
    message: string,
    opts: { retryable?: boolean; retryAfterMs?: number | null; status?: number | null; param?: string | null; cause?: unknown; action?: string } = {},
  ) {
    super(code, message, opts.action ?? ACTIONS[code], { cause: opts.cause });
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.status = opts.status ?? null;
    this.param = opts.param ?? null;
  }
}

/** Retry-After as milliseconds: `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined | null, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** The parts of a server's error body Sotto reads, whatever shape it came in. */
export interface ServerError {
  message: string | null;
  code: string | null;
  type: string | null;
  param: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

/**
 * The message of an error body in any common shape: OpenAI's `{error: {message}}`, `{error: "text"}`, vLLM's
 * top-level `{message, type, code}`, FastAPI's `{detail}` (string or list), or plain text (Ollama's 404 page).
 */
export function readServerError(body: unknown): ServerError {
  if (typeof body === 'string') {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(body);
    } catch {
      const text = body.trim();
      return { message: text ? text.slice(0, 500) : null, code: null, type: null, param: null };
    }
    return readServerError(parsed);
  }
  if (typeof body !== 'object' || body === null) return { message: null, code: null, type: null, param: null };
  const top = body as Record<string, unknown>;
  const inner = typeof top.error === 'object' && top.error !== null ? (top.error as Record<string, unknown>) : top;
  const detail = Array.isArray(top.detail) ? top.detail.map((d) => str((d as { msg?: unknown })?.msg) ?? JSON.stringify(d)).join('; ') : str(top.detail);
  return {
    message: str(inner.message) ?? str(top.error) ?? detail ?? str(top.message),
    code: str(inner.code),
    type: str(inner.type),
    param: str(inner.param),
  };
}

export interface ClassifyContext {
  aborted: boolean;
  /** The raw body of the last error answer, when the SDK did not keep it (JSON without `error`). */
  errorBody?: string | null;
  /** Credentials the request carried: none of them may appear in a message. */
  secrets?: readonly string[];
}

/** Maps whatever an attempt threw to a typed error that knows whether a retry can help. */
export function classifyCloudError(error: unknown, ctx: ClassifyContext): CloudTranslationError {
  if (error instanceof CloudTranslationError) return error;
  const scrub = (text: string): string => scrubSecrets(text, ctx.secrets ?? []);
  const egress = findEgressError(error);
  // The egress says itself what happened and what to do (all-local, a host not configured, a refused redirect).
  if (egress) return new CloudTranslationError('CLOUD_BLOCKED', scrub(egress.message), { cause: egress, action: egress.action });
  if (ctx.aborted) return new CloudTranslationError('CLOUD_ABORTED', 'The translation was cancelled.', { cause: error });
  const timeout = findTimeout(error);
  if (timeout) return new CloudTranslationError('CLOUD_TIMEOUT', timeout, { cause: error });
  if (error instanceof OpenAI.APIError) return fromApiError(error, ctx, scrub);
  if (error instanceof SyntaxError) return new CloudTranslationError('CLOUD_MALFORMED', `The endpoint's stream had a chunk that is not JSON (${scrub(error.message)}).`, { cause: error });
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  if (error instanceof OpenAI.APIConnectionError || error instanceof TypeError || (error as { code?: string })?.code === 'ECONNRESET') {
    return new CloudTranslationError('CLOUD_NETWORK', `The connection to the endpoint failed${cause ? ` (${scrub(cause)})` : ''}.`, { retryable: true, cause: error });
  }
  return new CloudTranslationError('CLOUD_NETWORK', `The endpoint request failed: ${scrub((error as Error)?.message ?? String(error))}`, { retryable: true, cause: error });
}

/** The egress's own timeout (which says which wait ran out) anywhere in the chain, else the SDK's. */
function findTimeout(error: unknown): string | null {
  let sdk = false;
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressTimeoutError) return e.message;
    if (e instanceof OpenAI.APIConnectionTimeoutError) sdk = true;
    e = (e as { cause?: unknown }).cause;
  }
  return sdk ? 'The endpoint did not answer in time.' : null;
}

/** An HTTP error answer, or an error event inside a 200 stream (no status: its code or type says what it is). */
function fromApiError(error: InstanceType<typeof OpenAI.APIError>, ctx: ClassifyContext, scrub: (t: string) => string): CloudTranslationError {
  const server = readServerError(error.error ?? ctx.errorBody ?? null);
  if (!server.message && ctx.errorBody) Object.assign(server, { message: readServerError(ctx.errorBody).message });
  const status = typeof error.status === 'number' ? error.status : statusOf(server);
  const inStream = typeof error.status !== 'number';
  const said = server.message ? `: ${scrub(server.message)}` : ' (no message)';
  const detail = inStream ? `The endpoint reported an error inside its answer${said}` : `The endpoint answered HTTP ${status}${said}`;
  const opts = { status: inStream ? null : status, param: server.param, cause: error, retryAfterMs: retryAfterMs(error.headers) };
  const code = codeFor(status, server);
  return new CloudTranslationError(code, detail, { ...opts, retryable: retryableStatus(status) && code !== 'CLOUD_QUOTA' });
}

/** For an in-stream error: a numeric code is a status; otherwise its type or code names the class. */
function statusOf(server: ServerError): number {
  const numeric = Number(server.code);
  if (Number.isInteger(numeric) && numeric >= 400 && numeric < 600) return numeric;
  const words = `${server.type ?? ''} ${server.code ?? ''}`.toLowerCase();
  if (/auth|api_key|permission/.test(words)) return 401;
  if (/quota|billing|credit/.test(words)) return 402;
  if (/rate_limit|rate limit/.test(words)) return 429;
  if (/not_found|model_not_found/.test(words)) return 404;
  if (/invalid_request|badrequest|bad_request|unsupported|context_length/.test(words)) return 400;
  // server_error, api_error, overloaded, or nothing said: the server's side.
  return /server|api_error|overloaded|internal|timeout|unavailable/.test(words) ? 500 : 502;
}

function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function codeFor(status: number, server: ServerError): CloudErrorCode {
  const words = `${server.type ?? ''} ${server.code ?? ''}`.toLowerCase();
  if (status === 401 || status === 403) return 'CLOUD_AUTH';
  if (status === 402 || /insufficient_quota|billing/.test(words)) return 'CLOUD_QUOTA';
  if (status === 429) return 'CLOUD_RATE_LIMITED';
  if (status === 404) return /model|deployment/.test(`${words} ${server.message ?? ''}`.toLowerCase()) ? 'CLOUD_MODEL' : 'CLOUD_NOT_FOUND';
  if (retryableStatus(status)) return 'CLOUD_SERVER';
  if (/model/.test(words) && /not.?found|does not exist/.test((server.message ?? '').toLowerCase())) return 'CLOUD_MODEL';
  return 'CLOUD_BAD_REQUEST';
}
