import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAFTED_CASES, craftModel, hparamOffset, withHparam, type CraftedCase } from '../../test-support/models/crafted-models';
import { ensureTestWhisperModel } from '../../test-support/models/test-assets';
import { GGML_MAGIC, MODEL_SHAPES, tensorSpecs } from './ggml-format';
import { inspectModelFile } from './inspect-model';
import { ModelFileError } from './model-file-error';

describe('inspectModelFile', () => {
  let dir: string;
  let model: Buffer;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-ggml-'));
    model = await fs.readFile(await ensureTestWhisperModel('test'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, data: Buffer) => {
    const p = path.join(dir, name);
    await fs.writeFile(p, data);
    return p;
  };
  const problemOf = async (p: string, opts: { maxMemoryBytes?: number } = {}) => {
    try {
      await inspectModelFile(p, opts);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(ModelFileError);
      return (e as ModelFileError).problem;
    }
  };

  it('accepts a complete model and reports its hparams, family and memory estimate', async () => {
    const info = await inspectModelFile(await write('ok.bin', model));
    expect(info.hparams).toEqual(MODEL_SHAPES.test);
    expect(info.family).toBe('sotto-test (generated)');
    expect(info.memory.weightBytes).toBeLessThan(model.length);
    expect(info.memory.totalBytes).toBe(info.memory.weightBytes + info.memory.stateBytes);
    expect(info.fileBytes).toBe(model.length);
    expect(info.tensors).toBe(tensorSpecs(MODEL_SHAPES.test).length);
  });

  it('names each way a file can be wrong', async () => {
    expect(await problemOf(path.join(dir, 'missing.bin'))).toBe('not_found');
    expect(await problemOf(dir)).toBe('not_found');
    expect(await problemOf(await write('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff))))).toBe('bad_format');
    expect(await problemOf(await write('gguf.bin', Buffer.concat([Buffer.from('GGUF'), model.subarray(4)])))).toBe('bad_format');
    expect(await problemOf(await write('empty.bin', Buffer.alloc(0)))).toBe('truncated');
    expect(await problemOf(await write('header.bin', model.subarray(0, 30)))).toBe('truncated');
    expect(await problemOf(await write('half.bin', model.subarray(0, model.length >> 1)))).toBe('truncated');
    // Cut inside the last tensor: whisper.cpp itself would load this with garbage weights.
    expect(await problemOf(await write('tail.bin', model.subarray(0, model.length - 10)))).toBe('truncated');
    // Cut exactly between tensors: whisper.cpp reports "not all tensors loaded"; we say which one is missing.
    const lastRecord = 12 + 4 + 'decoder.ln.bias'.length + 64 * 4;
    expect(await problemOf(await write('between.bin', model.subarray(0, model.length - lastRecord)))).toBe('truncated');
  });

  it('refuses inconsistent hparams and a vocabulary without " "', async () => {
    const bad = Buffer.from(model);
    bad.writeInt32LE(96, 4 + 4 * 6); // n_text_state != n_audio_state
    expect(await problemOf(await write('state.bin', bad))).toBe('bad_format');

    const noSpace = Buffer.from(model);
    const space = noSpace.indexOf(Buffer.from([1, 0, 0, 0, 0x20, 2, 0, 0, 0]));
    expect(space).toBeGreaterThan(0);
    noSpace[space + 4] = 0x21; // turn the " " token into a duplicate "!"
    expect(await problemOf(await write('nospace.bin', noSpace))).toBe('bad_format');
    expect(noSpace.readUInt32LE(0)).toBe(GGML_MAGIC);
  });

  // Issue 11: files that passed the old check and then killed the process inside whisper.cpp.
  it.each(Object.keys(CRAFTED_CASES) as CraftedCase[])('refuses the crafted %s file before whisper.cpp sees it', async (which) => {
    const file = await craftModel(dir, which);
    const err = await inspectModelFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).problem).toBe(CRAFTED_CASES[which].code);
    expect((err as ModelFileError).message).toContain(file);
  });

  it('refuses a model of no known family, and one whose tensor type disagrees with its ftype', async () => {
    expect(await problemOf(await withHparam(path.join(dir, 'heads.bin'), 'nAudioHead', 4))).toBe('bad_format'); // text heads differ
    const heads = Buffer.from(model);
    heads.writeInt32LE(4, hparamOffset('nAudioHead'));
    heads.writeInt32LE(4, hparamOffset('nTextHead'));
    expect(await problemOf(await write('family.bin', heads))).toBe('unsupported');
    // ftype 0 (all f32) over f16 matrices: whisper.cpp would read half of each matrix and misparse the rest.
    expect(await problemOf(await withHparam(path.join(dir, 'f32.bin'), 'ftype', 0))).toBe('bad_format');
    expect(await problemOf(await withHparam(path.join(dir, 'v3.bin'), 'nVocab', 51866))).toBe('unsupported');
  });

  it('refuses a model whose memory estimate exceeds the limit, naming both figures', async () => {
    const file = await write('mem.bin', model);
    const { memory } = await inspectModelFile(file);
    expect(await problemOf(file, { maxMemoryBytes: memory.totalBytes })).toBe('ok');
    const err = await inspectModelFile(file, { maxMemoryBytes: memory.totalBytes - 1 }).catch((e: unknown) => e);
    expect((err as ModelFileError).problem).toBe('too_large');
    expect((err as ModelFileError).message).toMatch(/would need about [\d.]+ GB .* more than the [\d.]+ GB allowed/);
  });
});
