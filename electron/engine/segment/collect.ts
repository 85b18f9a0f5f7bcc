/**
 * Glue for tests, the demo and the pipeline: collect utterances into plain objects, run a whole clip through
 * a segmenter, and turn a segmenter into a FrameSink for an AudioSource.
 */
import type { FrameSink } from '../audio/types';
import type { Segmenter, UtteranceEndReason, UtteranceSink } from './types';

export interface CollectedUtterance {
  startSample: number;
  endSample: number;
  reason: UtteranceEndReason;
  audio: Int16Array;
}

/** An UtteranceSink that keeps every utterance in memory, checking the start/audio/end order as it goes. */
export class UtteranceCollector implements UtteranceSink {
  readonly utterances: CollectedUtterance[] = [];
  private current: { startSample: number; chunks: Int16Array[] } | null = null;

  onUtteranceStart(info: { startSample: number }): void {
    if (this.current) throw new Error('Segmenter bug: utterance started while another was open.');
    this.current = { startSample: info.startSample, chunks: [] };
  }

  onUtteranceAudio(frame: Int16Array): void {
    if (!this.current) throw new Error('Segmenter bug: audio outside an utterance.');
    this.current.chunks.push(frame);
  }

  onUtteranceEnd(info: { endSample: number; reason: UtteranceEndReason }): void {
    if (!this.current) throw new Error('Segmenter bug: utterance ended but none was open.');
    const length = this.current.chunks.reduce((n, c) => n + c.length, 0);
    const audio = new Int16Array(length);
    let at = 0;
    for (const c of this.current.chunks) {
      audio.set(c, at);
      at += c.length;
    }
    this.utterances.push({ startSample: this.current.startSample, endSample: info.endSample, reason: info.reason, audio });
    this.current = null;
  }
}

/** Feeds a whole clip through a segmenter in capture-sized frames, then flushes. */
export async function segmentPcm(
  makeSegmenter: (sink: UtteranceSink) => Segmenter,
  pcm: Int16Array,
  frameSamples = 512,
): Promise<CollectedUtterance[]> {
  const collector = new UtteranceCollector();
  const segmenter = makeSegmenter(collector);
  for (let i = 0; i < pcm.length; i += frameSamples) await segmenter.push(pcm.subarray(i, i + frameSamples));
  await segmenter.flush();
  return collector.utterances;
}

/**
 * A FrameSink that forwards an AudioSource's frames to a segmenter in order (onFrame is synchronous,
 * push is not), flushes at the end, and reports the first failure. `done` settles when the stream is over.
 */
export function segmenterFrameSink(segmenter: Segmenter, onError: (error: Error) => void): FrameSink & { done: Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  let failed = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    onError(error instanceof Error ? error : new Error(String(error)));
  };
  return {
    done,
    onFrame(frame) {
      chain = chain.then(() => (failed ? undefined : segmenter.push(frame))).catch(fail);
    },
    onEnd() {
      chain = chain.then(() => (failed ? undefined : segmenter.flush())).catch(fail).finally(finish);
    },
    onError(error) {
      chain = chain
        .then(() => segmenter.flush())
        .catch(() => undefined)
        .finally(() => {
          fail(error);
          finish();
        });
    },
  };
}
