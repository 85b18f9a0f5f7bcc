/**
 * The microphone as an AudioSource: pvrecorder (16 kHz mono Int16, 512-sample frames) through the native
 * facade, which captures on a worker thread so the event loop never waits for audio.
 */
import type { MicDevice } from '../../contract';
import { listMicrophones, MicrophoneNativeError, openMicrophone, type MicrophoneStream } from '../../../native/microphone';
import { SAMPLE_RATE, type AudioSource, type FrameSink } from '../audio/types';
import { MicrophoneError } from './errors';

export const DEFAULT_DEVICE = -1;

/** Something the user should know once, e.g. that another device was used (the contract's Notice). */
export interface CaptureNotice {
  level: 'info' | 'warning';
  code: string;
  message: string;
}

export interface MicSourceOptions {
  /** pvrecorder device index; -1 (default) = the system default. */
  deviceIndex?: number;
  onNotice?: (notice: CaptureNotice) => void;
  /** Consecutive failed reads before the device is reported lost (each waits up to ~1 s). Default 3. */
  maxConsecutiveReadErrors?: number;
}

const PERMISSION_HINT =
  'Check that a microphone is connected and that Sotto may use it (macOS: System Settings → Privacy & Security → Microphone).';

/** Capture devices as the contract names them. Throws MicrophoneError if the audio system cannot be queried. */
export function listMicDevices(): MicDevice[] {
  try {
    return listMicrophones().map((name, index) => ({ index, name }));
  } catch (error) {
    throw new MicrophoneError('no-device', (error as Error).message, PERMISSION_HINT, { cause: error });
  }
}

export class MicSource implements AudioSource {
  private readonly deviceIndex: number;
  private stream: MicrophoneStream | undefined;
  private sink: FrameSink | undefined;
  private finished = false;
  private deviceName: string | undefined;

  constructor(private readonly options: MicSourceOptions = {}) {
    this.deviceIndex = options.deviceIndex ?? DEFAULT_DEVICE;
    if (!Number.isInteger(this.deviceIndex) || this.deviceIndex < -1) {
      throw new MicrophoneError('bad-index', `Microphone index ${this.deviceIndex} is not valid.`, 'Choose a microphone from the list in Settings.');
    }
  }

  get label(): string {
    return this.deviceName ?? (this.deviceIndex === DEFAULT_DEVICE ? 'default microphone' : `microphone #${this.deviceIndex}`);
  }

  /**
   * Opens the device. Rejects with MicrophoneError when it cannot (bad index, no device); if the system
   * default (-1) cannot be opened, falls back to the first listed device and says so through onNotice.
   */
  async start(sink: FrameSink): Promise<void> {
    if (this.sink) throw new Error('MicSource was already started; create a new one to capture again.');
    this.sink = sink;
    const devices = listMicDevices();
    if (devices.length === 0) {
      throw new MicrophoneError('no-device', 'No microphone was found.', PERMISSION_HINT);
    }
    if (this.deviceIndex >= devices.length) {
      throw new MicrophoneError(
        'bad-index',
        `Microphone #${this.deviceIndex} does not exist; there are ${devices.length}: ${devices.map((d) => `#${d.index} ${d.name}`).join(', ')}.`,
        'Choose a microphone from the list in Settings (it may have been unplugged).',
      );
    }
    try {
      this.stream = await this.open(this.deviceIndex);
    } catch (error) {
      // Some systems (e.g. a bare PulseAudio server) have no usable "default" device although devices exist.
      if (this.deviceIndex !== DEFAULT_DEVICE) throw this.openError(error, this.deviceIndex);
      this.stream = await this.open(0).catch((fallbackError: unknown) => {
        throw this.openError(fallbackError, 0);
      });
      this.options.onNotice?.({
        level: 'warning',
        code: 'mic-default-fallback',
        message: `The system default microphone could not be opened, so Sotto is using "${this.stream.deviceName}".`,
      });
    }
    this.deviceName = this.stream.deviceName;
    if (this.finished) {
      // stop() was called while the device was opening: release it now.
      await this.stream.stop();
      this.stream = undefined;
      return;
    }
    if (this.stream.sampleRate !== SAMPLE_RATE) {
      await this.stream.stop();
      throw new MicrophoneError('open-failed', `The microphone delivers ${this.stream.sampleRate} Hz, expected ${SAMPLE_RATE}.`, 'Update Sotto.');
    }
  }

  /** Stops capture and releases the device; the sink gets onEnd() once. Idempotent. */
  async stop(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const stream = this.stream;
    this.stream = undefined;
    await stream?.stop();
    this.sink?.onEnd();
  }

  private open(index: number): Promise<MicrophoneStream> {
    return openMicrophone(
      { deviceIndex: index, frameLength: 512, maxConsecutiveReadErrors: this.options.maxConsecutiveReadErrors ?? 3 },
      {
        onFrame: (pcm) => {
          if (this.finished) return;
          try {
            this.sink?.onFrame(pcm);
          } catch (error) {
            void this.fail(error instanceof Error ? error : new Error(String(error)));
          }
        },
        onError: (error) => {
          void this.fail(
            new MicrophoneError(
              'read-failed',
              `The microphone "${this.label}" stopped delivering audio (${error.message}).`,
              'Check that it is still connected, then start listening again.',
              { cause: error },
            ),
          );
        },
      },
    );
  }

  private openError(error: unknown, index: number): MicrophoneError {
    const detail = error instanceof MicrophoneNativeError ? `${error.failure}: ${error.message}` : String(error);
    return new MicrophoneError(
      'open-failed',
      `Could not open microphone ${index === DEFAULT_DEVICE ? '(system default)' : `#${index}`} (${detail}).`,
      `Another app may be using it, or it was unplugged. ${PERMISSION_HINT}`,
      { cause: error },
    );
  }

  private async fail(error: Error): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const stream = this.stream;
    this.stream = undefined;
    await stream?.stop().catch(() => undefined);
    this.sink?.onError(error);
  }
}
