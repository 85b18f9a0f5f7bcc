/**
 * The legacy whisper.cpp "ggml" model file: what whisper.cpp's loader (src/whisper.cpp, whisper_model_load) expects,
 * written down once so that the test-model generator writes it and the facade checks it before loading.
 *
 * Why check in TS first: whisper.cpp trusts the file. A file cut short inside its last tensor loads with garbage,
 * a wrong vocab length allocates gigabytes, and a vocab without " " throws inside decoding. We walk the whole layout
 * (headers only; tensor data is skipped by offset) and refuse such files with a precise reason.
 */
import fs from 'node:fs/promises';

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
  /** 0 = all f32, 1 = f16 matrices (the published models). */
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

export interface TensorSpec {
  name: string;
  /** ggml order: ne[0] is the fastest-varying dimension (the file stores dims this way). */
  ne: number[];
  type: typeof GGML_TYPE_F32 | typeof GGML_TYPE_F16;
}

export const bytesPerElement = (type: number): number => (type === GGML_TYPE_F16 ? 2 : 4);

/** ggml types a whisper file may hold: [block size, bytes per block] (ggml.c's type traits). */
const GGML_TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], // f32, f16
  2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], // q4_0 q4_1 q5_0 q5_1 q8_0
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], // q2_k .. q6_k
};

/** Bytes of tensor data of this type, or undefined for a type this checker does not know. */
export function tensorDataBytes(ne: readonly number[], type: number): number | undefined {
  const t = GGML_TYPE_SIZES[type];
  if (!t) return undefined;
  const n = elementCount(ne);
  return n % t[0] === 0 ? (n / t[0]) * t[1] : undefined;
}
export const elementCount = (ne: readonly number[]): number => ne.reduce((a, b) => a * b, 1);

/** Every tensor whisper.cpp's loader creates for these hparams, with its shape and stored type. */
export function tensorSpecs(h: WhisperHparams): TensorSpec[] {
  const w = h.ftype === 0 ? GGML_TYPE_F32 : GGML_TYPE_F16; // big matrices (and the conv kernels)
  const f32 = GGML_TYPE_F32;
  const out: TensorSpec[] = [];
  const t = (name: string, ne: number[], type: TensorSpec['type']) => out.push({ name, ne, type });
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
  t('encoder.conv1.weight', [3, h.nMels, sa], w);
  t('encoder.conv1.bias', [1, sa], f32);
  t('encoder.conv2.weight', [3, sa, sa], w);
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
  return 12 + 4 * spec.ne.length + Buffer.byteLength(spec.name) + elementCount(spec.ne) * bytesPerElement(spec.type);
}

export type ModelFileProblem = 'not_found' | 'bad_format' | 'truncated';

export class ModelFileError extends Error {
  constructor(
    readonly problem: ModelFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface ModelFileInfo {
  hparams: WhisperHparams;
  fileBytes: number;
  tensors: number;
}

/** Reads a file sequentially in chunks; knows its absolute offset; reports a short read as truncation. */
class Reader {
  private buf = Buffer.alloc(0);
  private bufStart = 0; // file offset of buf[0]
  pos = 0;

  constructor(
    private readonly fh: fs.FileHandle,
    readonly size: number,
    private readonly path: string,
  ) {}

  private async fill(n: number, what: string): Promise<void> {
    if (this.pos + n > this.size) {
      throw new ModelFileError('truncated', `${this.path} ends at byte ${this.size} inside ${what} (needs ${this.pos + n}): the file is incomplete — download or copy it again`);
    }
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.max(n, 1 << 16);
    const b = Buffer.alloc(Math.min(len, this.size - this.pos));
    await this.fh.read(b, 0, b.length, this.pos);
    this.buf = b;
    this.bufStart = this.pos;
  }

  async i32(what: string): Promise<number> {
    await this.fill(4, what);
    const v = this.buf.readInt32LE(this.pos - this.bufStart);
    this.pos += 4;
    return v;
  }

  async u32(what: string): Promise<number> {
    await this.fill(4, what);
    const v = this.buf.readUInt32LE(this.pos - this.bufStart);
    this.pos += 4;
    return v;
  }

  async bytes(n: number, what: string): Promise<Buffer> {
    await this.fill(n, what);
    const off = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(off, off + n);
  }

  skip(n: number, what: string): void {
    if (this.pos + n > this.size) {
      throw new ModelFileError('truncated', `${this.path} ends at byte ${this.size} inside ${what} (needs ${this.pos + n}): the file is incomplete — download or copy it again`);
    }
    this.pos += n;
  }
}

const HPARAM_KEYS: (keyof WhisperHparams)[] = ['nVocab', 'nAudioCtx', 'nAudioState', 'nAudioHead', 'nAudioLayer', 'nTextCtx', 'nTextState', 'nTextHead', 'nTextLayer', 'nMels', 'ftype'];

function checkHparams(h: WhisperHparams, path: string): void {
  const bad = (why: string) => new ModelFileError('bad_format', `${path}: ${why} — not a usable whisper ggml model`);
  for (const k of HPARAM_KEYS) {
    if (k !== 'ftype' && !(h[k] > 0 && h[k] < 1 << 20)) throw bad(`hparam ${k}=${h[k]} is out of range`);
  }
  if (h.nAudioState !== h.nTextState) throw bad(`n_audio_state ${h.nAudioState} != n_text_state ${h.nTextState}`);
  if (h.nAudioState % h.nAudioHead !== 0 || h.nTextState % h.nTextHead !== 0) throw bad('the state size is not divisible by the head count');
}

/**
 * Check a whisper ggml model file end to end without loading tensor data.
 * Throws ModelFileError: not_found (missing / not a file), bad_format (not ggml, wrong tensors), truncated.
 */
export async function inspectModelFile(path: string): Promise<ModelFileInfo> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError('not_found', `model file not found: ${path} (${code ?? 'open failed'}) — check the path or download the model again`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new ModelFileError('not_found', `${path} is not a regular file`);
    const r = new Reader(fh, st.size, path);
    if (st.size < 4) throw new ModelFileError('truncated', `${path} has only ${st.size} bytes: the file is incomplete`);
    const magic = await r.u32('the magic number');
    if (magic !== GGML_MAGIC) {
      throw new ModelFileError('bad_format', `${path} does not start with the ggml magic (found 0x${magic.toString(16).padStart(8, '0')}): it is not a whisper.cpp ggml model (GGUF and PyTorch files are not supported)`);
    }
    const h = {} as WhisperHparams;
    for (const k of HPARAM_KEYS) h[k] = await r.i32(`hparam ${k}`);
    checkHparams(h, path);

    const nMel = await r.i32('the mel filter header');
    const nFft = await r.i32('the mel filter header');
    if (nMel !== h.nMels || nFft !== N_FFT_BINS) throw new ModelFileError('bad_format', `${path}: mel filters are ${nMel}x${nFft}, expected ${h.nMels}x${N_FFT_BINS}`);
    r.skip(nMel * nFft * 4, 'the mel filters');

    const nTokens = await r.i32('the vocabulary size');
    if (nTokens < 1 || nTokens > h.nVocab) throw new ModelFileError('bad_format', `${path}: vocabulary holds ${nTokens} tokens, expected 1..${h.nVocab}`);
    let hasSpace = false;
    for (let i = 0; i < nTokens; i++) {
      const len = await r.u32('the vocabulary');
      if (len > 1024) throw new ModelFileError('bad_format', `${path}: token ${i} claims ${len} bytes — the vocabulary is corrupt`);
      if (len === 1) {
        const b = await r.bytes(1, 'the vocabulary');
        if (b[0] === 0x20) hasSpace = true;
      } else r.skip(len, 'the vocabulary');
    }
    // whisper.cpp looks " " up with .at() while decoding: without it, decoding throws.
    if (!hasSpace) throw new ModelFileError('bad_format', `${path}: the vocabulary has no " " token`);

    const expected = new Map(tensorSpecs(h).map((s) => [s.name, s]));
    const seen = new Set<string>();
    while (r.pos < r.size) {
      const nDims = await r.i32('a tensor header');
      const nameLen = await r.i32('a tensor header');
      const type = await r.i32('a tensor header');
      if (nDims < 1 || nDims > 4 || nameLen < 1 || nameLen > 256) throw new ModelFileError('bad_format', `${path}: corrupt tensor header at byte ${r.pos - 12}`);
      const ne: number[] = [];
      for (let i = 0; i < nDims; i++) ne.push(await r.i32('a tensor shape'));
      const name = (await r.bytes(nameLen, 'a tensor name')).toString('utf8');
      const spec = expected.get(name);
      if (!spec) throw new ModelFileError('bad_format', `${path}: unexpected tensor "${name}"`);
      if (seen.has(name)) throw new ModelFileError('bad_format', `${path}: tensor "${name}" appears twice`);
      const pad = (a: number[]) => [...a, 1, 1, 1, 1].slice(0, 4).join('x');
      if (pad(ne) !== pad(spec.ne)) throw new ModelFileError('bad_format', `${path}: tensor "${name}" is ${pad(ne)}, expected ${pad(spec.ne)}`);
      // Matrices may be f16 or quantized (q5_0 etc.); vectors and embeddings are always f32.
      const typeOk = spec.type === GGML_TYPE_F32 ? type === GGML_TYPE_F32 : type !== GGML_TYPE_F32 || h.ftype % 1000 === 0;
      const dataBytes = tensorDataBytes(ne, type);
      if (!typeOk || dataBytes === undefined) throw new ModelFileError('bad_format', `${path}: tensor "${name}" has unsupported type ${type} for its role`);
      r.skip(dataBytes, `tensor "${name}"`);
      seen.add(name);
    }
    if (seen.size !== expected.size) {
      const missing = [...expected.keys()].filter((n) => !seen.has(n));
      throw new ModelFileError('truncated', `${path}: ${missing.length} of ${expected.size} tensors are missing (first: "${missing[0]}") — the file is incomplete`);
    }
    return { hparams: h, fileBytes: st.size, tensors: seen.size };
  } finally {
    await fh.close();
  }
}
