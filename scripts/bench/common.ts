/**
 * Helpers shared by the benchmarks (scripts/bench/asr.ts, scripts/bench/lanes.ts): machine facts, medians,
 * exact-length speech clips, the token cap, and writing a validated JSON result into bench/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import wavefile from 'wavefile';
import type { z } from 'zod';
import { SAMPLE_RATE } from '../../electron/engine/audio/types';
import { readWav16kMono } from '../../electron/engine/capture/wav-source';
import { median } from '../../electron/engine/ledger';
import { whisperSystemInfo } from '../../native/whisper/index';
import { ensureSpeechWav, repoRoot, testCacheDir } from '../../test-support/models/test-assets';
import type { Machine } from './schema';

export { median };

export const benchDir = path.join(repoRoot, 'bench');
export const benchCacheDir = path.join(testCacheDir, 'bench');

/**
 * Decoded-token cap for a window of `samples`: about 4 tokens per second of audio (what real speech yields), plus the
 * same +16 margin the streaming transcriber adds. Random weights would otherwise decode garbage of arbitrary length.
 */
export const TOKENS_PER_SECOND = 4;
export function tokenCap(samples: number): number {
  return Math.ceil((samples / SAMPLE_RATE) * TOKENS_PER_SECOND) + 16;
}

/** The median of a non-empty list (a benchmark with no runs is a bug, not a figure). */
export function medianOf(values: readonly number[], what: string): number {
  const m = median(values);
  if (m === null) throw new Error(`no measurements for ${what}`);
  return m;
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = os.loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

/** CPU model, cores, Node version and load; whisper's version and CPU features when the addon is loaded. */
export function machineInfo(opts: { whisper: boolean }): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    arch: process.arch,
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    total_memory_mb: Math.round(os.totalmem() / 2 ** 20),
    load_average_start: loadAverage(),
    load_average_end: null,
    whisper: opts.whisper ? whisperSystemInfo() : null,
  };
}

/** Trims or zero-pads Int16 PCM to exactly `samples`. */
export function fitToLength(pcm: Int16Array, samples: number): Int16Array {
  if (pcm.length === samples) return pcm;
  const out = new Int16Array(samples);
  out.set(pcm.subarray(0, Math.min(samples, pcm.length)));
  return out;
}

/**
 * First sample of speech: the start of the first 10 ms window whose RMS reaches `threshold` of full scale
 * (-40 dBFS by default). espeak-ng clips padded by sox have digital silence before the voice, so this is exact
 * to a window. -1 when nothing is that loud.
 */
export function speechOnsetSample(pcm: Int16Array, threshold = 0.01): number {
  const window = SAMPLE_RATE / 100;
  for (let start = 0; start + window <= pcm.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += (pcm[i]! / 32768) ** 2;
    if (Math.sqrt(sum / window) >= threshold) return start;
  }
  return -1;
}

export function int16Wav(pcm: Int16Array): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '16', pcm);
  return wav.toBuffer();
}

export interface SpeechClip {
  /** A 16 kHz mono 16-bit WAV of exactly `samples` samples. */
  file: string;
  pcm: Int16Array;
  samples: number;
  /** Where the voice starts (speechOnsetSample). */
  onsetSample: number;
  text: string;
}

/**
 * espeak-ng speaking `text` after `leadS` seconds of silence, trimmed or padded to exactly `seconds`
 * (a trim mid-word is what a push-to-talk release does). Cached in .cache/bench by name.
 */
export async function speechClip(name: string, text: string, seconds: number, opts: { leadS?: number } = {}): Promise<SpeechClip> {
  const spoken = await ensureSpeechWav(text, { padStartS: opts.leadS ?? 0, padEndS: 0 });
  const samples = Math.round(seconds * SAMPLE_RATE);
  const pcm = fitToLength(await readWav16kMono(spoken), samples);
  await mkdir(benchCacheDir, { recursive: true });
  const file = path.join(benchCacheDir, `${name}.wav`);
  await writeFile(file, int16Wav(pcm));
  return { file, pcm, samples, onsetSample: speechOnsetSample(pcm), text };
}

/** Validates a result against its schema (every key present, every figure a number) and writes bench/<name>.json. */
export async function writeBenchJson<S extends z.ZodType>(name: string, schema: S, result: z.input<S>): Promise<string> {
  const parsed = schema.parse(result);
  await mkdir(benchDir, { recursive: true });
  const file = path.join(benchDir, `${name}.json`);
  await writeFile(file, `${JSON.stringify(parsed, null, 2)}\n`);
  return file;
}

export interface SummaryRow {
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
}

/** The table printed at the end of a run. */
export function printSummary(title: string, rows: SummaryRow[], file: string): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      figure: r.figure,
      value: r.value === null ? 'n/a' : `${r.value} ${r.unit}`.trim(),
      target: r.target,
      met: r.met === null ? '-' : r.met ? 'yes' : 'no',
    })),
  );
  console.log(`written: ${file}`);
}

/** Logs progress on stderr so stdout stays the summary. */
export const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** A benchmark's entry point: exits non-zero only when it crashed (a missed target is a figure, not a failure). */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
