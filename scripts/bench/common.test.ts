import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWav16kMono } from '../../electron/engine/capture/wav-source';
import { countCliTextTokens } from './baseline';
import { fitToLength, int16Wav, medianOf, speechOnsetSample, tokenCap } from './common';

// The helpers the benchmark figures rest on (no timings here: benchmarks measure, tests check logic).

const dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-bench-test-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('tokenCap', () => {
  it('is about 4 tokens per second of audio plus the transcriber’s margin of 16', () => {
    expect(tokenCap(48_000)).toBe(28);
    expect(tokenCap(160_000)).toBe(56);
    expect(tokenCap(16_001)).toBe(21); // partial seconds round up
  });
});

describe('fitToLength', () => {
  it('trims long clips and zero-pads short ones to the exact sample count', () => {
    const pcm = Int16Array.from([1, 2, 3, 4, 5]);
    expect([...fitToLength(pcm, 3)]).toEqual([1, 2, 3]);
    expect([...fitToLength(pcm, 7)]).toEqual([1, 2, 3, 4, 5, 0, 0]);
    expect(fitToLength(pcm, 5)).toBe(pcm);
  });
});

describe('speechOnsetSample', () => {
  it('finds the first 10 ms window at or above -40 dBFS', () => {
    const pcm = new Int16Array(16_000);
    for (let i = 4_800; i < pcm.length; i++) pcm[i] = Math.round(Math.sin(i / 5) * 8_000);
    expect(speechOnsetSample(pcm)).toBe(4_800);
  });

  it('ignores quiet noise and reports -1 when nothing is loud enough', () => {
    const pcm = Int16Array.from({ length: 8_000 }, (_, i) => (i % 2 ? 100 : -100)); // ≈ -50 dBFS
    expect(speechOnsetSample(pcm)).toBe(-1);
  });
});

describe('int16Wav', () => {
  it('writes a 16 kHz mono 16-bit WAV the engine reads back sample for sample', async () => {
    const pcm = Int16Array.from({ length: 1_000 }, (_, i) => (i * 37) % 30_000 - 15_000);
    const file = path.join(dir, 'clip.wav');
    await writeFile(file, int16Wav(pcm));
    expect([...(await readWav16kMono(file))]).toEqual([...pcm]);
  });
});

describe('medianOf', () => {
  it('takes the median and refuses an empty list', () => {
    expect(medianOf([3, 1, 2], 'x')).toBe(2);
    expect(() => medianOf([], 'the baseline')).toThrow(/no measurements for the baseline/);
  });
});

describe('countCliTextTokens', () => {
  it('counts text tokens in whisper-cli -ojf output, not timestamps or other special tokens', () => {
    const json = {
      transcription: [
        { text: ' hello world', tokens: [{ text: '[_BEG_]', id: 50364 }, { text: ' hello', id: 7751 }, { text: ' world', id: 1002 }, { text: '[_TT_150]', id: 50514 }] },
        { text: ' again', tokens: [{ text: ' again', id: 797 }, { text: '[_TT_300]', id: 50664 }] },
      ],
    };
    expect(countCliTextTokens(json)).toBe(3);
  });

  it('refuses output that is not whisper-cli JSON', () => {
    expect(() => countCliTextTokens({ result: {} })).toThrow();
  });
});
