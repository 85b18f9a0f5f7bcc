/**
 * The legacy whisper.cpp "ggml" model file: what whisper.cpp's loader (src/whisper.cpp, whisper_model_load) expects,
 * written down once so that the test-model generator writes it and inspect-model.ts checks it before loading.
 */
export const GGML_MAGIC = 0x67676d6c; // "ggml" read as a little-endian u32
export const GGML_TYPE_F32 = 0;
export const GGML_TYPE_F16 = 1;

export interface WhisperHparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  /** Weight type: 0 = all f32, 1 = f16 matrices (the published models), others quantized; see FTYPE_WEIGHT_TYPE. */
  ftype: number;
}

export type ModelShapeName = 'test' | 'tiny' | 'base';

const COMMON = { nVocab: 51865, nAudioCtx: 1500, nTextCtx: 448, nMels: 80, ftype: 1 } as const;

/** tiny and base match the published models; `test` is tiny in width and depth but keeps every interface size. */
export const MODEL_SHAPES: Record<ModelShapeName, WhisperHparams> = {
  tiny: { ...COMMON, nAudioState: 384, nAudioHead: 6, nAudioLayer: 4, nTextState: 384, nTextHead: 6, nTextLayer: 4 },
  base: { ...COMMON, nAudioState: 512, nAudioHead: 8, nAudioLayer: 6, nTextState: 512, nTextHead: 8, nTextLayer: 6 },
  test: { ...COMMON, nAudioState: 64, nAudioHead: 2, nAudioLayer: 2, nTextState: 64, nTextHead: 2, nTextLayer: 2 },
};

/** Tokens stored in the file; whisper.cpp names the remaining (special) ids up to n_vocab itself. */
export const FILE_VOCAB_SIZE = 50257;
export const N_FFT_BINS = 201; // 1 + 400/2: whisper's FFT size

/** How whisper.cpp's loader types a tensor: big matrices take the file's weight type, convolutions f16, the rest f32. */
export type TensorRole = 'matrix' | 'conv' | 'vector';

export interface TensorSpec {
  name: string;
  /** ggml order: ne[0] is the fastest-varying dimension (the file stores dims this way). */
  ne: number[];
  role: TensorRole;
  /** The ggml type whisper.cpp allocates it with (the file must store exactly this type). */
  type: number;
}

/** ggml types a whisper file may hold: [block size, bytes per block] (ggml.c's type traits). */
const GGML_TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], // f32, f16
  2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], // q4_0 q4_1 q5_0 q5_1 q8_0
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], // q2_k .. q6_k
};

/**
 * File ftype (after `% 1000`, the quantization version factor) → ggml weight type, for the ftypes whisper.cpp's own
 * quantizer writes. Anything else ends in GGML_ASSERT inside whisper.cpp (ggml_ftype_to_ggml_type), so it is refused.
 */
export const FTYPE_WEIGHT_TYPE: Record<number, number> = { 0: 0, 1: 1, 2: 2, 3: 3, 7: 8, 8: 6, 9: 7, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14 };
/** ggml's GGML_QNT_VERSION_FACTOR and GGML_QNT_VERSION: ftype = version × 1000 + base ftype. */
export const QNT_VERSION_FACTOR = 1000;
export const QNT_VERSION_MAX = 2;

/** The ggml type of the big matrices for a file's ftype, or undefined when whisper.cpp cannot load it. */
export function weightTypeOf(ftype: number): number | undefined {
  if (!Number.isInteger(ftype) || ftype < 0 || Math.floor(ftype / QNT_VERSION_FACTOR) > QNT_VERSION_MAX) return undefined;
  return FTYPE_WEIGHT_TYPE[ftype % QNT_VERSION_FACTOR];
}

export function tensorTypeFor(role: TensorRole, ftype: number): number | undefined {
  const w = weightTypeOf(ftype);
  if (w === undefined) return undefined;
  if (role === 'matrix') return w;
  return role === 'conv' && w !== GGML_TYPE_F32 ? GGML_TYPE_F16 : GGML_TYPE_F32;
}

/** Bytes of tensor data of this type, or undefined for an unknown type or rows that do not fill whole blocks. */
export function tensorDataBytes(ne: readonly number[], type: number): number | undefined {
  const t = GGML_TYPE_SIZES[type];
  if (!t || ne.length === 0 || ne[0]! % t[0] !== 0) return undefined;
  return (elementCount(ne) / t[0]) * t[1];
}
export const elementCount = (ne: readonly number[]): number => ne.reduce((a, b) => a * b, 1);

/** Every tensor whisper.cpp's loader creates for these hparams, with its shape and stored type. */
export function tensorSpecs(h: WhisperHparams): TensorSpec[] {
  const w: TensorRole = 'matrix';
  const f32: TensorRole = 'vector';
  const out: TensorSpec[] = [];
  // An unsupported ftype still gets a table (types undefined → -1); the hparams check refuses it before use.
  const t = (name: string, ne: number[], role: TensorRole) => out.push({ name, ne, role, type: tensorTypeFor(role, h.ftype) ?? -1 });
  const block = (prefix: string, s: number) => {
    t(`${prefix}.mlp_ln.weight`, [s], f32);
    t(`${prefix}.mlp_ln.bias`, [s], f32);
    t(`${prefix}.mlp.0.weight`, [s, 4 * s], w);
    t(`${prefix}.mlp.0.bias`, [4 * s], f32);
    t(`${prefix}.mlp.2.weight`, [4 * s, s], w);
    t(`${prefix}.mlp.2.bias`, [s], f32);
    t(`${prefix}.attn_ln.weight`, [s], f32);
    t(`${prefix}.attn_ln.bias`, [s], f32);
    t(`${prefix}.attn.query.weight`, [s, s], w);
    t(`${prefix}.attn.query.bias`, [s], f32);
    t(`${prefix}.attn.key.weight`, [s, s], w);
    t(`${prefix}.attn.value.weight`, [s, s], w);
    t(`${prefix}.attn.value.bias`, [s], f32);
    t(`${prefix}.attn.out.weight`, [s, s], w);
    t(`${prefix}.attn.out.bias`, [s], f32);
  };
  const sa = h.nAudioState;
  t('encoder.positional_embedding', [sa, h.nAudioCtx], f32);
  t('encoder.conv1.weight', [3, h.nMels, sa], 'conv');
  t('encoder.conv1.bias', [1, sa], f32);
  t('encoder.conv2.weight', [3, sa, sa], 'conv');
  t('encoder.conv2.bias', [1, sa], f32);
  for (let i = 0; i < h.nAudioLayer; i++) block(`encoder.blocks.${i}`, sa);
  t('encoder.ln_post.weight', [sa], f32);
  t('encoder.ln_post.bias', [sa], f32);
  const st = h.nTextState;
  t('decoder.positional_embedding', [st, h.nTextCtx], f32);
  t('decoder.token_embedding.weight', [st, h.nVocab], w);
  for (let i = 0; i < h.nTextLayer; i++) {
    const p = `decoder.blocks.${i}`;
    block(p, st);
    t(`${p}.cross_attn_ln.weight`, [st], f32);
    t(`${p}.cross_attn_ln.bias`, [st], f32);
    t(`${p}.cross_attn.query.weight`, [st, st], w);
    t(`${p}.cross_attn.query.bias`, [st], f32);
    t(`${p}.cross_attn.key.weight`, [st, st], w);
    t(`${p}.cross_attn.value.weight`, [st, st], w);
    t(`${p}.cross_attn.value.bias`, [st], f32);
    t(`${p}.cross_attn.out.weight`, [st, st], w);
    t(`${p}.cross_attn.out.bias`, [st], f32);
  }
  t('decoder.ln.weight', [st], f32);
  t('decoder.ln.bias', [st], f32);
  return out;
}

/** Bytes of one tensor record: header (n_dims, name length, type), dims, name, data. */
export function tensorRecordBytes(spec: TensorSpec): number {
  return 12 + 4 * spec.ne.length + Buffer.byteLength(spec.name) + (tensorDataBytes(spec.ne, spec.type) ?? 0);
}

