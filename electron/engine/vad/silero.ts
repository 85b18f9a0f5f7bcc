/**
 * Silero VAD v5 (ONNX, from @ricky0123/vad-web): the probability that a 32 ms window of 16 kHz audio is speech.
 * The model is recurrent: its state is carried from one window to the next, so windows must come in order.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createOnnxSession, type OnnxSession } from '../../../native/onnx';
import { SAMPLE_RATE } from '../audio/types';

/** Silero v5 at 16 kHz takes exactly 512 samples per call. */
export const VAD_FRAME_SAMPLES = 512;

const MODEL_FILE = 'silero_vad_v5.onnx';
/** Lets a packaged app (or a test) point at the model outside node_modules. */
export const SILERO_MODEL_ENV = 'SOTTO_SILERO_MODEL';

/** The model file's path: the explicit override, then $SOTTO_SILERO_MODEL, then the installed @ricky0123/vad-web. */
export function resolveSileroModelPath(override?: string): string {
  const explicit = override ?? process.env[SILERO_MODEL_ENV];
  if (explicit) return explicit;
  try {
    // The package's main file lives in dist/, next to the ONNX files.
    const main = createRequire(import.meta.url).resolve('@ricky0123/vad-web');
    const candidate = path.join(path.dirname(main), MODEL_FILE);
    if (existsSync(candidate)) return candidate;
  } catch {
    // Fall through to the clear error below.
  }
  throw new Error(
    `Silero VAD model (${MODEL_FILE}) not found: install @ricky0123/vad-web or set ${SILERO_MODEL_ENV} to the file's path.`,
  );
}

export interface SileroVadOptions {
  modelPath?: string;
}

export class SileroVad {
  /** LSTM state [2, 1, 128], carried between calls. */
  private state: Float32Array = new Float32Array(2 * 128);
  private readonly sr = new BigInt64Array([BigInt(SAMPLE_RATE)]);
  /** Calls are chained so two overlapping callers cannot interleave the recurrent state. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly session: OnnxSession) {}

  static async create(options: SileroVadOptions = {}): Promise<SileroVad> {
    return new SileroVad(await createOnnxSession(resolveSileroModelPath(options.modelPath)));
  }

  /** Speech probability (0..1) of the next 512-sample window; Int16 or Float32 in [-1, 1). */
  probability(frame: Int16Array | Float32Array): Promise<number> {
    if (frame.length !== VAD_FRAME_SAMPLES) {
      return Promise.reject(new RangeError(`Silero VAD takes ${VAD_FRAME_SAMPLES} samples per call, got ${frame.length}.`));
    }
    const input = frame instanceof Float32Array ? frame : Float32Array.from(frame, (s) => s / 32768);
    const next = this.queue.then(async () => {
      const out = await this.session.run({
        input: { data: input, dims: [1, VAD_FRAME_SAMPLES] },
        state: { data: this.state, dims: [2, 1, 128] },
        sr: { data: this.sr, dims: [] },
      });
      this.state = out['stateN']!.data as Float32Array;
      return (out['output']!.data as Float32Array)[0]!;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forget the past (a new stream, or after a long gap). */
  reset(): void {
    this.state = new Float32Array(2 * 128);
  }

  async release(): Promise<void> {
    await this.queue;
    await this.session.release();
  }
}
