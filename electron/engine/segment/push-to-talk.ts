/**
 * Push-to-talk: audio flows to the sink only while the key is held. An utterance starts with the first
 * audio after press() (so a press with no audio yields nothing) and ends on release().
 */
import { msToSamples } from '../audio/types';
import type { Segmenter, UtteranceEndReason, UtteranceSink } from './types';

export interface PushToTalkOptions {
  /** Longest utterance before it is cut (reason 'max-length') and a new one begins while still held. Default 25 s. */
  maxUtteranceMs?: number;
}

export class PushToTalkGate implements Segmenter {
  private held = false;
  private open = false;
  /** Samples seen since the stream began (held or not), so sample indices match the source's. */
  private position = 0;
  private utteranceStart = 0;
  private readonly maxLength: number;

  constructor(
    private readonly sink: UtteranceSink,
    options: PushToTalkOptions = {},
  ) {
    this.maxLength = Math.max(1, msToSamples(options.maxUtteranceMs ?? 25_000));
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Key down. Repeated presses (key auto-repeat) are ignored. */
  press(): void {
    this.held = true;
  }

  /** Key up: closes the utterance if any audio arrived. Releasing when not held does nothing. */
  release(): void {
    this.held = false;
    this.close('release');
  }

  async push(frame: Int16Array): Promise<void> {
    let offset = 0;
    while (this.held && offset < frame.length) {
      if (!this.open) {
        this.open = true;
        this.utteranceStart = this.position;
        this.sink.onUtteranceStart({ startSample: this.position });
      }
      const room = this.utteranceStart + this.maxLength - this.position;
      const piece = frame.slice(offset, offset + room);
      this.sink.onUtteranceAudio(piece);
      offset += piece.length;
      this.position += piece.length;
      if (this.position - this.utteranceStart >= this.maxLength) this.close('max-length');
    }
    this.position += frame.length - offset;
  }

  async flush(): Promise<void> {
    this.close('end-of-stream');
  }

  private close(reason: UtteranceEndReason): void {
    if (!this.open) return;
    this.open = false;
    this.sink.onUtteranceEnd({ endSample: this.position, reason });
  }
}
