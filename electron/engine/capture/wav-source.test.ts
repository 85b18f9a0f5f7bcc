import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameSink } from '../audio/types';
import { AudioFormatError } from './errors';
import { readWav16kMono, WavSource } from './wav-source';

const { WaveFile } = wavefile;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sotto-wav-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeWav(name: string, samples: number[], rate = 16000): Promise<string> {
  const wav = new WaveFile();
  wav.fromScratch(1, rate, '16', samples);
  const file = path.join(dir, name);
  await writeFile(file, wav.toBuffer());
  return file;
}

/** Records what a source delivers; `done` settles on onEnd/onError. */
function recorder() {
  const frames: Int16Array[] = [];
  const events: string[] = [];
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const sink: FrameSink = {
    onFrame: (f) => frames.push(f),
    onEnd: () => (events.push('end'), settle()),
    onError: (e) => (events.push(`error:${e.message}`), settle()),
  };
  return { sink, frames, events, done };
}

const counting = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 30000) - 15000);

describe('WavSource', () => {
  it('delivers every sample in order in 512-sample frames (last one shorter), then ends once', async () => {
    const samples = counting(512 * 40 + 100);
    const src = new WavSource(await writeWav('count.wav', samples));
    const rec = recorder();
    await src.start(rec.sink);
    await rec.done;
    expect(rec.frames.map((f) => f.length)).toEqual([...Array(40).fill(512), 100]);
    expect(Array.from(rec.frames.flatMap((f) => Array.from(f)))).toEqual(samples);
    await src.stop(); // idempotent after the end
    expect(rec.events).toEqual(['end']);
    expect(src.label).toContain('count.wav');
  });

  it('stop() mid-stream ends delivery with a single onEnd', async () => {
    const src = new WavSource(await writeWav('long.wav', counting(16000 * 20)), { frameSamples: 160 });
    const rec = recorder();
    let stopping: Promise<void> | undefined;
    const sink: FrameSink = { ...rec.sink, onFrame: (f) => (rec.frames.push(f), rec.frames.length === 5 && (stopping = src.stop())) };
    await src.start(sink);
    await rec.done;
    await stopping;
    await src.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(rec.frames.length).toBe(5);
    expect(rec.events).toEqual(['end']);
  });

  it('realtime mode paces frames: the clip takes at least its own duration', async () => {
    const src = new WavSource(await writeWav('half-second.wav', counting(8000)), { realtime: true });
    const rec = recorder();
    const started = performance.now();
    await src.start(rec.sink);
    expect(rec.frames.length).toBeLessThan(3); // nothing was dumped synchronously
    await rec.done;
    // A lower bound only: a slow machine makes it later, never earlier.
    expect(performance.now() - started).toBeGreaterThanOrEqual(8000 / 16 - 32 * 2);
    expect(rec.frames.reduce((n, f) => n + f.length, 0)).toBe(8000);
  });

  it('resamples on the way: a 48 kHz file arrives as 16 kHz', async () => {
    const pcm = await readWav16kMono(await writeWav('48k.wav', new Array(48000).fill(1000), 48000));
    expect(pcm.length).toBe(16000);
    expect(pcm[8000]).toBe(1000);
  });

  it('frame-by-frame resampling in the source equals converting the whole file at once', async () => {
    const samples = Array.from({ length: 44100 }, (_, i) => Math.round(8000 * Math.sin(i / 7) + 3000 * Math.sin(i / 31)));
    const file = await writeWav('44k.wav', samples, 44100);
    const whole = await readWav16kMono(file);
    const src = new WavSource(file, { frameSamples: 333 });
    const rec = recorder();
    await src.start(rec.sink);
    await rec.done;
    expect(Int16Array.from(rec.frames.flatMap((f) => Array.from(f)))).toEqual(whole);
  });

  it('a consumer that throws turns into onError, not a crash', async () => {
    const src = new WavSource(await writeWav('throw.wav', counting(4096)));
    const rec = recorder();
    await src.start({ ...rec.sink, onFrame: () => { throw new Error('consumer broke'); } });
    await rec.done;
    expect(rec.events).toEqual(['error:consumer broke']);
  });

  it('a bad or missing file rejects start() with AudioFormatError and the sink sees nothing', async () => {
    const bad = path.join(dir, 'bad.wav');
    await writeFile(bad, 'not audio at all');
    for (const file of [bad, path.join(dir, 'missing.wav')]) {
      const rec = recorder();
      const err = await new WavSource(file).start(rec.sink).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AudioFormatError);
      expect(rec.frames).toEqual([]);
      expect(rec.events).toEqual([]);
    }
    await expect(readWav16kMono(path.join(dir, 'missing.wav'))).rejects.toMatchObject({ code: 'audio-format/unreadable' });
  });
});
