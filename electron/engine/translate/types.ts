import type { Lane, TokenUsage } from '../../contract';

export interface TranslationRequest {
  /** Caption id, for the audit log and the ledger. */
  id: string;
  text: string;
  /** ISO code of the transcript's language (Whisper's detection or the user's choice). */
  sourceLanguage: string;
  targetLanguage: string;
  /** The utterance's 16 kHz audio, for Whisper's own translate task (→ English) on the device. */
  audio?: Float32Array;
  /** Streamed translation so far (cloud lane streams; the device lane may call it once). */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
}

export interface TranslationResult {
  text: string;
  lane: Lane;
  /** Mean log-probability of the generated tokens when the translator exposes it (device lane cascade). */
  meanLogprob: number | null;
  /** Exact bytes on the wire (request line + headers + body; response likewise); 0 on the device. */
  bytesSent: number;
  bytesReceived: number;
  ms: number;
  /** HTTP requests made for it, retries included (cloud lane; 0 on the device). */
  requests?: number;
  /** Tokens the server billed, from the response's `usage` when it sent one. */
  usage?: TokenUsage | null;
  /** The endpoint origin that answered (cloud lane; one of several replicas). */
  endpoint?: string;
  /** The model stopped at its output bound (finish_reason "length"): the translation may be cut short. */
  truncated?: boolean;
}

export interface Translator {
  readonly lane: Lane;
  /** Whether this translator can handle the language pair right now (model installed, endpoint configured, ...). */
  supports(sourceLanguage: string, targetLanguage: string): boolean;
  translate(request: TranslationRequest): Promise<TranslationResult>;
  dispose?(): Promise<void>;
}
