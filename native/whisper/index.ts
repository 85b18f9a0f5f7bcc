/**
 * Typed facade over Sotto's whisper.cpp addon (native/whisper/src/addon.cc). The only module that loads the .node file.
 *
 * What it adds over the raw binding:
 * - model files are checked before whisper.cpp sees them (whisper.cpp trusts files; see ggml-format.ts);
 * - calls on one model run one at a time, in order (a whisper context is not thread-safe);
 * - AbortSignal and timeoutMs always settle the promise (typed errors) and leave the model usable;
 * - segments stream to onSegment in order, exactly once, before the promise resolves;
 * - timestamps are clamped to the audio actually given (whisper counts in 30 s windows).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectModelFile, ModelFileError, type WhisperHparams } from './ggml-format';

export { MODEL_SHAPES, inspectModelFile, type ModelShapeName, type WhisperHparams } from './ggml-format';

export const WHISPER_SAMPLE_RATE = 16_000;
/** Encoder frames per 30 s window: 50 per second of audio. */
export const WHISPER_FULL_AUDIO_CTX = 1500;

export type WhisperErrorCode =
  | 'not_found' // model file missing
  | 'bad_format' // not a whisper ggml model, or inconsistent
  | 'truncated' // incomplete file
  | 'load_failed' // whisper.cpp refused the model (message says why)
  | 'addon_missing' // the .node file is not built / not found
  | 'disposed' // the model was disposed
  | 'bad_input' // invalid PCM or options
  | 'failed' // whisper.cpp reported an error while transcribing
  | 'aborted'
  | 'timeout';

export class WhisperError extends Error {
  constructor(
    readonly code: WhisperErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WhisperError';
  }
}

/** The caller's AbortSignal fired. The model stays usable. */
export class WhisperAbortedError extends WhisperError {
  constructor(message = 'transcription aborted', options?: { cause?: unknown }) {
    super('aborted', message, options);
    this.name = 'WhisperAbortedError';
  }
}

/** timeoutMs elapsed first. The model stays usable. */
export class WhisperTimeoutError extends WhisperError {
  constructor(readonly timeoutMs: number) {
    super('timeout', `transcription did not finish within ${timeoutMs} ms; it was cancelled and the model is ready again`);
    this.name = 'WhisperTimeoutError';
  }
}

export interface WhisperSegment {
  /** Start and end inside the given audio, in ms (clamped to its length). */
  t0Ms: number;
  t1Ms: number;
  text: string;
  /** Mean probability of the segment's text tokens (0 when it has none). */
  meanTokenProb: number;
  noSpeechProb: number;
  /** Text tokens (timestamps and other special tokens not counted). */
  tokens: number;
}

export interface TranscribeTimings {
  /** Encoder time: whisper's mean per encoder pass × passes (language detection included). */
  encodeMs: number;
  /** Everything else inside the call: mel, prompt, decoding, sampling. */
  decodeMs: number;
  /** Wall time of the native call (queue wait excluded). */
  totalMs: number;
  encoderPasses: number;
}

export interface TranscribeResult {
  /** Detected language for 'auto', else the requested one (whisper code, e.g. 'en'). */
  language: string;
  segments: WhisperSegment[];
  /** Segments' text joined and trimmed. */
  text: string;
  timings: TranscribeTimings;
  /** True when maxTokens stopped decoding. */
  capped: boolean;
}

export interface TranscribeOptions {
  /**
   * 'auto' detects; otherwise a whisper language code ('en', 'de', …). Detection costs one extra encoder pass, and
   * whisper.cpp runs it with the audio_ctx of the previous call on this model: detect once, then pin the language.
   */
  language: string;
  /** Whisper's translate task (→ English). */
  translate?: boolean;
  /** Compute threads (default 2). */
  threads?: number;
  /** Encoder frames; 0 = the full 1500 (30 s). Smaller is faster for short windows: see audioCtxForSamples. */
  audioCtx?: number;
  /** Cap on decoded text tokens over the whole call (0/undefined = whisper's own limits). */
  maxTokens?: number;
  /** Vocabulary / context hint for the decoder. */
  initialPrompt?: string;
  /** One segment for the whole input (streaming windows). */
  singleSegment?: boolean;
  /** Retry at higher temperatures when decoding looks poor (whisper's default: true). Costs time; off for live partials. */
  temperatureFallback?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called for each segment as soon as whisper produces it, in order, before the promise resolves. */
  onSegment?: (segment: WhisperSegment) => void;
}

export interface WhisperModel {
  readonly path: string;
  readonly hparams: WhisperHparams;
  /** 16 kHz mono Float32 PCM in [-1, 1]. Calls on one model run one after another. */
  transcribe(pcm: Float32Array, opts: TranscribeOptions): Promise<TranscribeResult>;
  /** Frees the model. Running and queued calls reject with code 'disposed'; later calls too. Idempotent. */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}

/**
 * Encoder frames (audio_ctx) for a window of `samples` 16 kHz samples: 50 frames per second, plus a margin,
 * rounded up to a multiple of 64, at least 64 and at most the full 1500.
 */
export function audioCtxForSamples(samples: number): number {
  if (!Number.isFinite(samples) || samples <= 0) return 64;
  const frames = Math.ceil((samples * 50) / WHISPER_SAMPLE_RATE);
  const withMargin = frames + 32; // whisper emits end timestamps slightly past the speech
  return Math.min(WHISPER_FULL_AUDIO_CTX, Math.max(64, Math.ceil(withMargin / 64) * 64));
}

// ---------- locating and loading the addon ----------

interface RawSegment extends WhisperSegment {
  index: number;
}

interface RawResult {
  segments: RawSegment[];
  language: string;
  encodeMsPerPass: number;
  encoderPasses: number;
  totalMs: number;
  capped: boolean;
}

interface NativeModel {
  transcribe(pcm: Float32Array, opts: object, jobId: number, onSegment?: (s: RawSegment) => void): Promise<RawResult>;
  cancel(jobId: number): void;
  dispose(): Promise<void>;
}

interface NativeBinding {
  loadModel(path: string, useGpu: boolean, backendDir: string): Promise<NativeModel>;
  langId(code: string): number;
  systemInfo(): string;
  version(): string;
}

export const ADDON_FILE = 'sotto_whisper.node';
let nativeDirOverride: string | undefined;
let binding: NativeBinding | undefined;

/** For packaged apps: the folder holding sotto_whisper.node (e.g. inside app.asar.unpacked). Call before first use. */
export function setNativeDir(dir: string): void {
  nativeDirOverride = dir;
  binding = undefined;
}

/** SOTTO_NATIVE_DIR, else setNativeDir(), else <repo>/native/build/Release. */
export function nativeDir(): string {
  if (process.env.SOTTO_NATIVE_DIR) return process.env.SOTTO_NATIVE_DIR;
  if (nativeDirOverride) return nativeDirOverride;
  // Bundled (CJS) builds have no import.meta.url: they must use setNativeDir or SOTTO_NATIVE_DIR.
  const here = typeof import.meta.url === 'string' ? path.dirname(fileURLToPath(import.meta.url)) : process.cwd();
  return path.resolve(here, '..', 'build', 'Release');
}

function loadBinding(): NativeBinding {
  if (binding) return binding;
  const dir = nativeDir();
  const file = path.join(dir, ADDON_FILE);
  try {
    const req = createRequire(path.join(dir, 'index.js'));
    binding = req(file) as NativeBinding;
  } catch (e) {
    throw new WhisperError('addon_missing', `cannot load the whisper addon ${file}: ${(e as Error).message} — run \`npm run build:native\` (or set SOTTO_NATIVE_DIR)`, { cause: e });
  }
  return binding;
}

/** whisper.cpp version and CPU features of the loaded addon (e.g. "AVX2 = 1"). */
export function whisperSystemInfo(): { version: string; system: string } {
  const b = loadBinding();
  return { version: b.version(), system: b.systemInfo() };
}

/** True when whisper knows this language code ('auto' included). */
export function isWhisperLanguage(code: string): boolean {
  return code === 'auto' || loadBinding().langId(code) >= 0;
}

function mapNativeError(e: unknown): WhisperError {
  if (e instanceof WhisperError) return e;
  const err = e as { code?: string; message?: string };
  const message = err?.message ?? String(e);
  switch (err?.code) {
    case 'load_failed':
    case 'disposed':
    case 'bad_input':
    case 'failed':
      return new WhisperError(err.code, message, { cause: e });
    case 'aborted':
      return new WhisperAbortedError(message, { cause: e });
    default:
      return new WhisperError('failed', message, { cause: e });
  }
}

// ---------- the model ----------

export async function loadWhisperModel(modelPath: string, opts: { useGpu?: boolean } = {}): Promise<WhisperModel> {
  if (typeof modelPath !== 'string' || modelPath.length === 0) throw new WhisperError('bad_input', 'loadWhisperModel needs a model file path');
  const abs = path.resolve(modelPath);
  let info;
  try {
    info = await inspectModelFile(abs);
  } catch (e) {
    if (e instanceof ModelFileError) throw new WhisperError(e.problem, e.message, { cause: e });
    throw e;
  }
  const b = loadBinding();
  let native: NativeModel;
  try {
    native = await b.loadModel(abs, opts.useGpu ?? true, nativeDir());
  } catch (e) {
    const mapped = mapNativeError(e);
    throw mapped.code === 'failed' ? new WhisperError('load_failed', mapped.message, { cause: e }) : mapped;
  }
  return new LoadedModel(abs, info.hparams, native, b);
}

let nextJobId = 1;

/**
 * Cancel functions of native jobs in flight. On process.exit() Node joins its thread pool before running addon
 * cleanup hooks, so a running whisper_full would hold the exit until it finished on its own (seconds to minutes).
 * The 'exit' event comes first: cancelling there lets whisper stop at its next graph step.
 */
const inFlight = new Set<() => void>();
let exitHookInstalled = false;
function cancelAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const cancel of inFlight) cancel();
  });
}

function checkInt(name: string, v: number | undefined, min: number, max: number): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || v > max) throw new WhisperError('bad_input', `${name} must be an integer in ${min}..${max}, got ${v}`);
}

class LoadedModel implements WhisperModel {
  private tail: Promise<void> = Promise.resolve();
  private isDisposed = false;
  private disposing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    readonly hparams: WhisperHparams,
    private readonly native: NativeModel,
    private readonly binding: NativeBinding,
  ) {}

  get disposed(): boolean {
    return this.isDisposed;
  }

  private validate(pcm: Float32Array, opts: TranscribeOptions): void {
    if (!(pcm instanceof Float32Array)) throw new WhisperError('bad_input', 'pcm must be a Float32Array of 16 kHz mono samples');
    if (pcm.length === 0) throw new WhisperError('bad_input', 'pcm is empty: nothing to transcribe');
    if (!opts || typeof opts.language !== 'string') throw new WhisperError('bad_input', "opts.language is required: 'auto' or a language code such as 'en'");
    if (opts.language !== 'auto' && this.binding.langId(opts.language) < 0) {
      throw new WhisperError('bad_input', `unknown language '${opts.language}': use 'auto' or a whisper language code such as 'en' or 'de'`);
    }
    checkInt('threads', opts.threads, 1, 256);
    checkInt('audioCtx', opts.audioCtx, 0, this.hparams.nAudioCtx);
    checkInt('maxTokens', opts.maxTokens, 0, 100_000);
    if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) throw new WhisperError('bad_input', `timeoutMs must be > 0, got ${opts.timeoutMs}`);
    if (opts.onSegment !== undefined && typeof opts.onSegment !== 'function') throw new WhisperError('bad_input', 'onSegment must be a function');
  }

  transcribe(pcm: Float32Array, opts: TranscribeOptions): Promise<TranscribeResult> {
    try {
      this.validate(pcm, opts);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.isDisposed) return Promise.reject(new WhisperError('disposed', `the model ${this.path} was disposed; load it again`));
    if (opts.signal?.aborted) return Promise.reject(new WhisperAbortedError('transcription aborted before it started', { cause: opts.signal.reason }));

    const durationMs = Math.round((pcm.length / WHISPER_SAMPLE_RATE) * 1000);
    const jobId = nextJobId++;
    return new Promise<TranscribeResult>((resolve, reject) => {
      let settled = false;
      let started = false;
      let delivered = 0;
      let callbackError: unknown;
      let timer: NodeJS.Timeout | undefined;

      const clamp = (s: RawSegment): WhisperSegment => {
        const t0Ms = Math.min(Math.max(0, s.t0Ms), durationMs);
        return { t0Ms, t1Ms: Math.min(Math.max(t0Ms, s.t1Ms), durationMs), text: s.text, meanTokenProb: s.meanTokenProb, noSpeechProb: s.noSpeechProb, tokens: s.tokens };
      };
      const deliver = (s: RawSegment) => {
        if (settled || s.index !== delivered || !opts.onSegment || callbackError !== undefined) return;
        delivered++;
        try {
          opts.onSegment(clamp(s));
        } catch (e) {
          // A throwing callback must not crash the process from the native callback; fail this call instead.
          callbackError = e;
          this.native.cancel(jobId);
        }
      };
      const onAbort = () => settle(() => reject(new WhisperAbortedError('transcription aborted', { cause: opts.signal?.reason })));
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (started) this.native.cancel(jobId); // harmless when the job already finished
        fn();
      };

      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.timeoutMs !== undefined) {
        const ms = opts.timeoutMs;
        timer = setTimeout(() => settle(() => reject(new WhisperTimeoutError(ms))), ms);
        timer.unref(); // the native work keeps the process alive while it runs; the timer must not on its own
      }

      const run = async (): Promise<void> => {
        if (settled) return; // aborted or timed out while queued
        if (this.isDisposed) {
          settle(() => reject(new WhisperError('disposed', `the model ${this.path} was disposed; load it again`)));
          return;
        }
        started = true;
        const cancelOnExit = () => this.native.cancel(jobId);
        inFlight.add(cancelOnExit);
        cancelAllOnExit();
        const nativeOpts = {
          language: opts.language,
          translate: opts.translate ?? false,
          threads: opts.threads ?? 2,
          audioCtx: opts.audioCtx ?? 0,
          maxTokens: opts.maxTokens ?? 0,
          initialPrompt: opts.initialPrompt ?? '',
          singleSegment: opts.singleSegment ?? false,
          temperatureFallback: opts.temperatureFallback ?? true,
        };
        try {
          const raw = await this.native.transcribe(pcm, nativeOpts, jobId, opts.onSegment ? deliver : undefined);
          inFlight.delete(cancelOnExit);
          for (const s of raw.segments) deliver(s); // segments whose callback had not arrived yet, in order
          if (callbackError !== undefined) {
            const err = callbackError;
            settle(() => reject(err));
            return;
          }
          const segments = raw.segments.map(clamp);
          // With 'auto', whisper encodes once more to detect the language (before, and outside of, the passes we count).
          const encoderPasses = raw.encoderPasses + (opts.language === 'auto' ? 1 : 0);
          const encodeMs = raw.encodeMsPerPass * encoderPasses;
          settle(() =>
            resolve({
              language: raw.language,
              segments,
              text: segments.map((s) => s.text).join('').trim(),
              timings: { encodeMs, decodeMs: Math.max(0, raw.totalMs - encodeMs), totalMs: raw.totalMs, encoderPasses },
              capped: raw.capped,
            }),
          );
        } catch (e) {
          inFlight.delete(cancelOnExit);
          const err = callbackError ?? (this.isDisposed ? new WhisperError('disposed', `the model ${this.path} was disposed during transcription`, { cause: e }) : mapNativeError(e));
          settle(() => reject(err));
        }
      };
      // Serialize: the next call starts when the native work of this one has really ended (not merely been abandoned).
      this.tail = this.tail.then(run, run);
    });
  }

  dispose(): Promise<void> {
    if (this.disposing) return this.disposing;
    this.isDisposed = true;
    // The native side cancels a running job, waits for it to return, then frees the context.
    this.disposing = this.native.dispose().catch((e) => {
      throw mapNativeError(e);
    });
    return this.disposing;
  }
}
