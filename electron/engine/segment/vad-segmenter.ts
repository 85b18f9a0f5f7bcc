/**
 * Hands-free segmentation: Silero's streaming iterator logic, made exact about which samples belong to an
 * utterance. Speech must last minSpeechMs before an utterance starts (short clicks never reach Whisper);
 * it ends after minSilenceMs below the lower threshold, keeping padMs of audio on both sides.
 */
import type { VadSettings } from '../../contract';
import { msToSamples } from '../audio/types';
import { VAD_FRAME_SAMPLES } from '../vad/silero';
import type { Segmenter, UtteranceEndReason, UtteranceSink } from './types';

/** What the segmenter needs from a VAD: Silero's SileroVad satisfies it. */
export interface SpeechDetector {
  /** Probability that the next 512-sample window is speech; windows arrive in order. */
  probability(window: Int16Array): Promise<number>;
  reset(): void;
}

export interface VadSegmenterOptions {
  /** Longest utterance before it is cut (reason 'max-length'): Whisper sees at most 30 s at once. Default 25 s. */
  maxUtteranceMs?: number;
  /** Speech ends below threshold − this (Silero's own iterator uses 0.15): hysteresis against flicker. */
  hysteresis?: number;
}

type State = 'idle' | 'candidate' | 'speaking';

function concat(a: Int16Array, b: Int16Array): Int16Array {
  if (a.length === 0) return b;
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class VadSegmenter implements Segmenter {
  private readonly threshold: number;
  private readonly negThreshold: number;
  private readonly minSpeech: number;
  private readonly minSilence: number;
  private readonly pad: number;
  private readonly maxLength: number;

  private state: State = 'idle';
  /** Samples not yet a whole VAD window. */
  private pending: Int16Array = new Int16Array(0);
  /** Index of the first sample of `pending` since the stream began. */
  private position = 0;
  /** Up to padMs of audio just before the current position, while idle (the pre-speech padding). */
  private preRoll: Int16Array = new Int16Array(0);
  /** Candidate: audio held until speech has lasted minSpeechMs. Speaking: audio held during a possible pause. */
  private held: Int16Array = new Int16Array(0);
  private utteranceStart = 0;
  private candidateSpeechStart = 0;
  /** Start of the current run of sub-threshold windows, or null while speech continues. */
  private silenceStart: number | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly vad: SpeechDetector,
    private readonly sink: UtteranceSink,
    settings: VadSettings,
    options: VadSegmenterOptions = {},
  ) {
    this.threshold = settings.threshold;
    this.negThreshold = Math.max(0.01, settings.threshold - (options.hysteresis ?? 0.15));
    this.minSpeech = msToSamples(settings.minSpeechMs);
    this.minSilence = msToSamples(settings.minSilenceMs);
    this.pad = msToSamples(settings.padMs);
    this.maxLength = msToSamples(options.maxUtteranceMs ?? 25_000);
  }

  /** Serialised: callers may push without awaiting and order is still kept. */
  push(frame: Int16Array): Promise<void> {
    const run = this.queue.then(() => this.process(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  flush(): Promise<void> {
    const run = this.queue.then(() => this.finishStream());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(frame: Int16Array): Promise<void> {
    let data = concat(this.pending, frame);
    let offset = 0;
    while (data.length - offset >= VAD_FRAME_SAMPLES) {
      const window = data.subarray(offset, offset + VAD_FRAME_SAMPLES);
      const p = await this.vad.probability(window);
      this.step(window, p);
      offset += VAD_FRAME_SAMPLES;
      this.position += VAD_FRAME_SAMPLES;
    }
    data = data.slice(offset);
    this.pending = data;
  }

  private step(window: Int16Array, p: number): void {
    const start = this.position;
    const end = start + window.length;
    switch (this.state) {
      case 'idle':
        if (p >= this.threshold) {
          this.state = 'candidate';
          this.candidateSpeechStart = start;
          this.utteranceStart = start - this.preRoll.length;
          this.held = concat(this.preRoll, window);
          this.silenceStart = null;
          this.preRoll = new Int16Array(0);
          this.confirmIfLongEnough(end);
        } else {
          this.keepPreRoll(window);
        }
        return;
      case 'candidate':
        this.held = concat(this.held, window);
        this.trackSilence(p, start);
        if (this.silenceStart !== null && end - this.silenceStart >= this.minSilence) {
          // Too short to be speech: drop it, keep its tail as padding for whatever comes next.
          this.state = 'idle';
          this.preRoll = new Int16Array(0);
          this.keepPreRoll(this.held);
          this.held = new Int16Array(0);
          return;
        }
        if (this.silenceStart === null) this.confirmIfLongEnough(end);
        return;
      case 'speaking':
        this.stepSpeaking(window, p, start, end);
    }
  }

  private stepSpeaking(window: Int16Array, p: number, start: number, end: number): void {
    this.trackSilence(p, start);
    if (this.silenceStart === null) {
      // Speech (again): a held pause belongs to the utterance after all.
      this.emitAudio(concat(this.held, window));
      this.held = new Int16Array(0);
    } else {
      this.held = concat(this.held, window);
      if (end - this.silenceStart >= this.minSilence) {
        this.endWithPadding(end, 'silence');
        return;
      }
    }
    // During a pause the utterance would end at silenceStart + pad: only cut if even that is too long.
    const contentEnd = this.silenceStart === null ? end : Math.min(end, this.silenceStart + this.pad);
    if (contentEnd - this.utteranceStart >= this.maxLength) this.endWithPadding(end, 'max-length');
  }

  private trackSilence(p: number, windowStart: number): void {
    if (p >= this.threshold) this.silenceStart = null;
    else if (p < this.negThreshold && this.silenceStart === null) this.silenceStart = windowStart;
  }

  private confirmIfLongEnough(end: number): void {
    if (end - this.candidateSpeechStart < Math.max(this.minSpeech, 1)) return;
    this.state = 'speaking';
    this.sink.onUtteranceStart({ startSample: this.utteranceStart });
    this.emitAudio(this.held);
    this.held = new Int16Array(0);
  }

  private emitAudio(audio: Int16Array): void {
    // A copy: the consumer may keep it, and it may be a view of the caller's frame.
    if (audio.length > 0) this.sink.onUtteranceAudio(audio.slice());
  }

  /**
   * Closes the utterance: during a pause only padMs of the held silence is kept; `end` is the stream
   * position after everything emitted or held.
   */
  private endWithPadding(end: number, reason: UtteranceEndReason): void {
    let endSample = end;
    let leftover: Int16Array = new Int16Array(0);
    if (this.silenceStart !== null) {
      const keep = Math.min(this.pad, this.held.length);
      this.emitAudio(this.held.subarray(0, keep));
      endSample = this.silenceStart + keep;
      leftover = this.held.subarray(keep);
    } else {
      this.emitAudio(this.held);
    }
    this.sink.onUtteranceEnd({ endSample, reason });
    this.state = 'idle';
    this.held = new Int16Array(0);
    this.silenceStart = null;
    // After a pause, the audio past the post-padding may pad the next utterance; after a cut mid-speech,
    // nothing is repeated.
    this.preRoll = new Int16Array(0);
    if (reason === 'silence') this.keepPreRoll(leftover);
  }

  private keepPreRoll(audio: Int16Array): void {
    if (this.pad === 0) return;
    const joined = concat(this.preRoll, audio);
    this.preRoll = joined.length > this.pad ? joined.slice(joined.length - this.pad) : joined.slice();
  }

  private async finishStream(): Promise<void> {
    const tail = this.pending;
    this.pending = new Int16Array(0);
    if (this.state === 'speaking') {
      // The last partial window is too short for the VAD; while speaking it belongs to the utterance.
      if (this.silenceStart === null) this.held = concat(this.held, tail);
      this.endWithPadding(this.position + tail.length, 'end-of-stream');
    } else {
      // A candidate that never lasted minSpeechMs is not an utterance.
      this.state = 'idle';
      this.held = new Int16Array(0);
      this.keepPreRoll(tail);
    }
    this.position += tail.length;
    this.silenceStart = null;
    this.vad.reset();
  }
}
