import { describe, expect, it } from 'vitest';
import { MODEL_SHAPES, tensorDataBytes, tensorSpecs, weightTypeOf } from './ggml-format';

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
    expect(specs.get('decoder.token_embedding.weight')).toEqual({ name: 'decoder.token_embedding.weight', ne: [384, 51865], role: 'matrix', type: 1 });
    expect(specs.get('encoder.conv1.weight')).toEqual({ name: 'encoder.conv1.weight', ne: [3, 80, 384], role: 'conv', type: 1 });
    expect(specs.get('encoder.conv1.bias')?.ne).toEqual([1, 384]);
    expect(specs.get('decoder.blocks.3.cross_attn.key.weight')?.type).toBe(1);
    expect(specs.get('encoder.blocks.0.attn_ln.bias')?.type).toBe(0);
  });

  it('sizes quantized blocks like ggml (q5_0: 32 values in 22 bytes) and refuses unknown types', () => {
    expect(tensorDataBytes([384, 384], 6)).toBe((384 * 384 * 22) / 32);
    expect(tensorDataBytes([384], 1)).toBe(768);
    expect(tensorDataBytes([384], 99)).toBeUndefined();
    expect(tensorDataBytes([384, 384], 12)).toBeUndefined(); // q4_k: 384-value rows do not fill 256-value blocks
  });

  it('types each tensor as whisper.cpp allocates it: matrices by ftype, convolutions f16, vectors f32', () => {
    const q8 = new Map(tensorSpecs({ ...MODEL_SHAPES.tiny, ftype: 2007 }).map((s) => [s.name, s]));
    expect(q8.get('encoder.blocks.0.mlp.0.weight')?.type).toBe(8); // ftype 7 = q8_0 = ggml type 8
    expect(q8.get('decoder.token_embedding.weight')?.type).toBe(8);
    expect(q8.get('encoder.conv1.weight')?.type).toBe(1);
    expect(q8.get('encoder.conv1.bias')?.type).toBe(0);
    const f32 = new Map(tensorSpecs({ ...MODEL_SHAPES.tiny, ftype: 0 }).map((s) => [s.name, s]));
    expect(f32.get('encoder.conv1.weight')?.type).toBe(0);
  });
});

describe('weightTypeOf', () => {
  it('knows the ftypes whisper.cpp writes, with the quantization version, and nothing else', () => {
    expect([0, 1, 2, 3, 7, 8, 9, 10, 14, 1008, 2009].map(weightTypeOf)).toEqual([0, 1, 2, 3, 8, 6, 7, 10, 14, 6, 7]);
    for (const bad of [-1, 4, 5, 6, 15, 24, 100, 1004, 3001, 0.5]) expect(weightTypeOf(bad)).toBeUndefined();
  });
});
