import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_VOCAB_SIZE, MODEL_SHAPES } from '../../native/whisper/ggml-format';
import { inspectModelFile } from '../../native/whisper/inspect-model';
import { audioCtxForSamples, loadWhisperModel } from '../../native/whisper/index';
import { DEFAULT_SEED, expectedModelBytes, makeVocab, writeTestModel } from './make-test-model';
import { ensureTestWhisperModel, repoRoot, testWhisperModelPath } from './test-assets';

const run = promisify(execFile);
const sha = async (p: string) => createHash('sha256').update(await fs.readFile(p)).digest('hex');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-model-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('makeVocab', () => {
  it('has the file vocabulary size, unique printable tokens, and the " " whisper.cpp needs', () => {
    const v = makeVocab();
    expect(v).toHaveLength(FILE_VOCAB_SIZE);
    expect(new Set(v).size).toBe(v.length);
    expect(v).toContain(' ');
    expect(v.every((t) => /^[\x20-\x7e]+$/.test(t))).toBe(true);
  });
});

describe('writeTestModel', () => {
  it('writes deterministic bytes for a seed, different bytes for another seed, of the predicted size', async () => {
    const a = await writeTestModel('test', path.join(dir, 'a.bin'));
    const b = await writeTestModel('test', path.join(dir, 'b.bin'));
    const c = await writeTestModel('test', path.join(dir, 'c.bin'), DEFAULT_SEED + 1);
    expect(a.bytes).toBe(expectedModelBytes('test'));
    expect((await fs.stat(a.path)).size).toBe(a.bytes);
    expect(await sha(a.path)).toBe(await sha(b.path));
    expect(await sha(c.path)).not.toBe(await sha(a.path));
    expect((await fs.readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('the CLI writes a valid tiny model (published shape) that the addon loads and runs', async () => {
    const out = path.join(dir, 'tiny.bin');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test-support/models/make-test-model.ts'), '--shape', 'tiny', '--out', out], { cwd: repoRoot });
    expect(stdout).toContain('tiny');
    const info = await inspectModelFile(out);
    expect(info.hparams).toEqual(MODEL_SHAPES.tiny);
    expect(info.fileBytes).toBe(expectedModelBytes('tiny'));

    const model = await loadWhisperModel(out);
    try {
      const pcm = new Float32Array(16_000).map((_, i) => 0.2 * Math.sin(i / 9));
      const r = await model.transcribe(pcm, { language: 'en', threads: 1, maxTokens: 2, audioCtx: audioCtxForSamples(pcm.length), temperatureFallback: false });
      expect(r.language).toBe('en');
      expect(r.segments.reduce((n, s) => n + s.tokens, 0)).toBeLessThanOrEqual(2);
    } finally {
      await model.dispose();
    }
  });

  it('the CLI explains its usage on bad arguments', async () => {
    const err = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test-support/models/make-test-model.ts'), '--shape', 'huge'], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain('usage: npm run make-test-model');
  });
});

describe('ensureTestWhisperModel', () => {
  it('reuses a complete file and regenerates an incomplete one', async () => {
    const p = await ensureTestWhisperModel('test', { dir });
    expect(p).toBe(testWhisperModelPath('test', dir));
    const first = await fs.stat(p);
    expect(await ensureTestWhisperModel('test', { dir })).toBe(p);
    expect((await fs.stat(p)).mtimeMs).toBe(first.mtimeMs);

    await fs.truncate(p, first.size - 1000); // an interrupted copy
    await ensureTestWhisperModel('test', { dir });
    expect((await fs.stat(p)).size).toBe(first.size);
    await inspectModelFile(p);
  });

  it('defaults to the shared cache under .cache/test-models', async () => {
    expect(await ensureTestWhisperModel('test')).toBe(testWhisperModelPath('test'));
  });
});
