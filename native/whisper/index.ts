/**
 * Typed facade over Sotto's whisper.cpp addon (native/whisper/src/addon.cc). The only module that loads the .node file.
 *
 * What it adds over the raw binding:
 * - model files are checked before whisper.cpp sees them (whisper.cpp trusts files; see ggml-format.ts);
 * - calls on one model run one at a time, in order (a whisper context is not thread-safe);
 * - AbortSignal and timeoutMs always settle the promise (typed errors) and leave the model usable (transcribe-job.ts);
 * - segments stream to onSegment in order, exactly once, before the promise resolves;
 * - timestamps are clamped to the audio actually given (whisper counts in 30 s windows).
 */
import path from 'node:path';
import { loadBinding, nativeDir, type NativeBinding, type NativeModel } from './binding';
import { mapNativeError, WhisperAbortedError, WhisperError } from './errors';
import type { WhisperHparams } from './ggml-format';
import { checkGpuMemory, computeDevices } from './devices';
import { inspectModelFile } from './inspect-model';
import { ModelFileError } from './model-file-error';
import { validateTranscribeInput } from './transcribe';
import { TranscribeJob } from './transcribe-job';
import type { TranscribeOptions, TranscribeResult, WhisperModel } from './types';

export { checkGpuMemory, computeDevices, enableGpuBackends, nativeBuildId, shippedGpuModules, type ComputeDevice, type GpuBackendsReport } from './devices';
export { ADDON_FILE, isWhisperLanguage, nativeDir, setNativeDir, whisperSystemInfo } from './binding';
export { WhisperAbortedError, WhisperError, WhisperTimeoutError, type WhisperErrorCode } from './errors';
export { MODEL_SHAPES, type ModelShapeName, type WhisperHparams } from './ggml-format';
export { inspectModelFile, type InspectOptions, type ModelFileInfo } from './inspect-model';
export { MAX_SAMPLES_PER_CALL } from './transcribe';
export type { TranscribeOptions, TranscribeResult, TranscribeTimings, WhisperModel, WhisperSegment } from './types';

export const WHISPER_SAMPLE_RATE = 16_000;
/** Encoder frames per 30 s window: 50 per second of audio. */
export const WHISPER_FULL_AUDIO_CTX = 1500;

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

export interface LoadOptions {
  /**
   * Whisper's n-th GPU (ComputeDevice.gpuIndex) after enableGpuBackends(), or undefined for the CPU (the default).
   * A GPU that is missing or cannot hold the model rejects with gpu_missing / gpu_failed, never a silent CPU run.
   */
  gpu?: number;
  /**
   * Flash attention (whisper's default, on). Off only for a GPU driver the probe saw crash with it (Mesa 22's lavapipe
   * does): the GPU then runs the plain attention kernels.
   */
  flashAttn?: boolean;
  /** Refuse models whose estimated memory is above this (default: 3/4 of the machine's memory). */
  maxMemoryBytes?: number;
}

export async function loadWhisperModel(modelPath: string, opts: LoadOptions = {}): Promise<WhisperModel> {
  if (typeof modelPath !== 'string' || modelPath.length === 0) throw new WhisperError('bad_input', 'loadWhisperModel needs a model file path');
  const abs = path.resolve(modelPath);
  let info;
  try {
    info = await inspectModelFile(abs, { maxMemoryBytes: opts.maxMemoryBytes });
  } catch (e) {
    if (e instanceof ModelFileError) throw new WhisperError(e.problem, e.message, { cause: e });
    throw e;
  }
  const b = loadBinding();
  if (opts.gpu !== undefined) {
    const gpu = computeDevices().find((d) => d.gpuIndex === opts.gpu);
    if (!gpu) throw new WhisperError('gpu_missing', `no GPU number ${opts.gpu} is available to whisper (is the GPU backend loaded?)`);
    checkGpuMemory(info.memory.totalBytes, gpu);
  }
  let native: NativeModel;
  try {
    native = await b.loadModel(abs, opts.gpu ?? -1, nativeDir(), opts.flashAttn ?? true);
  } catch (e) {
    const mapped = mapNativeError(e);
    throw mapped.code === 'failed' ? new WhisperError('load_failed', mapped.message, { cause: e }) : mapped;
  }
  return new LoadedModel(abs, native.device, info.hparams, native, b);
}

class LoadedModel implements WhisperModel {
  private tail: Promise<void> = Promise.resolve();
  private isDisposed = false;
  private disposing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    readonly device: string,
    readonly hparams: WhisperHparams,
    private readonly native: NativeModel,
    private readonly binding: NativeBinding,
  ) {}

  get disposed(): boolean {
    return this.isDisposed;
  }

  transcribe(pcm: Float32Array, opts: TranscribeOptions): Promise<TranscribeResult> {
    try {
      validateTranscribeInput(pcm, opts, this.binding, this.hparams.nAudioCtx);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.isDisposed) return Promise.reject(new WhisperError('disposed', `the model ${this.path} was disposed; load it again`));
    if (opts.signal?.aborted) return Promise.reject(new WhisperAbortedError('transcription aborted before it started', { cause: opts.signal.reason }));

    const job = new TranscribeJob(this.native, opts, Math.round((pcm.length / WHISPER_SAMPLE_RATE) * 1000));
    const run = () => job.run(pcm, this);
    // Serialize: the next call starts when the native work of this one has really ended (not merely been abandoned).
    this.tail = this.tail.then(run, run);
    return job.promise;
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
