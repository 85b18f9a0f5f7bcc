import { describe, expect, it } from 'vitest';
import { VadSettings } from '../../contract';
import { readWav16kMono, WavSource } from '../capture/wav-source';
import { SileroVad } from '../vad/silero';
import { segmenterFrameSink, UtteranceCollector } from './collect';
import { PushToTalkGate } from './push-to-talk';
import type { Segmenter } from './types';
import { VadSegmenter } from './vad-segmenter';

const samplePath = new URL('../../../resources/sample.wav', import.meta.url).pathname;

describe('segmenterFrameSink', () => {
  it('runs a WavSource through the VAD segmenter: the sample recording gives two utterances', async () => {
    const vad = await SileroVad.create();
    const collector = new UtteranceCollector();
    const errors: Error[] = [];
    const sink = segmenterFrameSink(new VadSegmenter(vad, collector, VadSettings.parse({})), (e) => errors.push(e));
    await new WavSource(samplePath).start(sink);
    await sink.done;
    await vad.release();
    expect(errors).toEqual([]);
    expect(collector.utterances.map((u) => u.reason)).toEqual(['silence', 'silence']);
    const pcm = await readWav16kMono(samplePath);
    for (const u of collector.utterances) expect(u.audio).toEqual(pcm.slice(u.startSample, u.endSample));
  });

  it('a failing segmenter is reported once and stops receiving frames', async () => {
    let pushes = 0;
    const broken: Segmenter = {
      push: async () => {
        pushes++;
        throw new Error('segmenter broke');
      },
      flush: async () => undefined,
    };
    const errors: Error[] = [];
    const sink = segmenterFrameSink(broken, (e) => errors.push(e));
    await new WavSource(samplePath).start(sink);
    await sink.done;
    expect(errors.map((e) => e.message)).toEqual(['segmenter broke']);
    expect(pushes).toBe(1);
  });

  it('a source error flushes the open utterance and is reported', async () => {
    const collector = new UtteranceCollector();
    const gate = new PushToTalkGate(collector);
    const errors: Error[] = [];
    const sink = segmenterFrameSink(gate, (e) => errors.push(e));
    gate.press();
    sink.onFrame(new Int16Array(512).fill(5));
    sink.onError(new Error('mic unplugged'));
    await sink.done;
    expect(errors.map((e) => e.message)).toEqual(['mic unplugged']);
    expect(collector.utterances.map((u) => [u.reason, u.audio.length])).toEqual([['end-of-stream', 512]]);
  });
});
