import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthSpeech } from '../../../test-support/audio/speech';
import { readWav16kMono } from '../capture/wav-source';
import { resolveSileroModelPath, SileroVad, VAD_FRAME_SAMPLES } from './silero';

let vad: SileroVad;
beforeAll(async () => {
  vad = await SileroVad.create();
});
afterAll(async () => {
  await vad.release();
});

async function probabilities(pcm: Int16Array): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i + VAD_FRAME_SAMPLES <= pcm.length; i += VAD_FRAME_SAMPLES) out.push(await vad.probability(pcm.subarray(i, i + VAD_FRAME_SAMPLES)));
  return out;
}

describe('SileroVad', () => {
  it('resolves the v5 model inside @ricky0123/vad-web', () => {
    expect(path.basename(resolveSileroModelPath())).toBe('silero_vad_v5.onnx');
    expect(resolveSileroModelPath('/opt/app/silero.onnx')).toBe('/opt/app/silero.onnx');
  });

  it('is near zero on silence and high during speech', async () => {
    vad.reset();
    const pcm = await readWav16kMono(await synthSpeech('Testing the voice activity detector.', { padStartS: 1, padEndS: 0 }));
    const p = await probabilities(pcm);
    const silent = p.slice(0, Math.floor(16000 / VAD_FRAME_SAMPLES) - 2);
    expect(Math.max(...silent)).toBeLessThan(0.1);
    expect(Math.max(...p.slice(silent.length))).toBeGreaterThan(0.9);
  });

  it('carries state between windows, and reset() forgets it', async () => {
    const pcm = await readWav16kMono(await synthSpeech('State matters.', { padStartS: 0.2, padEndS: 0.2 }));
    vad.reset();
    const first = await probabilities(pcm);
    const continued = await probabilities(pcm); // same audio, state left over from the first pass
    vad.reset();
    const again = await probabilities(pcm);
    expect(again).toEqual(first);
    expect(continued).not.toEqual(first);
  });

  it('accepts Float32 windows and rejects windows of the wrong size', async () => {
    vad.reset();
    await expect(vad.probability(new Float32Array(VAD_FRAME_SAMPLES))).resolves.toBeLessThan(0.1);
    await expect(vad.probability(new Int16Array(480))).rejects.toThrow(/512 samples per call, got 480/);
  });

  it('a missing model file is a clear error', async () => {
    await expect(SileroVad.create({ modelPath: '/nonexistent/silero.onnx' })).rejects.toThrow(/Cannot read ONNX model \/nonexistent\/silero.onnx \(ENOENT\)/);
  });
});
