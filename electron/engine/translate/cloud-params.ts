import type { CloudPreset } from '../../contract';
import type { CloudTranslationError } from './cloud-errors';

/**
 * Which optional request parameters an endpoint's model takes, learned per endpoint + model and remembered: OpenAI's
 * reasoning models (o-series, gpt-5) refuse `temperature` other than 1 and `max_tokens`; Ollama and LM Studio ignore
 * `max_completion_tokens` without a word (so for them the bound is `max_tokens`); older servers refuse
 * `stream_options`. A 400 naming a parameter (in `error.param` or its message) drops or swaps it, once.
 */

export type TokenParam = 'max_completion_tokens' | 'max_tokens';

export interface ModelParams {
  /** Send temperature 0 (deterministic translation); off for models that only take their default. */
  temperature: boolean;
  /** How the output is bounded; null when the server refused both names. */
  tokenParam: TokenParam | null;
  /** Ask for the usage chunk at the end of the stream (stream_options.include_usage). */
  streamUsage: boolean;
  /** The model thinks before it answers: its output budget needs room for that. */
  reasoning: boolean;
}

/** Where learned parameters are kept (a small file in the app's data folder; memory in tests). */
export interface ParamMemory {
  get(key: string): ModelParams | null;
  set(key: string, params: ModelParams): void;
}

export class MemoryParamMemory implements ParamMemory {
  private readonly map = new Map<string, ModelParams>();
  get(key: string): ModelParams | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, params: ModelParams): void {
    this.map.set(key, params);
  }
}

export const paramKey = (baseUrl: string, model: string): string => `${baseUrl.replace(/\/+$/, '')} ${model}`;

/** OpenAI's reasoning families, known by name so the first line does not have to fail to find out. */
const REASONING_NAME = /^(?:o\d(?:-|$)|gpt-5)/i;

/** What is sent before anything was learned: what the provider documents. */
export function defaultParams(preset: CloudPreset, model: string): ModelParams {
  const reasoning = (preset === 'openai' || preset === 'azure') && REASONING_NAME.test(model);
  // Ollama, LM Studio and OpenRouter read max_tokens; Ollama silently ignores the newer name (ollama#7125).
  const tokenParam: TokenParam = preset === 'ollama' || preset === 'lmstudio' || preset === 'openrouter' ? 'max_tokens' : 'max_completion_tokens';
  return { temperature: !reasoning, tokenParam, streamUsage: true, reasoning };
}

/** Room for the translation: about twice the input's tokens (4 bytes a token, generous for other scripts), plus thinking. */
export function outputBudget(text: string, params: ModelParams): number {
  const inputTokens = Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
  return Math.max(64, inputTokens * 2 + 32) + (params.reasoning ? 2048 : 0);
}

export function requestParams(params: ModelParams, text: string): Record<string, unknown> {
  return {
    ...(params.temperature ? { temperature: 0 } : {}),
    ...(params.tokenParam ? { [params.tokenParam]: outputBudget(text, params) } : {}),
    // The last chunk then carries the tokens billed, for the ledger's cost and the budget.
    ...(params.streamUsage ? { stream_options: { include_usage: true } } : {}),
  };
}

/** The parameter a 400 refused, from `error.param` or its message ("Unsupported parameter: 'max_tokens' …"). */
function refusedParam(error: CloudTranslationError): string | null {
  if (error.param) return error.param;
  return /\b(temperature|max_completion_tokens|max_tokens|stream_options)\b/.exec(error.message)?.[1] ?? null;
}

/** The parameters to retry with after this error, or null when the error is not about a parameter we can change. */
export function learnFrom(error: CloudTranslationError, params: ModelParams): ModelParams | null {
  if (error.status !== 400 || (error.code !== 'CLOUD_BAD_REQUEST' && error.code !== 'CLOUD_MODEL')) return null;
  const param = refusedParam(error);
  if (param === 'temperature' && params.temperature) return { ...params, temperature: false, reasoning: true };
  if (param === 'stream_options' && params.streamUsage) return { ...params, streamUsage: false };
  if (param === 'max_tokens' && params.tokenParam === 'max_tokens') return { ...params, tokenParam: 'max_completion_tokens', reasoning: true };
  if (param === 'max_completion_tokens' && params.tokenParam === 'max_completion_tokens') return { ...params, tokenParam: 'max_tokens' };
  // The other name was refused already: send no bound rather than fail every line.
  if ((param === 'max_tokens' || param === 'max_completion_tokens') && params.tokenParam !== null) return { ...params, tokenParam: null };
  return null;
}
