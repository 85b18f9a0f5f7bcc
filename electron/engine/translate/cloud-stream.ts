import type { Stream } from 'openai/core/streaming';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { TokenUsage } from '../../contract';
import { CloudTranslationError } from './cloud-errors';

/**
 * Reads one answer, whatever shape the server chose: an SSE stream (deltas, a usage chunk, `[DONE]` or just a clean
 * close), or a single JSON completion from a server that ignored `stream: true`. Reasoning deltas
 * (`reasoning_content`, `reasoning`) are never part of the text.
 */

export interface ReadAnswer {
  /** The content as the model wrote it (thinking blocks and wrapping still in it). */
  text: string;
  /** 'stop', 'length', … ; null when the server never said (a close after content counts as complete). */
  finish: string | null;
  usage: TokenUsage | null;
}

function usageOf(raw: { prompt_tokens?: number | null; completion_tokens?: number | null } | null | undefined): TokenUsage | null {
  return raw ? { prompt_tokens: raw.prompt_tokens ?? 0, completion_tokens: raw.completion_tokens ?? 0 } : null;
}

/** A JSON completion (or a JSON error) where a stream was asked for. */
async function readJson(response: Response): Promise<ReadAnswer> {
  const body = (await response.json()) as Partial<ChatCompletion> & { error?: unknown };
  if (body.error) throw new CloudTranslationError('CLOUD_SERVER', `The endpoint answered 200 with an error: ${JSON.stringify(body.error).slice(0, 300)}`);
  const choice = body.choices?.[0];
  if (!choice) throw new CloudTranslationError('CLOUD_MALFORMED', 'The endpoint answered JSON without a choice in it.', { retryable: true });
  return { text: choice.message?.content ?? '', finish: choice.finish_reason ?? null, usage: usageOf(body.usage) };
}

export async function readAnswer(stream: Stream<ChatCompletionChunk>, response: Response, onText: (textSoFar: string) => void): Promise<ReadAnswer> {
  const type = response.headers.get('content-type') ?? '';
  if (/json/i.test(type) && !/event-stream/i.test(type)) {
    const answer = await readJson(response);
    if (answer.text) onText(answer.text);
    return answer;
  }
  let text = '';
  let finish: string | null = null;
  let usage: TokenUsage | null = null;
  for await (const chunk of stream) {
    usage = usageOf(chunk.usage) ?? usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta?.content ?? '';
    if (delta) {
      text += delta;
      onText(text);
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  return { text, finish, usage };
}
