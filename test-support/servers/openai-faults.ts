/**
 * What the test server can be told to do wrong (or merely differently), each imitating a server seen in the wild.
 */

export type Fault =
  /** 429 with Retry-After (seconds) and/or retry-after-ms. */
  | { kind: 'rate-limit'; retryAfterS?: number; retryAfterMs?: number }
  | { kind: 'unavailable'; retryAfterS?: number; retryAfterMs?: number }
  | { kind: 'server-error' }
  | { kind: 'unauthorized' }
  | { kind: 'bad-request' }
  /** Any status with a raw body and content type: vLLM's top-level error, FastAPI's {detail}, a plain-text page. */
  | { kind: 'error-body'; status: number; body: string; contentType?: string }
  /** Reads the request and never answers, until the client gives up. */
  | { kind: 'hang' }
  /** Streams a couple of chunks, then resets the TCP connection (plain requests: reset before the body). */
  | { kind: 'reset-mid-stream' }
  /** A stream chunk that is not JSON. */
  | { kind: 'malformed-chunk' }
  /** A stream that stops after some content without finish_reason or [DONE] (a clean close). */
  | { kind: 'truncated-stream' }
  /** A stream that ends with [DONE] but never sends a finish_reason (several local servers). */
  | { kind: 'no-finish-reason' }
  /** Ignores `stream: true` and answers one JSON completion. */
  | { kind: 'ignore-stream' }
  /** Part of the answer, then finish_reason "length". */
  | { kind: 'length' }
  /** Some content, then an error event inside the 200 stream, as OpenAI, Ollama, vLLM and OpenRouter send them. */
  | { kind: 'stream-error'; error?: Record<string, unknown> }
  /** `reasoning_content` / `reasoning` deltas before the answer (DeepSeek, vLLM, Ollama ≥ 0.9, OpenRouter). */
  | { kind: 'reasoning-deltas'; text?: string }
  /** A `<think>…</think>` block inside `content` before the answer (Qwen3, DeepSeek-R1 through Ollama/LM Studio). */
  | { kind: 'think'; text?: string }
  /** Chunks `delayMs` apart: a slow local model, still streaming. */
  | { kind: 'slow'; delayMs: number }
  /** Polite boilerplate and quotes around the answer. */
  | { kind: 'prose'; before?: string; after?: string }
  /** The answer echoed inside the transcript tags. */
  | { kind: 'echo-tags' }
  /** An answer in another language (French), whatever was asked. */
  | { kind: 'wrong-language' }
  /** A 401 whose body quotes the key it was sent (seen on gateways). */
  | { kind: 'echo-key' }
  | { kind: 'empty' }
  | { kind: 'drop-placeholders' }
  | { kind: 'mangle-placeholders' }
  | { kind: 'duplicate-placeholders' };
export type FaultKind = Fault['kind'];

const PLACEHOLDER = /⟦[A-Z]+_\d+⟧/g;

/** A reply in French, long enough for a language identifier to be sure. */
export const FRENCH_REPLY = 'Bonjour à tous, merci beaucoup de votre participation à cette réunion de planification.';

/** The answer text as the fault shapes it (content faults only; stream faults shape the framing). */
export function applyContentFault(text: string, fault: Fault | null): string {
  switch (fault?.kind) {
    case 'empty':
      return '';
    case 'drop-placeholders':
      return text.replace(PLACEHOLDER, '').replace(/\s{2,}/g, ' ');
    case 'mangle-placeholders':
      // What models do to unusual brackets: swap them for ASCII ones.
      return text.replace(PLACEHOLDER, (p) => `[${p.slice(1, -1)}]`);
    case 'duplicate-placeholders':
      return text.replace(PLACEHOLDER, (p) => `${p} ${p}`);
    case 'think':
      return `<think>${fault.text ?? 'The user wants German. Keep the placeholders.'}</think>\n\n${text}`;
    case 'prose':
      return `${fault.before ?? 'Here is the translation:\n\n"'}${text}${fault.after ?? '"'}`;
    case 'echo-tags':
      return `<transcript>\n${text}\n</transcript>`;
    case 'wrong-language':
      return FRENCH_REPLY;
    default:
      return text;
  }
}
