/**
 * Shared test assets, generated on demand and reused: the whisper addon, random-weight whisper models, and spoken
 * test audio. Used by unit tests, e2e fixtures and the benchmark. Everything lands in <repo>/.cache (gitignored).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import wavefile from 'wavefile';
import { DEFAULT_SEED, expectedModelBytes, writeTestModel } from './make-test-model';
import type { ModelShapeName } from '../../native/whisper/ggml-format';

const run = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const testCacheDir = path.join(repoRoot, '.cache');
export const testModelDir = path.join(testCacheDir, 'test-models');
export const testAudioDir = path.join(testCacheDir, 'test-audio');

/** Where the random-weight model of this shape lives (seed in the name: a new seed never reuses an old file). */
export function testWhisperModelPath(shape: ModelShapeName, dir = testModelDir): string {
  return path.join(dir, `ggml-${shape}-random-s${DEFAULT_SEED}.bin`);
}

/**
 * Path of a random-weight whisper ggml model of this shape, generated when missing or incomplete (size check).
 * Safe when several test workers ask at once: each writes a temporary file and renames it into place.
 */
export async function ensureTestWhisperModel(shape: ModelShapeName = 'test', opts: { dir?: string } = {}): Promise<string> {
  const file = testWhisperModelPath(shape, opts.dir);
  const want = expectedModelBytes(shape);
  const have = await fs.stat(file).then((s) => s.size, () => -1);
  if (have === want) return file;
  await writeTestModel(shape, file, DEFAULT_SEED);
  return file;
}

/**
 * Build the whisper addon if needed (cheap when the cache already holds this build) and install it into
 * native/build/Release. Runs scripts/build/build-native.mjs in a child process so its cross-process lock applies.
 */
export async function ensureNativeAddon(opts: { quiet?: boolean } = {}): Promise<void> {
  const args = [path.join(repoRoot, 'scripts', 'build', 'build-native.mjs')];
  if (opts.quiet) args.push('--quiet');
  try {
    const { stdout } = await run(process.execPath, args, { cwd: repoRoot, maxBuffer: 64 << 20 });
    if (!opts.quiet && stdout.trim()) console.log(stdout.trim());
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`building the whisper addon failed: ${(err.stderr || err.stdout || err.message).slice(-4000)}`);
  }
}

/** Path of whisper.cpp's whisper-cli built from the same tree and flags as the addon (the benchmark baseline). */
export async function ensureWhisperCli(): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, 'scripts', 'build', 'build-native.mjs'), '--cli', '--json', '--quiet'], { cwd: repoRoot, maxBuffer: 64 << 20 });
  const last = stdout.trim().split('\n').pop() ?? '{}';
  const cli = (JSON.parse(last) as { cli?: string }).cli;
  if (!cli) throw new Error(`build-native --cli printed no path: ${stdout.slice(-2000)}`);
  return cli;
}

export interface SpeechOptions {
  /** espeak-ng voice, e.g. 'en', 'de' (default 'en'). */
  voice?: string;
  /** Silence before and after the speech, in seconds (default 0.5 and 1, so VAD boundaries are testable). */
  padStartS?: number;
  padEndS?: number;
}

/**
 * A 16 kHz mono 16-bit WAV of `text` spoken by espeak-ng (Debian packages espeak-ng and sox), cached by content.
 */
export async function ensureSpeechWav(text: string, opts: SpeechOptions = {}): Promise<string> {
  const voice = opts.voice ?? 'en';
  const padStart = opts.padStartS ?? 0.5;
  const padEnd = opts.padEndS ?? 1;
  const key = createHash('sha256').update(JSON.stringify([text, voice, padStart, padEnd])).digest('hex').slice(0, 16);
  const file = path.join(testAudioDir, `speech-${key}.wav`);
  if (await fs.stat(file).then((s) => s.size > 44, () => false)) return file;
  await fs.mkdir(testAudioDir, { recursive: true });
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const raw = path.join(testAudioDir, `raw-${tag}.wav`);
  const tmp = path.join(testAudioDir, `speech-${key}.${tag}.tmp.wav`);
  try {
    await run('espeak-ng', ['-v', voice, '-w', raw, text]);
    await run('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', tmp, 'pad', String(padStart), String(padEnd)]);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(raw, { force: true });
    await fs.rm(tmp, { force: true });
  }
  return file;
}

/** Samples of a 16 kHz mono WAV as Float32 in [-1, 1] (what whisper takes). Other formats are refused, not resampled. */
export async function readWavFloat32(file: string): Promise<Float32Array> {
  const wav = new wavefile.WaveFile(await fs.readFile(file));
  const fmt = wav.fmt as { sampleRate: number; numChannels: number };
  if (fmt.sampleRate !== 16_000 || fmt.numChannels !== 1) {
    throw new Error(`${file}: expected 16 kHz mono, got ${fmt.sampleRate} Hz × ${fmt.numChannels} channels`);
  }
  wav.toBitDepth('32f');
  return wav.getSamples(false, Float32Array) as unknown as Float32Array;
}

/** Spoken `text` as 16 kHz Float32 PCM (ensureSpeechWav + readWavFloat32). */
export async function speechPcm(text: string, opts: SpeechOptions = {}): Promise<Float32Array> {
  return readWavFloat32(await ensureSpeechWav(text, opts));
}
