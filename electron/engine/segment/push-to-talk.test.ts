import { describe, expect, it } from 'vitest';
import { UtteranceCollector } from './collect';
import { PushToTalkGate } from './push-to-talk';

const frame = (n: number, value: number): Int16Array => new Int16Array(n).fill(value);

describe('PushToTalkGate', () => {
  it('passes audio only while held; release ends the utterance', async () => {
    const sink = new UtteranceCollector();
    const gate = new PushToTalkGate(sink);
    await gate.push(frame(512, 1)); // before the press: dropped
    gate.press();
    gate.press(); // key auto-repeat
    expect(gate.isHeld).toBe(true);
    await gate.push(frame(512, 2));
    await gate.push(frame(100, 3));
    gate.release();
    await gate.push(frame(512, 4)); // after release: dropped
    expect(gate.isHeld).toBe(false);
    expect(sink.utterances).toHaveLength(1);
    const u = sink.utterances[0]!;
    expect(u).toMatchObject({ startSample: 512, endSample: 1124, reason: 'release' });
    expect(u.audio).toEqual(new Int16Array([...frame(512, 2), ...frame(100, 3)]));
  });

  it('a press with no audio, or a release without a press, yields nothing', async () => {
    const sink = new UtteranceCollector();
    const gate = new PushToTalkGate(sink);
    gate.press();
    gate.release();
    gate.release();
    await gate.push(frame(512, 1));
    await gate.flush();
    expect(sink.utterances).toEqual([]);
  });

  it('each press makes its own utterance, with sample positions counted across gaps', async () => {
    const sink = new UtteranceCollector();
    const gate = new PushToTalkGate(sink);
    for (let i = 0; i < 3; i++) {
      gate.press();
      await gate.push(frame(160, i + 1));
      gate.release();
      await gate.push(frame(1000, 0));
    }
    expect(sink.utterances.map((u) => [u.startSample, u.endSample, u.audio[0]])).toEqual([
      [0, 160, 1],
      [1160, 1320, 2],
      [2320, 2480, 3],
    ]);
  });

  it('splits a long hold at the maximum length without losing a sample', async () => {
    const sink = new UtteranceCollector();
    const gate = new PushToTalkGate(sink, { maxUtteranceMs: 100 }); // 1600 samples
    gate.press();
    for (let i = 0; i < 8; i++) await gate.push(frame(500, i));
    gate.release();
    expect(sink.utterances.map((u) => [u.startSample, u.endSample, u.reason])).toEqual([
      [0, 1600, 'max-length'],
      [1600, 3200, 'max-length'],
      [3200, 4000, 'release'],
    ]);
    const all = sink.utterances.flatMap((u) => Array.from(u.audio));
    expect(all).toEqual(Array.from({ length: 8 }, (_, i) => Array(500).fill(i)).flat());
  });

  it('flush closes a held utterance as end-of-stream', async () => {
    const sink = new UtteranceCollector();
    const gate = new PushToTalkGate(sink);
    gate.press();
    await gate.push(frame(512, 7));
    await gate.flush();
    expect(sink.utterances.map((u) => u.reason)).toEqual(['end-of-stream']);
  });
});
