import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { audioCtxForSamples, loadWhisperModel, type WhisperModel } from '../../../native/whisper/index';
import { ensureTestWhisperModel, repoRoot } from '../../../test-support/models/test-assets';
import type { CaptionPartial } from '../../contract';
import { readWav16kMono } from '../capture/wav-source';
import { PushToTalkGate } from '../segment/push-to-talk';
import { StreamingTranscriber } from './streaming-transcriber';
import type { AsrModel, FinalTranscript } from './types';

// Real whisper.cpp with a random-weight model: the text is garbage, so these tests assert on flow and structure.
let model: WhisperModel;
let speech: Int16Array;

beforeAll(async () => {
  model = await loadWhisperModel(await ensureTestWhisperModel('test'));
  speech = await readWav16kMono(path.join(repoRoot, 'resources', 'sample.wav'));
});
afterAll(async () => model?.dispose());

function setup(partials = true) {
  const events: Array<CaptionPartial | FinalTranscript | { error: unknown }> = [];
  const calls: Array<{ samples: number; partial: boolean; outcome?: 'done' | 'aborted' }> = [];
  const counted: AsrModel = {
    transcribe: (pcm, opts) => {
      const call: (typeof calls)[number] = { samples: pcm.length, partial: opts.signal !== undefined };
      calls.push(call);
      return model.transcribe(pcm, opts).then(
        (r) => ((call.outcome = 'done'), r),
        (e: unknown) => {
          call.outcome = 'aborted';
          throw e;
        },
      );
    },
  };
  const transcriber = new StreamingTranscriber({
    model: counted,
    language: () => 'en',
    threads: 1,
    audioCtxFor: audioCtxForSamples,
    partialIntervalMs: 300,
    minPartialAudioMs: 300,
    partials,
    emitPartial: (e) => events.push(e),
    onFinal: (t) => events.push(t),
    onError: (error) => events.push({ error }),
  });
  const gate = new PushToTalkGate(transcriber);
  return { events, transcriber, gate, calls };
}

const isPartial = (e: unknown): e is CaptionPartial => (e as CaptionPartial).type === 'caption.partial';
const isFinal = (e: unknown): e is FinalTranscript => typeof (e as FinalTranscript).audioBytes === 'number';

describe('StreamingTranscriber (real whisper.cpp)', { timeout: 180_000 }, () => {
  it('emits provisional partials for the growing window, then one final for the utterance', async () => {
    const { events, transcriber, gate } = setup();
    const clip = speech.subarray(0, 16000 * 2);
    gate.press();
    for (let i = 0; i < clip.length; i += 8000) {
      await gate.push(clip.subarray(i, i + 8000));
      await transcriber.partialIdle(); // let each partial pass finish, as a real-time stream would
    }
    gate.release();
    await transcriber.drain();

    const partials = events.filter(isPartial);
    const finals = events.filter(isFinal);
    expect(events.filter((e) => 'error' in e)).toEqual([]);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(finals).toHaveLength(1);
    const final = finals[0]!;
    // One caption id from first partial to final; the final is the last event.
    expect(new Set(partials.map((p) => p.id))).toEqual(new Set([final.id]));
    expect(events.at(-1)).toBe(final);
    // Partials cover a growing window; committed text only ever grows (LocalAgreement-2).
    for (let i = 1; i < partials.length; i++) {
      expect(partials[i]!.end_ms).toBeGreaterThan(partials[i - 1]!.end_ms);
      expect(partials[i]!.committed.startsWith(partials[i - 1]!.committed)).toBe(true);
    }
    for (const p of partials) expect(p.stage).toBe('transcribing');
    expect(final.audioBytes).toBe(clip.length * 2);
    expect(final.endMs - final.startMs).toBeCloseTo(2000, 0);
    expect(final.text.length).toBeGreaterThan(0);
    expect(final.meanTokenProb).toBeGreaterThanOrEqual(0);
    expect(final.meanTokenProb).toBeLessThanOrEqual(1);
    expect(final.asrMs).toBeGreaterThanOrEqual(0);
  });

  it('aborts a partial in flight when more audio came after it started, and still delivers the final', async () => {
    const { events, transcriber, gate, calls } = setup();
    gate.press();
    await gate.push(speech.subarray(0, 16000 * 2)); // starts a partial pass …
    await gate.push(speech.subarray(16000 * 2, 16000 * 2 + 1600)); // … which this audio makes stale
    gate.release(); // release aborts it at once
    await transcriber.drain();
    await transcriber.partialIdle();
    const finals = events.filter(isFinal);
    expect(finals).toHaveLength(1);
    expect(events.at(-1)).toBe(finals[0]); // no partial after the final
    expect(events.filter((e) => 'error' in e)).toEqual([]);
    expect(calls.map((c) => [c.partial, c.outcome])).toEqual([[true, 'aborted'], [false, 'done']]);
  });

  it('a partial already decoding the whole utterance at release becomes the final (no second decode)', async () => {
    const { events, transcriber, gate, calls } = setup();
    gate.press();
    await gate.push(speech.subarray(0, 16000 * 2)); // starts a partial over everything said
    gate.release();
    await transcriber.drain();
    const finals = events.filter(isFinal);
    expect(finals).toHaveLength(1);
    expect(events.at(-1)).toBe(finals[0]);
    expect(calls).toEqual([{ samples: 32000, partial: true, outcome: 'done' }]);
    expect(finals[0]!.audioBytes).toBe(64000);
  });

  it('keeps utterances apart and in order, and pads sub-second speech for whisper', async () => {
    const { events, transcriber, gate } = setup(false);
    for (const [from, to] of [[0, 8000], [16000, 48000]] as const) {
      gate.press();
      await gate.push(speech.subarray(from, to));
      gate.release();
    }
    await transcriber.drain();
    const finals = events.filter(isFinal);
    expect(finals.map((f) => f.audioBytes)).toEqual([16000, 64000]);
    expect(finals[0]!.id).not.toBe(finals[1]!.id);
    expect(finals[1]!.startMs).toBeGreaterThanOrEqual(finals[0]!.endMs);
  });
});
