/**
 * One transcribe call, from queued to settled. It settles exactly once: with the result, or at once on abort or
 * timeout (then the native job is cancelled and stops at its next graph step), or with the error of a throwing
 * onSegment, of disposal or of whisper.cpp. Segments reach onSegment in order, each once, before it settles.
 */
import type { NativeModel, RawSegment } from './binding';
import { mapNativeError, WhisperAbortedError, WhisperError, WhisperTimeoutError } from './errors';
import { clampSegment, toNativeOptions, toTranscribeResult } from './transcribe';
import type { TranscribeOptions, TranscribeResult, WhisperModel } from './types';

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

export class TranscribeJob {
  readonly id = nextJobId++;
  readonly promise: Promise<TranscribeResult>;
  private resolve!: (result: TranscribeResult) => void;
  private reject!: (error: unknown) => void;
  private settled = false;
  private started = false;
  private delivered = 0;
  private callbackError: unknown;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly native: NativeModel,
    private readonly opts: TranscribeOptions,
    private readonly durationMs: number,
  ) {
    this.promise = new Promise<TranscribeResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (opts.timeoutMs !== undefined) {
      const ms = opts.timeoutMs;
      this.timer = setTimeout(() => this.fail(new WhisperTimeoutError(ms)), ms);
      this.timer.unref(); // the native work keeps the process alive while it runs; the timer must not on its own
    }
  }

  /** Runs the native call; the model's queue calls this once the calls before it have really ended. */
  async run(pcm: Float32Array, model: Pick<WhisperModel, 'path' | 'disposed'>): Promise<void> {
    if (this.settled) return; // aborted or timed out while queued
    if (model.disposed) return this.fail(new WhisperError('disposed', `the model ${model.path} was disposed; load it again`));
    this.started = true;
    const cancelOnExit = () => this.native.cancel(this.id);
    inFlight.add(cancelOnExit);
    cancelAllOnExit();
    try {
      const raw = await this.native.transcribe(pcm, toNativeOptions(this.opts), this.id, this.opts.onSegment ? this.deliver : undefined);
      inFlight.delete(cancelOnExit);
      for (const s of raw.segments) this.deliver(s); // segments whose callback had not arrived yet, in order
      if (this.callbackError !== undefined) return this.fail(this.callbackError);
      const result = toTranscribeResult(raw, this.opts.language, this.durationMs);
      this.settle(() => this.resolve(result));
    } catch (e) {
      inFlight.delete(cancelOnExit);
      const disposed = model.disposed ? new WhisperError('disposed', `the model ${model.path} was disposed during transcription`, { cause: e }) : undefined;
      this.fail(this.callbackError ?? disposed ?? mapNativeError(e));
    }
  }

  private readonly deliver = (s: RawSegment): void => {
    if (this.settled || s.index !== this.delivered || !this.opts.onSegment || this.callbackError !== undefined) return;
    this.delivered++;
    try {
      this.opts.onSegment(clampSegment(s, this.durationMs));
    } catch (e) {
      // A throwing callback must not crash the process from the native callback; fail this call instead.
      this.callbackError = e;
      this.native.cancel(this.id);
    }
  };

  private readonly onAbort = (): void => this.fail(new WhisperAbortedError(undefined, { cause: this.opts.signal?.reason }));

  private fail(error: unknown): void {
    this.settle(() => this.reject(error));
  }

  private settle(fn: () => void): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    if (this.started) this.native.cancel(this.id); // harmless when the job already finished
    fn();
  }
}
