/**
 * Test audio made on this machine: espeak-ng speech and sox tones, as 16 kHz mono 16-bit WAV.
 * Files are cached by a hash of what produced them under <repo>/.cache/speech/, so repeated runs
 * (and parallel test workers) reuse them instead of re-synthesising.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** <repo>/.cache/speech, found from this file's place (test-support/audio) so the cwd does not matter. */
export const SPEECH_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.cache/speech');

/** Bump when the recipe changes so stale cached files are not reused. */
const RECIPE_VERSION = 2;

/** sox arguments that write the 16 kHz mono signed 16-bit format every pipeline stage takes. */
const OUT_FORMAT = ['-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer'];
/** sox global options: no dither, so silence stays exactly zero (tests rely on digital silence). */
const SOX = ['-D', '-V1'];

export interface SpeechOptions {
  /** Seconds of digital silence before the speech. */
  padStartS?: number;
  /** Seconds of digital silence after the speech. */
  padEndS?: number;
  /** espeak-ng voice, e.g. "en-us", "de", "fr". Default "en-us". */
  voice?: string;
  /** espeak-ng words per minute. Default 160 (espeak's own default is 175: a little slower is clearer). */
  wordsPerMinute?: number;
}

/** Runs `produce(tmpPath)` once per key; concurrent callers end up with the same finished file. */
async function cached(key: object, produce: (outPath: string) => Promise<void>): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ v: RECIPE_VERSION, ...key })).digest('hex').slice(0, 24);
  const out = path.join(SPEECH_CACHE_DIR, `${hash}.wav`);
  if (existsSync(out)) return out;
  await mkdir(SPEECH_CACHE_DIR, { recursive: true });
  // Write beside the target, then rename: a reader never sees a half-written file.
  const tmp = path.join(SPEECH_CACHE_DIR, `.${hash}.${randomUUID()}.tmp.wav`);
  try {
    await produce(tmp);
    await rename(tmp, out);
  } finally {
    await rm(tmp, { force: true });
  }
  return out;
}

async function tool(cmd: string, args: string[]): Promise<void> {
  try {
    await run(cmd, args, { timeout: 60_000 });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error(`${cmd} is not installed: apt-get install espeak-ng sox`);
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

let voices: Promise<Set<string>> | undefined;

/** Names espeak-ng accepts for -v (language codes, voice names, voice files): it silently falls back otherwise. */
function knownVoices(): Promise<Set<string>> {
  voices ??= run('espeak-ng', ['--voices'], { timeout: 30_000 }).then(({ stdout }) => {
    const names = new Set<string>();
    for (const line of stdout.split('\n').slice(1)) {
      const [, language, , name, file] = line.trim().split(/\s+/);
      for (const n of [language, name, file, file?.split('/').pop()]) if (n) names.add(n.toLowerCase());
    }
    return names;
  });
  return voices;
}

/** Speech for `text` as a 16 kHz mono 16-bit WAV path, padded with exact digital silence. */
export async function synthSpeech(text: string, options: SpeechOptions = {}): Promise<string> {
  const { padStartS = 0, padEndS = 0, voice = 'en-us', wordsPerMinute = 160 } = options;
  const baseVoice = voice.split('+')[0]!.toLowerCase(); // "en-us+f3": voice plus variant
  if (!(await knownVoices()).has(baseVoice)) {
    throw new Error(`espeak-ng has no voice "${voice}": see espeak-ng --voices`);
  }
  return cached({ kind: 'speech', text, padStartS, padEndS, voice, wordsPerMinute }, async (out) => {
    const raw = `${out}.espeak.wav`;
    try {
      await tool('espeak-ng', ['-v', voice, '-s', String(wordsPerMinute), '-w', raw, text]);
      await tool('sox', [...SOX, raw, ...OUT_FORMAT, out, 'pad', String(padStartS), String(padEndS)]);
    } finally {
      await rm(raw, { force: true });
    }
  });
}

/** A pure sine tone (amplitude 0..1 of full scale) at 16 kHz unless `sampleRate` says otherwise. */
export async function synthTone(
  frequencyHz: number,
  seconds: number,
  options: { amplitude?: number; sampleRate?: number } = {},
): Promise<string> {
  const { amplitude = 0.5, sampleRate = 16_000 } = options;
  return cached({ kind: 'tone', frequencyHz, seconds, amplitude, sampleRate }, async (out) => {
    await tool('sox', [...SOX, '-n', '-r', String(sampleRate), '-c', '1', '-b', '16', '-e', 'signed-integer', out,
      'synth', String(seconds), 'sine', String(frequencyHz), 'vol', String(amplitude)]);
  });
}

/** Noise at a given amplitude (0..1), for "the VAD must stay quiet" tests. */
export async function synthNoise(kind: 'white' | 'pink', seconds: number, amplitude = 0.1): Promise<string> {
  return cached({ kind: 'noise', color: kind, seconds, amplitude }, async (out) => {
    await tool('sox', [...SOX, '-n', ...OUT_FORMAT, out, 'synth', String(seconds), `${kind}noise`, 'vol', String(amplitude)]);
  });
}

/** A clip part: a WAV path, or `{ silenceS }` seconds of digital silence. */
export type ClipPart = string | { silenceS: number };

/** Joins WAV files and silences into one 16 kHz mono 16-bit WAV (multi-utterance clips). */
export async function concatWithSilence(parts: ClipPart[]): Promise<string> {
  if (parts.length === 0) throw new Error('concatWithSilence needs at least one part');
  return cached({ kind: 'concat', parts }, async (out) => {
    const silences: string[] = [];
    try {
      const inputs: string[] = [];
      for (const part of parts) {
        if (typeof part === 'string') {
          inputs.push(part);
        } else {
          const silence = `${out}.silence${silences.length}.wav`;
          await tool('sox', [...SOX, '-n', ...OUT_FORMAT, silence, 'trim', '0', String(part.silenceS)]);
          silences.push(silence);
          inputs.push(silence);
        }
      }
      await tool('sox', [...SOX, ...inputs, ...OUT_FORMAT, out]);
    } finally {
      await Promise.all(silences.map((s) => rm(s, { force: true })));
    }
  });
}
