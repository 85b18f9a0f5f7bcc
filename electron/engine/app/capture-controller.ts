import { toCommandError, type CaptureMode, type EngineEvent, type VadSettings } from '../../contract';
import type { AudioSource } from '../audio/types';
import { MicSource } from '../capture/mic-source';
import { PushToTalkGate } from '../segment/push-to-talk';
import { VadSegmenter } from '../segment/vad-segmenter';
import type { CaptionSession } from '../session/caption-session';
import { SileroVad } from '../vad/silero';
import { EngineFailure } from './errors';

export interface CaptureControllerOptions {
  /** The session for the current speech model (awaits the model when it is still loading). */
  session: () => Promise<CaptionSession>;
  micDevice: () => number;
  vadSettings: () => VadSettings;
  emit: (event: EngineEvent) => void;
  /** macOS microphone permission; resolves false when the user refused. */
  requestMicrophoneAccess?: () => Promise<boolean>;
  /** Told whenever capturing starts or stops, for the status bar. */
  onChange: () => void;
  /** Makes the audio source; the microphone by default (tests may pass another real source). */
  openSource?: (deviceIndex: number) => AudioSource;
}

interface Capture {
  mode: CaptureMode;
  source: AudioSource;
  gate: PushToTalkGate | null;
  running: Promise<void>;
}

/**
 * Starts and stops the microphone for push-to-talk (held key or button) and hands-free listening.
 * Operations run one after another, so a quick press-release can't overtake the press.
 */
export class CaptureController {
  private capture: Capture | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private vad: Promise<SileroVad> | null = null;
  deviceLabel: string | null = null;

  constructor(private readonly opts: CaptureControllerOptions) {}

  get capturing(): boolean {
    return this.capture !== null;
  }

  get mode(): CaptureMode | null {
    return this.capture?.mode ?? null;
  }

  pttPress(): Promise<void> {
    return this.serial(async () => {
      if (this.capture?.mode === 'push-to-talk') return; // key auto-repeat
      if (this.capture) await this.stopCapture();
      const session = await this.opts.session();
      let gate!: PushToTalkGate;
      await this.startCapture('push-to-talk', session, (sink) => (gate = new PushToTalkGate(sink)));
      gate.press();
    });
  }

  pttRelease(): Promise<void> {
    return this.serial(async () => {
      if (this.capture?.mode !== 'push-to-talk') return;
      this.capture.gate?.release();
      await this.stopCapture();
    });
  }

  setListening(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (!on) {
        if (this.capture?.mode === 'hands-free') await this.stopCapture();
        return;
      }
      if (this.capture?.mode === 'hands-free') return;
      if (this.capture) await this.stopCapture();
      const session = await this.opts.session();
      const vad = await this.sileroVad();
      vad.reset();
      await this.startCapture('hands-free', session, (sink) => new VadSegmenter(vad, sink, this.opts.vadSettings()));
    });
  }

  /** Stops whatever is capturing (mode switch, quit). */
  stop(): Promise<void> {
    return this.serial(() => this.stopCapture());
  }

  async dispose(): Promise<void> {
    await this.stop();
    const vad = this.vad;
    this.vad = null;
    await vad?.then((v) => v.release(), () => undefined);
  }

  private sileroVad(): Promise<SileroVad> {
    this.vad ??= SileroVad.create().catch((error: unknown) => {
      this.vad = null;
      throw new EngineFailure('vad_unavailable', `Voice activity detection could not start: ${(error as Error).message}`, 'Reinstall Sotto, or use push-to-talk.');
    });
    return this.vad;
  }

  private async startCapture(mode: CaptureMode, session: CaptionSession, makeSegmenter: (sink: CaptionSession['utterances']) => PushToTalkGate | VadSegmenter): Promise<void> {
    if (this.opts.requestMicrophoneAccess && !(await this.opts.requestMicrophoneAccess())) {
      throw new EngineFailure(
        'mic_permission_denied',
        'Sotto may not use the microphone.',
        'Open System Settings → Privacy & Security → Microphone, allow Sotto, then try again.',
      );
    }
    const segmenter = makeSegmenter(session.utterances);
    const source = this.opts.openSource?.(this.opts.micDevice()) ?? new MicSource({ deviceIndex: this.opts.micDevice(), onNotice: (n) => this.opts.emit({ type: 'notice', ...n }) });
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const running = session.run(instrumentStart(source, started), segmenter);
    // Either capture starts, or run() rejects first (no device, permission) and we report that.
    await Promise.race([startedPromise, running]);
    const capture: Capture = { mode, source, gate: segmenter instanceof PushToTalkGate ? segmenter : null, running };
    this.capture = capture;
    this.deviceLabel = source.label;
    this.opts.onChange();
    running.then(
      () => this.captureEnded(capture, null),
      (error: unknown) => this.captureEnded(capture, error),
    );
  }

  private async stopCapture(): Promise<void> {
    const capture = this.capture;
    if (!capture) return;
    await capture.source.stop();
    await capture.running.catch(() => undefined);
  }

  /** The source ended by itself (device unplugged) or was stopped. */
  private captureEnded(capture: Capture, error: unknown): void {
    if (this.capture !== capture) return;
    this.capture = null;
    this.opts.onChange();
    if (error) {
      const f = toCommandError(error, { code: 'capture_failed', action: 'Check the microphone in Settings, then try again.' });
      this.opts.emit({ type: 'error', ...f, recoverable: true, caption_id: null });
    }
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Calls `started` once the source's start() resolved, i.e. audio is flowing. */
function instrumentStart(source: AudioSource, started: () => void): AudioSource {
  return {
    get label() {
      return source.label;
    },
    start: async (sink) => {
      await source.start(sink);
      started();
    },
    stop: () => source.stop(),
  };
}
