import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import pRetry from 'p-retry';
import { ActionableError, type CloudSettings, type TokenUsage } from '../../contract';
import { findEgressError, type ByteCounts, type Egress, type EgressFetch } from '../egress';
import { buildTranslationMessages } from './cloud-prompt';
import type { TranslationRequest, TranslationResult, Translator } from './types';

/**
 * The cloud lane: an OpenAI-compatible chat endpoint, streamed, through the egress fetch (so
 * all-local mode, the allow-list, byte counting and the audit log apply to every attempt).
 * The SDK's own retries are off: retries here honour Retry-After, back off on 5xx and network
 * errors, and never retry what cannot get better (401, 400, all-local, a broken stream).
 */

export type CloudErrorCode =
  | 'CLOUD_UNCONFIGURED'
  | 'CLOUD_BLOCKED'
  | 'CLOUD_AUTH'
  | 'CLOUD_BAD_REQUEST'
  | 'CLOUD_RATE_LIMITED'
  | 'CLOUD_SERVER'
  | 'CLOUD_TIMEOUT'
  | 'CLOUD_NETWORK'
  | 'CLOUD_MALFORMED'
  | 'CLOUD_EMPTY'
  | 'CLOUD_ABORTED';

const ACTIONS: Record<CloudErrorCode, string> = {
  CLOUD_UNCONFIGURED: 'Set an endpoint URL in Settings to use the cloud lane.',
  CLOUD_BLOCKED: 'All-local mode is on; turn it off to use the cloud lane.',
  CLOUD_AUTH: 'Check the API key in Settings.',
  CLOUD_BAD_REQUEST: 'Check the model name in Settings; the endpoint rejected the request.',
  CLOUD_RATE_LIMITED: 'The endpoint is rate-limiting; lines are translated on the device meanwhile.',
  CLOUD_SERVER: 'The endpoint has a problem; lines are translated on the device meanwhile.',
  CLOUD_TIMEOUT: 'The endpoint did not answer in time; raise the timeout in Settings or check the connection.',
  CLOUD_NETWORK: 'Check the network connection and the endpoint URL.',
  CLOUD_MALFORMED: 'The endpoint sent a broken answer; check that it is OpenAI-compatible.',
  CLOUD_EMPTY: 'The endpoint returned no translation; try another model.',
  CLOUD_ABORTED: 'The translation was cancelled.',
};

export class CloudTranslationError extends ActionableError<CloudErrorCode> {
  override readonly name = 'CloudTranslationError';
  readonly retryable: boolean;
  /** Wait the server asked for (Retry-After), if any. */
  readonly retryAfterMs: number | null;
  status: number | null;
  /** Bytes on the wire over all attempts, filled in when the translation gives up. */
  bytesSent = 0;
  bytesReceived = 0;
  attempts = 0;
  constructor(code: CloudErrorCode, message: string, opts: { retryable?: boolean; retryAfterMs?: number | null; status?: number | null; cause?: unknown } = {}) {
    super(code, message, ACTIONS[code], { cause: opts.cause });
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.status = opts.status ?? null;
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

/** Maps whatever an attempt threw to a typed error that knows whether a retry can help. */
export function classifyCloudError(error: unknown, ctx: { timedOut: boolean; aborted: boolean }): CloudTranslationError {
  if (error instanceof CloudTranslationError) return error;
  const egress = findEgressError(error);
  if (egress) return new CloudTranslationError('CLOUD_BLOCKED', egress.message, { cause: egress });
  if (ctx.aborted) return new CloudTranslationError('CLOUD_ABORTED', 'The translation was cancelled.', { cause: error });
  // A live caption cannot wait a second full timeout: a timeout goes to the device lane at once.
  if (ctx.timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return new CloudTranslationError('CLOUD_TIMEOUT', 'The endpoint did not answer in time.', { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const wait = retryAfterMs(error.headers);
    const detail = `The endpoint answered HTTP ${status}${error.message ? `: ${error.message}` : ''}`;
    if (status === 401 || status === 403) return new CloudTranslationError('CLOUD_AUTH', detail, { status, cause: error });
    if (status === 429) return new CloudTranslationError('CLOUD_RATE_LIMITED', detail, { status, retryable: true, retryAfterMs: wait, cause: error });
    if (status === 408 || status === 409 || status >= 500) {
      return new CloudTranslationError('CLOUD_SERVER', detail, { status, retryable: true, retryAfterMs: wait, cause: error });
    }
    return new CloudTranslationError('CLOUD_BAD_REQUEST', detail, { status, cause: error });
  }
  if (error instanceof SyntaxError) return new CloudTranslationError('CLOUD_MALFORMED', `The endpoint's stream had a chunk that is not JSON (${error.message}).`, { cause: error });
  if (error instanceof OpenAI.APIConnectionError || error instanceof TypeError || (error as { code?: string })?.code === 'ECONNRESET') {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return new CloudTranslationError('CLOUD_NETWORK', `The connection to the endpoint failed${cause ? ` (${cause})` : ''}.`, { retryable: true, cause: error });
  }
  return new CloudTranslationError('CLOUD_NETWORK', `The endpoint request failed: ${(error as Error)?.message ?? String(error)}`, { retryable: true, cause: error });
}

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

/** One configured client; retries are ours (p-retry), so the SDK's are off. */
function openAiClient(settings: CloudSettings, apiKey: string | null, fetch: EgressFetch): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    // Local OpenAI-compatible servers need no key, but the SDK requires a value.
    apiKey: apiKey ?? 'no-key',
    fetch,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
    defaultHeaders: NO_PLATFORM_HEADERS,
  });
}

export interface CloudTranslatorOptions {
  egress: Egress;
  /** Read on every call, so settings changes apply to the next line. */
  settings: () => CloudSettings;
  apiKey: () => string | null;
  /** First backoff delay for 5xx/network retries; doubles per retry. */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the line goes to the device lane instead. */
  maxRetryAfterMs?: number;
}

export interface CloudTranslator extends Translator {
  readonly lane: 'cloud';
}

export function createCloudTranslator(options: CloudTranslatorOptions): CloudTranslator {
  const backoffMs = options.backoffMs ?? 500;

  async function attempt(client: OpenAI, request: TranslationRequest, model: string, timeoutMs: number): Promise<{ text: string; usage: TokenUsage | null }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const stream = await client.chat.completions.create(
        {
          model,
          stream: true,
          // The last chunk then carries the tokens billed, for the ledger's cost.
          stream_options: { include_usage: true },
          temperature: 0,
          messages: buildTranslationMessages(request.text, request.sourceLanguage, request.targetLanguage),
        },
        { signal, timeout: timeoutMs },
      );
      let text = '';
      let finished = false;
      let usage: TokenUsage | null = null;
      for await (const chunk of stream) {
        if (chunk.usage) usage = { prompt_tokens: chunk.usage.prompt_tokens ?? 0, completion_tokens: chunk.usage.completion_tokens ?? 0 };
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const delta = choice.delta?.content ?? '';
        if (delta) {
          text += delta;
          request.onPartial?.(text);
        }
        if (choice.finish_reason) finished = true;
      }
      // The SDK ends an aborted stream quietly: tell timeouts and cancels apart from a clean end.
      if (signal.aborted) throw signal.reason;
      if (!finished) throw new CloudTranslationError('CLOUD_MALFORMED', 'The stream ended before the translation was finished.', { retryable: true });
      if (text.trim() === '') throw new CloudTranslationError('CLOUD_EMPTY', 'The endpoint returned an empty translation.');
      return { text: text.trim(), usage };
    } catch (error) {
      throw classifyCloudError(error, { timedOut: timeout.aborted, aborted: request.signal?.aborted === true });
    }
  }

  return {
    lane: 'cloud',
    supports: () => options.settings().baseUrl !== '',
    async translate(request: TranslationRequest): Promise<TranslationResult> {
      const started = performance.now();
      const settings = options.settings();
      if (settings.baseUrl === '') throw new CloudTranslationError('CLOUD_UNCONFIGURED', 'No cloud endpoint is configured.');
      const scope = options.egress.scope({ purpose: 'translation', captionId: request.id, text: request.text });
      const client = openAiClient(settings, options.apiKey(), scope.fetch);
      const maxWait = options.maxRetryAfterMs ?? settings.timeoutMs;
      let attempts = 0;
      const finish = async (): Promise<ByteCounts> => scope.close();
      try {
        const { text, usage } = await pRetry(
          () => {
            attempts++;
            return attempt(client, request, settings.model, settings.timeoutMs);
          },
          {
            retries: settings.maxRetries,
            minTimeout: 0,
            factor: 1,
            signal: request.signal,
            // Waiting happens here so Retry-After is honoured exactly; p-retry itself waits 0.
            onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
              const e = error as CloudTranslationError;
              if (!e.retryable || retriesLeft === 0) return;
              const wait = e.retryAfterMs ?? backoffMs * 2 ** (attemptNumber - 1) * (1 + Math.random() * 0.25);
              if (wait > maxWait) return; // shouldRetry below refuses it
              await sleep(wait, undefined, { signal: request.signal });
            },
            shouldRetry: ({ error }) => {
              const e = error as CloudTranslationError;
              return e.retryable && (e.retryAfterMs ?? 0) <= maxWait;
            },
          },
        );
        const counts = await finish();
        return { text, lane: 'cloud', meanLogprob: null, bytesSent: counts.sent, bytesReceived: counts.received, ms: performance.now() - started, requests: attempts, usage };
      } catch (error) {
        const counts = await finish();
        const typed = classifyCloudError(error, { timedOut: false, aborted: request.signal?.aborted === true });
        typed.bytesSent = counts.sent;
        typed.bytesReceived = counts.received;
        typed.attempts = attempts;
        throw typed;
      }
    },
  };
}

export type EndpointState = 'unconfigured' | 'blocked' | 'reachable' | 'unreachable';

/** GET {baseUrl}/models through the egress (purpose endpoint-check): for the status bar. */
export async function checkEndpoint(egress: Egress, settings: CloudSettings, apiKey: string | null): Promise<{ state: EndpointState; message: string | null }> {
  if (settings.baseUrl === '') return { state: 'unconfigured', message: null };
  const scope = egress.scope({ purpose: 'endpoint-check' });
  const client = openAiClient(settings, apiKey, scope.fetch);
  try {
    await client.models.list();
    return { state: 'reachable', message: null };
  } catch (error) {
    const typed = classifyCloudError(error, { timedOut: false, aborted: false });
    return { state: typed.code === 'CLOUD_BLOCKED' ? 'blocked' : 'unreachable', message: `${typed.message} ${typed.action}` };
  } finally {
    await scope.close();
  }
}
