/**
 * A WAV file as an AudioSource: decoded, downmixed and resampled to 16 kHz mono Int16, then delivered in
 * frames either as fast as the consumer's event loop allows, or paced at real-time speed (demos, benchmarks
 * of live behaviour).
 */
import { readFile } from 'node:fs/promises';
import { SAMPLE_RATE, type AudioSource, type FrameSink } from '../audio/types';
import { AudioFormatError } from './errors';
import { createResampler, resample, type Resampler } from './resample';
import { decodeWav } from './wav-decode';

/** Float in [-1, 1] → Int16 with rounding and clipping (resampling can overshoot full scale slightly). */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i]! * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/** WAV bytes → 16 kHz mono Int16. Throws AudioFormatError for anything it cannot read. */
export function wavBytesTo16kMono(bytes: Uint8Array, name?: string): Int16Array {
  const wav = decodeWav(bytes, name);
  return floatToInt16(resample(wav.mono, wav.sampleRate, SAMPLE_RATE));
}

/** WAV bytes → a resampler producing 16 kHz mono on demand (WavSource converts frame by frame). */
function wavBytesTo16kResampler(bytes: Uint8Array, name?: string): Resampler {
  const wav = decodeWav(bytes, name);
  return createResampler(wav.mono, wav.sampleRate, SAMPLE_RATE);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AudioFormatError('unreadable', `Cannot read ${path} (${code}).`, 'Check that the file exists and that Sotto may read it.');
  }
}

/** Reads any supported WAV file as 16 kHz mono Int16 (tests, benchmarks, the demo). */
export async function readWav16kMono(path: string): Promise<Int16Array> {
  return wavBytesTo16kMono(await readBytes(path), path);
}

export interface WavSourceOptions {
  /** Pace frames at real-time speed instead of delivering them as fast as possible. Default false. */
  realtime?: boolean;
  /** Samples per frame (the last frame may be shorter). Default 512, Silero's window. */
  frameSamples?: number;
}

/** Frames delivered per macrotask in fast mode: large enough to be quick, small enough that stop() is prompt. */
const FAST_BATCH_FRAMES = 32;

export class WavSource implements AudioSource {
  readonly label: string;
  private readonly realtime: boolean;
  private readonly frameSamples: number;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private sink: FrameSink | undefined;
  private finished = false;

  constructor(
    readonly path: string,
    options: WavSourceOptions = {},
  ) {
    this.label = path;
    this.realtime = options.realtime ?? false;
    this.frameSamples = options.frameSamples ?? 512;
    if (!Number.isInteger(this.frameSamples) || this.frameSamples < 1) {
      throw new RangeError(`frameSamples must be a positive integer, got ${options.frameSamples}.`);
    }
  }

  /** Decodes the whole file first: a bad file rejects here (AudioFormatError) and the sink sees nothing. */
  async start(sink: FrameSink): Promise<void> {
    if (this.sink) throw new Error(`WavSource ${this.path} was already started; create a new source to play it again.`);
    // Decode now (errors surface here), resample lazily: a long 44.1 kHz file never blocks the loop for seconds.
    const audio = wavBytesTo16kResampler(await readBytes(this.path), this.path);
    this.sink = sink;
    let next = 0;
    const startedAt = performance.now();
    const frameMs = (this.frameSamples * 1000) / SAMPLE_RATE;

    const emit = (): boolean => {
      if (this.finished) return false;
      if (next >= audio.length) {
        this.finish();
        return false;
      }
      const frame = floatToInt16(audio.render(next, next + this.frameSamples));
      next += frame.length;
      try {
        sink.onFrame(frame);
      } catch (error) {
        // A throwing consumer must not leave the source half-running.
        this.fail(error instanceof Error ? error : new Error(String(error)));
        return false;
      }
      return true;
    };

    if (this.realtime) {
      // Schedule against the start time, not the previous tick, so timer jitter does not accumulate.
      let index = 0;
      const tick = (): void => {
        const due = Math.floor((performance.now() - startedAt) / frameMs) + 1;
        while (index < due && emit()) index++;
        if (!this.finished) this.timer = setTimeout(tick, Math.max(0, startedAt + index * frameMs - performance.now()));
      };
      this.timer = setTimeout(tick, 0);
    } else {
      const batch = (): void => {
        for (let i = 0; i < FAST_BATCH_FRAMES; i++) if (!emit()) return;
        this.timer = setImmediate(batch);
      };
      this.timer = setImmediate(batch);
    }
  }

  /** Stops delivery; the sink gets onEnd() once (unless it already ended or failed). Idempotent. */
  async stop(): Promise<void> {
    this.finish();
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    this.sink?.onEnd();
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    this.sink?.onError(error);
  }
}
