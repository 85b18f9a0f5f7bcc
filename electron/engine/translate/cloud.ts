import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { CloudSettings, TokenUsage } from '../../contract';
import type { Egress, EgressScope } from '../egress';
import { openAiClient, type ErrorBodies } from './cloud-client';
import { endpointsOf, NO_SECRETS, type Endpoint, type EndpointSecrets } from './cloud-endpoint';
import { classifyCloudError, CloudTranslationError } from './cloud-errors';
import { checkReplyLanguage, preloadLanguageId } from './cloud-language';
import { cleanReply, partialReply, stripThinking } from './cloud-output';
import { defaultParams, learnFrom, MemoryParamMemory, paramKey, requestParams, type ModelParams, type ParamMemory } from './cloud-params';
import { buildTranslationMessages } from './cloud-prompt';
import { EndpointHealth } from './cloud-replicas';
import { readAnswer } from './cloud-stream';
import type { TranslationRequest, TranslationResult, Translator } from './types';

/**
 * The cloud lane: OpenAI-compatible chat endpoints, streamed, through the egress fetch (so all-local mode, the
 * allow-list, byte counting and the audit log apply to every attempt). A line goes to one endpoint at a time (the
 * next replica only after one failed); on an endpoint, retries honour Retry-After and back off on 5xx and network
 * errors, and never retry what cannot get better; a 400 about a parameter is answered by changing the parameter.
 */

export { classifyCloudError, CloudTranslationError, readServerError, retryAfterMs, type CloudErrorCode } from './cloud-errors';

export interface CloudTranslatorOptions {
  egress: Egress;
  /** Read on every call, so settings changes apply to the next line. */
  settings: () => CloudSettings;
  /** The key of the main endpoint (older callers); `secrets` wins when given. */
  apiKey?: () => string | null;
  /** The secrets bound to one endpoint origin (key, secret headers and parameters). */
  secrets?: (origin: string) => EndpointSecrets;
  /** Parameters learned per endpoint + model (a file in the app, memory otherwise). */
  memory?: ParamMemory;
  health?: EndpointHealth;
  /** First backoff delay for 5xx/network retries; doubles per retry. */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the line goes to the device lane instead. */
  maxRetryAfterMs?: number;
}

export interface CloudTranslator extends Translator {
  readonly lane: 'cloud';
  readonly health: EndpointHealth;
}

interface Answer {
  text: string;
  usage: TokenUsage | null;
  truncated: boolean;
}

/** Errors after which another endpoint may still do better; a cancel or all-local ends the line. */
const tryNext = (e: CloudTranslationError): boolean => e.code !== 'CLOUD_ABORTED' && !(e.code === 'CLOUD_BLOCKED' && /all-local/i.test(e.message));

export function createCloudTranslator(options: CloudTranslatorOptions): CloudTranslator {
  return new CloudLane(options);
}

class CloudLane implements CloudTranslator {
  readonly lane = 'cloud' as const;
  readonly health: EndpointHealth;
  private readonly backoffMs: number;
  private readonly memory: ParamMemory;

  constructor(private readonly options: CloudTranslatorOptions) {
    this.backoffMs = options.backoffMs ?? 500;
    this.memory = options.memory ?? new MemoryParamMemory();
    this.health = options.health ?? new EndpointHealth();
    void preloadLanguageId().catch(() => undefined);
  }

  supports(): boolean {
    return this.options.settings().baseUrl !== '';
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const started = performance.now();
    const settings = this.options.settings();
    const endpoints = endpointsOf(settings, (origin) => this.secretsFor(origin));
    if (endpoints.length === 0) throw new CloudTranslationError('CLOUD_UNCONFIGURED', 'No cloud endpoint is configured.');
    const timeouts = { connectMs: settings.connectTimeoutMs, idleMs: settings.timeoutMs };
    const scope = this.options.egress.scope({ purpose: 'translation', captionId: request.id, text: request.text, timeouts });
    const counter = { attempts: 0 };
    let last = new CloudTranslationError('CLOUD_SERVER', 'Every endpoint is cooling down after failing; lines are translated on the device meanwhile.');
    for (const endpoint of this.health.order(endpoints)) {
      try {
        const { text, usage, truncated } = await this.onEndpoint(scope, endpoint, settings, request, counter);
        this.health.succeeded(endpoint);
        const counts = await scope.close();
        return { text, usage, truncated, lane: 'cloud', meanLogprob: null, bytesSent: counts.sent, bytesReceived: counts.received, ms: performance.now() - started, requests: counter.attempts, endpoint: endpoint.origin };
      } catch (error) {
        last = error as CloudTranslationError;
        last.endpoint = endpoint.origin;
        if (!tryNext(last)) break;
        // A reply that was no translation says something about the model, not about the endpoint's health.
        if (last.code !== 'CLOUD_EMPTY' && last.code !== 'CLOUD_UNUSABLE') this.health.failed(endpoint);
      }
    }
    const counts = await scope.close();
    throw Object.assign(last, { bytesSent: counts.sent, bytesReceived: counts.received, attempts: counter.attempts });
  }

  private secretsFor(origin: string): EndpointSecrets {
    if (this.options.secrets) return this.options.secrets(origin);
    const main = this.options.settings().baseUrl;
    const key = this.options.apiKey?.() ?? null;
    // The legacy single key belongs to the main endpoint's origin only.
    return key && main && origin === new URL(main).origin ? { ...NO_SECRETS, key } : NO_SECRETS;
  }

  /** A line on one endpoint: retries, and a changed parameter after a 400 that names one (remembered). */
  private async onEndpoint(scope: EgressScope, endpoint: Endpoint, settings: CloudSettings, request: TranslationRequest, counter: { attempts: number }): Promise<Answer> {
    const key = paramKey(endpoint.baseUrl, endpoint.model);
    let params = this.memory.get(key) ?? defaultParams(endpoint.preset, endpoint.model);
    for (let fixes = 0; ; fixes++) {
      try {
        return await this.withRetries(settings, request, counter, () => this.attempt(scope, endpoint, params, request));
      } catch (error) {
        const typed = classifyCloudError(error, { aborted: request.signal?.aborted === true, secrets: endpoint.secrets });
        const next = fixes < 3 ? learnFrom(typed, params) : null;
        if (!next) throw typed;
        params = next;
        this.memory.set(key, next);
      }
    }
  }

  /** Retries on one endpoint: Retry-After honoured exactly, backoff with jitter, none for what cannot get better. */
  private withRetries(settings: CloudSettings, request: TranslationRequest, counter: { attempts: number }, run: () => Promise<Answer>): Promise<Answer> {
    const maxWait = this.options.maxRetryAfterMs ?? settings.timeoutMs;
    const retryable = (e: CloudTranslationError): boolean => e.retryable && (e.retryAfterMs ?? 0) <= maxWait;
    return pRetry(
      () => {
        counter.attempts++;
        return run();
      },
      {
        retries: settings.maxRetries,
        minTimeout: 0,
        factor: 1,
        signal: request.signal,
        // Waiting happens here so Retry-After is honoured exactly; p-retry itself waits 0.
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          const e = error as CloudTranslationError;
          if (!retryable(e) || retriesLeft === 0) return;
          await sleep(e.retryAfterMs ?? this.backoffMs * 2 ** (attemptNumber - 1) * (1 + Math.random() * 0.25), undefined, { signal: request.signal });
        },
        shouldRetry: ({ error }) => retryable(error as CloudTranslationError),
      },
    );
  }

  /** One request to one endpoint with fixed parameters: the cleaned, checked translation. */
  private async attempt(scope: EgressScope, endpoint: Endpoint, params: ModelParams, request: TranslationRequest): Promise<Answer> {
    const bodies: ErrorBodies = { last: null };
    try {
      const client = openAiClient(endpoint, scope.fetch, bodies);
      const body = { model: endpoint.model, stream: true as const, messages: buildTranslationMessages(request.text, request.sourceLanguage, request.targetLanguage), ...requestParams(params, request.text) };
      const { data, response } = await client.chat.completions.create(body, { signal: request.signal }).withResponse();
      let shown = '';
      const raw = await readAnswer(data, response, (soFar) => {
        const next = partialReply(soFar);
        if (next !== shown) request.onPartial?.((shown = next));
      });
      // The SDK ends an aborted stream quietly: a cancel is not a clean end.
      request.signal?.throwIfAborted();
      return await finishAnswer(raw.text, raw.finish, raw.usage, request);
    } catch (error) {
      throw classifyCloudError(error, { aborted: request.signal?.aborted === true, errorBody: bodies.last, secrets: endpoint.secrets });
    }
  }
}

/** The reply made into a caption's text, or why it is none: thinking and wrapping removed, its language checked. */
async function finishAnswer(raw: string, finish: string | null, usage: TokenUsage | null, request: TranslationRequest): Promise<Answer> {
  const text = cleanReply(stripThinking(raw, true));
  if (text === '') {
    const why = finish === 'length' ? 'The model used its whole output budget before answering (a reasoning model thinking too long).' : 'The endpoint returned an empty translation.';
    throw new CloudTranslationError('CLOUD_EMPTY', why);
  }
  const verdict = await checkReplyLanguage(text, request.targetLanguage, { text: request.text, language: request.sourceLanguage });
  if (!verdict.ok) throw new CloudTranslationError('CLOUD_UNUSABLE', `The endpoint's reply was not usable: ${verdict.reason}.`);
  return { text, usage, truncated: finish === 'length' };
}
