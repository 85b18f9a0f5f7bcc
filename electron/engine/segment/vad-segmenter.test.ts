import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VadSettings } from '../../contract';
import { concatWithSilence, synthNoise, synthSpeech } from '../../../test-support/audio/speech';
import { readWav16kMono } from '../capture/wav-source';
import { SileroVad } from '../vad/silero';
import { segmentPcm, type CollectedUtterance } from './collect';
import { VadSegmenter, type VadSegmenterOptions } from './vad-segmenter';

const RATE = 16000;
const defaults = VadSettings.parse({});
const pad = (defaults.padMs * RATE) / 1000;
const tolerance = 0.25 * RATE;

let vad: SileroVad;
beforeAll(async () => {
  vad = await SileroVad.create();
});
afterAll(async () => {
  await vad.release();
});

function segment(pcm: Int16Array, settings: Partial<VadSettings> = {}, options: VadSegmenterOptions = {}, frameSamples = 512) {
  vad.reset();
  return segmentPcm((sink) => new VadSegmenter(vad, sink, VadSettings.parse(settings), options), pcm, frameSamples);
}

/** Ground truth from the signal itself: speech runs are where espeak's output is not digital silence. */
function speechRuns(pcm: Int16Array, gapS = 0.5): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < pcm.length; i++) {
    if (Math.abs(pcm[i]!) < 300) continue;
    const last = runs.at(-1);
    if (last && i - last[1] < gapS * RATE) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/** Every utterance's audio is exactly the clip between its start and end samples. */
function expectExactAudio(pcm: Int16Array, utterances: CollectedUtterance[]): void {
  for (const u of utterances) {
    expect(u.audio.length).toBe(u.endSample - u.startSample);
    expect(u.audio).toEqual(pcm.slice(u.startSample, u.endSample));
  }
}

describe('VadSegmenter with Silero', () => {
  it('finds both sentences of a two-utterance clip, boundaries within 250 ms (padding included)', async () => {
    const clip = await concatWithSilence([
      { silenceS: 1 },
      await synthSpeech('The quick brown fox jumps over the lazy dog.'),
      { silenceS: 1.5 },
      await synthSpeech('Please call me back tomorrow morning.'),
      { silenceS: 1 },
    ]);
    const pcm = await readWav16kMono(clip);
    const truth = speechRuns(pcm);
    expect(truth).toHaveLength(2);
    // Odd frame sizes (as a microphone might deliver) must not change the result.
    for (const frameSamples of [512, 333]) {
      const utterances = await segment(pcm, {}, {}, frameSamples);
      expect(utterances.map((u) => u.reason)).toEqual(['silence', 'silence']);
      utterances.forEach((u, i) => {
        const [start, end] = truth[i]!;
        expect(Math.abs(u.startSample - (start - pad))).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(u.endSample - (end + pad))).toBeLessThanOrEqual(tolerance);
      });
      expectExactAudio(pcm, utterances);
    }
  });

  it('covers the speech of resources/sample.wav in two utterances', async () => {
    const pcm = await readWav16kMono(new URL('../../../resources/sample.wav', import.meta.url).pathname);
    const truth = speechRuns(pcm);
    const utterances = await segment(pcm);
    expect(utterances).toHaveLength(2);
    utterances.forEach((u, i) => {
      expect(u.startSample).toBeLessThanOrEqual(truth[i]![0]);
      expect(u.endSample).toBeGreaterThanOrEqual(truth[i]![1]);
    });
  });

  it('produces nothing for silence, white noise or pink noise', async () => {
    expect(await segment(new Int16Array(RATE * 3))).toEqual([]);
    for (const noise of [await synthNoise('white', 3, 0.1), await synthNoise('pink', 3, 0.2)]) {
      expect(await segment(await readWav16kMono(noise))).toEqual([]);
    }
  });

  it('cuts long speech at the maximum length and carries on', async () => {
    const pcm = await readWav16kMono(await synthSpeech('One two three four five six seven eight nine ten.', { padStartS: 0.5, padEndS: 1 }));
    const utterances = await segment(pcm, {}, { maxUtteranceMs: 1000 });
    expect(utterances.length).toBeGreaterThanOrEqual(3);
    expect(utterances.slice(0, -1).every((u) => u.reason === 'max-length')).toBe(true);
    // The last piece ends at the pause after "ten" (by silence, or by length if the pause came just at the limit).
    expect(['silence', 'max-length']).toContain(utterances.at(-1)!.reason);
    const lastSpeech = speechRuns(pcm).at(-1)![1];
    expect(utterances.at(-1)!.endSample).toBeGreaterThanOrEqual(lastSpeech);
    expect(utterances.at(-1)!.endSample).toBeLessThanOrEqual(lastSpeech + pad + 2 * tolerance);
    for (const u of utterances) expect(u.endSample - u.startSample).toBeLessThanOrEqual(RATE + 512);
    expectExactAudio(pcm, utterances);
  });

  it('ignores speech shorter than minSpeechMs', async () => {
    const pcm = await readWav16kMono(await synthSpeech('Hi.', { padStartS: 0.5, padEndS: 1 }));
    expect(await segment(pcm, { minSpeechMs: 100 })).toHaveLength(1);
    expect(await segment(pcm, { minSpeechMs: 3000 })).toEqual([]);
  });

  it('closes an utterance still open at the end of the stream', async () => {
    const pcm = await readWav16kMono(await synthSpeech('This clip stops abruptly while I am still talking', { padStartS: 0.5, padEndS: 0 }));
    const utterances = await segment(pcm.subarray(0, pcm.length - 4000));
    expect(utterances).toHaveLength(1);
    expect(utterances[0]!.reason).toBe('end-of-stream');
    expect(utterances[0]!.endSample).toBe(pcm.length - 4000);
    expectExactAudio(pcm, utterances);
  });

  it('a long minSilenceMs joins two sentences into one utterance', async () => {
    const clip = await concatWithSilence([{ silenceS: 0.5 }, await synthSpeech('First part.'), { silenceS: 0.6 }, await synthSpeech('Second part.'), { silenceS: 1.5 }]);
    const pcm = await readWav16kMono(clip);
    expect(await segment(pcm, { minSilenceMs: 200 })).toHaveLength(2);
    const joined = await segment(pcm, { minSilenceMs: 1000 });
    expect(joined).toHaveLength(1);
    expectExactAudio(pcm, joined);
  });
});
