/** Every stage after capture works on 16 kHz mono signed 16-bit PCM ("AudioFrames"). */
export const SAMPLE_RATE = 16_000;

/** Receives frames from an AudioSource, in order, on the JS thread. */
export interface FrameSink {
  onFrame(frame: Int16Array): void;
  /** The source has no more audio (end of file, or stop()). */
  onEnd(): void;
  /** Capture failed (device unplugged, unreadable file): the source has stopped. */
  onError(error: Error): void;
}

/** A microphone or a WAV file, producing 16 kHz mono Int16 frames. */
export interface AudioSource {
  /** Human-readable name: the device name or the file path. */
  readonly label: string;
  /** Resolves once audio is flowing; frames then go to the sink until stop(), end or error. */
  start(sink: FrameSink): Promise<void>;
  stop(): Promise<void>;
}

/** Int16 PCM → Float32 in [-1, 1), the format Whisper and Silero take. */
export function int16ToFloat32(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32768;
  return out;
}

export const samplesToMs = (samples: number): number => (samples * 1000) / SAMPLE_RATE;
export const msToSamples = (ms: number): number => Math.round((ms * SAMPLE_RATE) / 1000);
