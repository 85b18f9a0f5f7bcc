import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestWhisperModel } from '../../test-support/models/test-assets';
import { GGML_MAGIC, MODEL_SHAPES, ModelFileError, inspectModelFile, tensorDataBytes, tensorSpecs } from './ggml-format';

describe('tensorSpecs', () => {
  it('lists exactly the tensors whisper.cpp creates (7 + 15 per encoder layer, 4 + 24 per decoder layer)', () => {
    for (const h of Object.values(MODEL_SHAPES)) {
      const specs = tensorSpecs(h);
      expect(specs).toHaveLength(7 + 15 * h.nAudioLayer + 4 + 24 * h.nTextLayer);
      expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    }
  });

  it('gives tiny the published tiny model its tensor sizes (f16 matrices, f32 vectors)', () => {
    const specs = new Map(tensorSpecs(MODEL_SHAPES.tiny).map((s) => [s.name, s]));
    expect(specs.get('decoder.token_embedding.weight')).toEqual({ name: 'decoder.token_embedding.weight', ne: [384, 51865], type: 1 });
    expect(specs.get('encoder.conv1.weight')).toEqual({ name: 'encoder.conv1.weight', ne: [3, 80, 384], type: 1 });
    expect(specs.get('encoder.conv1.bias')?.ne).toEqual([1, 384]);
    expect(specs.get('decoder.blocks.3.cross_attn.key.weight')?.type).toBe(1);
    expect(specs.get('encoder.blocks.0.attn_ln.bias')?.type).toBe(0);
  });

  it('sizes quantized blocks like ggml (q5_0: 32 values in 22 bytes) and refuses unknown types', () => {
    expect(tensorDataBytes([384, 384], 6)).toBe((384 * 384 * 22) / 32);
    expect(tensorDataBytes([384], 1)).toBe(768);
    expect(tensorDataBytes([384], 99)).toBeUndefined();
  });
});

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
  const problemOf = async (p: string) => {
    try {
      await inspectModelFile(p);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(ModelFileError);
      return (e as ModelFileError).problem;
    }
  };

  it('accepts a complete model and reports its hparams', async () => {
    const info = await inspectModelFile(await write('ok.bin', model));
    expect(info.hparams).toEqual(MODEL_SHAPES.test);
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
});
