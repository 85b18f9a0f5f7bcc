// The raw addon's own checks (issue 11, "Small races" and the abort path): what it refuses and reports without the
// TS facade in front of it. Real addon, generated models.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestWhisperModel } from '../../test-support/models/test-assets';
import { loadBinding, nativeDir, type NativeBinding, type NativeModel, type NativeTranscribeOptions, type RawResult } from './binding';
import { MAX_SAMPLES_PER_CALL } from './transcribe';

const opts = (extra: Partial<NativeTranscribeOptions> = {}): NativeTranscribeOptions => ({
  language: 'en', translate: false, threads: 1, audioCtx: 128, maxTokens: 4, initialPrompt: '', singleSegment: false,
  temperatureFallback: false, exactTokens: false, ...extra,
});
const second = new Float32Array(16_000).map((_, i) => Math.sin(i / 9) * 0.2);

let b: NativeBinding;
let model: NativeModel;
let modelBytes: Buffer;
let dir: string;
beforeAll(async () => {
  b = loadBinding();
  const file = await ensureTestWhisperModel('test');
  modelBytes = await fs.readFile(file);
  model = await b.loadModel(file, -1, nativeDir(), true);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-binding-'));
});
afterAll(async () => {
  await model?.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

const codeOf = (p: Promise<unknown> | (() => unknown)) =>
  Promise.resolve()
    .then(typeof p === 'function' ? p : () => p)
    .then(() => 'resolved', (e: { code?: string }) => e.code ?? 'no code');

describe('raw binding: input refused before whisper.cpp sees it', () => {
  it('refuses a job id that is still in use (the second job could never be cancelled)', async () => {
    const long = new Float32Array(30 * 16_000).map((_, i) => Math.sin(i / 7) * 0.2);
    const first = model.transcribe(long, opts({ audioCtx: 0, maxTokens: 200 }), 77);
    expect(await codeOf(() => model.transcribe(second, opts(), 77))).toBe('bad_input');
    model.cancel(77);
    expect(await codeOf(first)).toBe('aborted');
    expect(await codeOf(model.transcribe(second, opts(), 77))).toBe('resolved'); // free again once settled
  });

  it('bounds the sample count and the options (no silent int casts)', async () => {
    expect(await codeOf(() => model.transcribe(new Float32Array(MAX_SAMPLES_PER_CALL + 1), opts(), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(new Float32Array(0), opts(), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts(), -1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts(), 1.5))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts({ threads: 0 }), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts({ audioCtx: 1501 }), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts({ maxTokens: 2 ** 31 }), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts({ language: 'xx' }), 1))).toBe('bad_input');
    expect(await codeOf(() => model.transcribe(second, opts({ exactTokens: true, maxTokens: 0 }), 1))).toBe('bad_input');
  });

  it('refuses a FIFO and a crafted header itself (the raw binding has no TS check in front)', async () => {
    const ftype = Buffer.from(modelBytes);
    ftype.writeInt32LE(4, 4 + 10 * 4);
    await fs.writeFile(path.join(dir, 'ftype.bin'), ftype);
    expect(await codeOf(b.loadModel(path.join(dir, 'ftype.bin'), -1, nativeDir(), true))).toBe('unsupported');
    expect(await codeOf(b.loadModel(dir, -1, nativeDir(), true))).toBe('not_found');
  });
});

describe('raw binding: errors and aborts per call', () => {
  it('reports each concurrent load its own error text (a global buffer swapped them)', async () => {
    const renamed = Buffer.from(modelBytes);
    const at = renamed.lastIndexOf(Buffer.from('decoder.ln.bias'));
    renamed.write('decoder.ln.bixs', at);
    await fs.writeFile(path.join(dir, 'renamed.bin'), renamed);
    const lastRecord = 12 + 4 + 'decoder.ln.bias'.length + 64 * 4;
    await fs.writeFile(path.join(dir, 'short.bin'), modelBytes.subarray(0, modelBytes.length - lastRecord));
    const loads = Array.from({ length: 8 }, (_, i) => (i % 2 ? 'renamed.bin' : 'short.bin'));
    const messages = await Promise.all(loads.map((f) => b.loadModel(path.join(dir, f), -1, nativeDir(), true).then(() => 'loaded', (e: Error) => e.message)));
    loads.forEach((f, i) => {
      const own = f === 'renamed.bin' ? /unknown tensor 'decoder\.ln\.bixs'/ : /not all tensors loaded/;
      const other = f === 'renamed.bin' ? /not all tensors loaded/ : /unknown tensor/;
      expect(messages[i]).toMatch(own);
      expect(messages[i]).not.toMatch(other);
    });
  });

  it('hands the abort callback to the encoder and to language detection (polled per graph node)', async () => {
    const pinned = (await model.transcribe(second, opts(), 2)) as RawResult;
    const auto = (await model.transcribe(second, opts({ language: 'auto' }), 3)) as RawResult;
    const steps = pinned.encoderPasses + pinned.segments.reduce((n, s) => n + s.tokens, 0) + 4;
    // Without the patch whisper polls once per encoder pass and decode step, and detection not at all.
    expect(pinned.abortPolls).toBeGreaterThan(10 * steps);
    expect(auto.abortPolls - pinned.abortPolls).toBeGreaterThan(50);
  });

  it('exactTokens decodes exactly maxTokens text tokens (random tiny weights end after one)', async () => {
    const tiny = await b.loadModel(await ensureTestWhisperModel('tiny'), -1, nativeDir(), true);
    try {
      const tokens = (r: RawResult) => r.segments.reduce((n, s) => n + s.tokens, 0);
      expect(tokens(await tiny.transcribe(second, opts({ maxTokens: 12 }), 4))).toBe(1);
      const exact = await tiny.transcribe(second, opts({ maxTokens: 12, exactTokens: true }), 5);
      expect(tokens(exact)).toBe(12);
      expect(exact.capped).toBe(true);
    } finally {
      await tiny.dispose();
    }
  });
});
