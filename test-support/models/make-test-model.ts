/**
 * Writes a whisper.cpp ggml model with random weights: same layout, shapes and types as the published models,
 * so loading and the encoder cost what the real ones do, but no download and no licence question.
 * Bytes are a pure function of (shape, seed).
 *
 *   npm run make-test-model -- --shape tiny|base|test --out PATH [--seed N]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FILE_VOCAB_SIZE,
  GGML_MAGIC,
  GGML_TYPE_F16,
  MODEL_SHAPES,
  N_FFT_BINS,
  elementCount,
  tensorRecordBytes,
  tensorSpecs,
  type ModelShapeName,
  type TensorSpec,
  type WhisperHparams,
} from '../../native/whisper/ggml-format';

export const DEFAULT_SEED = 20_240_601;

/** xorshift32: tiny, fast, and identical on every platform. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function hashSeed(seed: number, name: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0; // FNV-1a over the tensor name: each tensor gets its own stream
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h || 1;
}

/** IEEE 754 half from a float (round half up on the dropped bits); used only to build lookup tables. */
function toHalf(v: number): number {
  const f32 = new Float32Array([v]);
  const x = new Uint32Array(f32.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 112; // rebias 127 -> 15
  const mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign; // too small even for a subnormal half
    return sign | Math.round(((mant | 0x800000) >> (1 - exp)) / 0x2000);
  }
  if (exp >= 31) return sign | 0x7c00;
  const h = sign | (exp << 10) | (mant >> 13);
  return mant & 0x1000 ? h + 1 : h; // a carry into the exponent is still the right number
}

const TABLE_BITS = 12;
const halfTables = new Map<number, Uint16Array>();
/** 4096 half-precision values spread uniformly over [-a, a]; random indices into it make fast random f16 data. */
function halfTable(a: number): Uint16Array {
  let t = halfTables.get(a);
  if (!t) {
    t = new Uint16Array(1 << TABLE_BITS);
    for (let i = 0; i < t.length; i++) t[i] = toHalf(a * ((2 * (i + 0.5)) / t.length - 1)) & 0xffff;
    halfTables.set(a, t);
  }
  return t;
}

/** Uniform scale giving variance 1/fan_in (fan_in = ne[0], times the kernel width for convolutions). */
function weightScale(spec: TensorSpec): number {
  const fanIn = spec.name.includes('conv') ? spec.ne[0]! * spec.ne[1]! : spec.ne[0]!;
  return Math.sqrt(3 / fanIn);
}

const CHUNK_ELEMENTS = 1 << 20;

/** Tensor data in chunks (a base token embedding is 53 MB: never one giant array). */
function* tensorData(spec: TensorSpec, seed: number): Generator<Buffer> {
  const n = elementCount(spec.ne);
  const next = rng(hashSeed(seed, spec.name));
  const name = spec.name;
  if (spec.type === GGML_TYPE_F16) {
    const table = halfTable(weightScale(spec));
    const mask = (1 << TABLE_BITS) - 1;
    for (let off = 0; off < n; off += CHUNK_ELEMENTS) {
      const len = Math.min(CHUNK_ELEMENTS, n - off);
      const out = new Uint16Array(len);
      for (let i = 0; i < len; i += 2) {
        const r = next();
        out[i] = table[r & mask]!;
        if (i + 1 < len) out[i + 1] = table[(r >>> 16) & mask]!;
      }
      yield Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
    return;
  }
  const out = new Float32Array(n);
  if (name.endsWith('ln.weight') || name.endsWith('ln_post.weight') || name.endsWith('_ln.weight')) {
    out.fill(1); // layer norms start as identity, like a trained model's neighbourhood
  } else if (name === 'encoder.positional_embedding') {
    // whisper's encoder uses fixed sinusoids
    const [dim, ctx] = spec.ne as [number, number];
    const half = dim / 2;
    const inc = Math.log(10_000) / (half - 1);
    for (let p = 0; p < ctx; p++) {
      for (let i = 0; i < half; i++) {
        const a = p * Math.exp(-inc * i);
        out[p * dim + i] = Math.sin(a);
        out[p * dim + half + i] = Math.cos(a);
      }
    }
  } else {
    const scale = name.includes('positional_embedding') ? 0.02 : 0.01;
    for (let i = 0; i < n; i++) out[i] = ((next() / 0xffffffff) * 2 - 1) * scale;
  }
  yield Buffer.from(out.buffer);
}

/** A mel filter bank of triangles (the real one is librosa's slaney bank; shape and plausibility are what matter). */
function melFilters(nMels: number): Float32Array {
  const out = new Float32Array(nMels * N_FFT_BINS);
  const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const melToHz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const maxMel = hzToMel(8000);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => (melToHz((maxMel * i) / (nMels + 1)) / 8000) * (N_FFT_BINS - 1));
  for (let m = 0; m < nMels; m++) {
    const [lo, mid, hi] = [edges[m]!, edges[m + 1]!, edges[m + 2]!];
    for (let k = 0; k < N_FFT_BINS; k++) {
      const v = k <= mid ? (k - lo) / Math.max(mid - lo, 1e-6) : (hi - k) / Math.max(hi - mid, 1e-6);
      out[m * N_FFT_BINS + k] = Math.max(0, v) * (2 / Math.max(hi - lo, 1e-6));
    }
  }
  return out;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'de', 'pa', 'ri', 'no', 'be', 'sa', 'lu', 'ge', 'fo', 'ti', 'ma', 'ze', 'ho', 'ku', 'li', 'an', 'el', 'or', 'is', 'um', 'en', 'ta'];

/**
 * FILE_VOCAB_SIZE printable tokens: the ASCII punctuation/letters, " ", then syllable words with and without a
 * leading space (as BPE vocabularies have), so decoded garbage reads as text. " " must exist: whisper.cpp looks it up.
 */
export function makeVocab(): string[] {
  const v: string[] = [];
  for (let c = 33; c <= 126; c++) v.push(String.fromCharCode(c));
  v.push(' ', ' -', " '");
  const seen = new Set(v);
  const words: string[] = [];
  for (const a of SYLLABLES) words.push(a);
  for (const a of SYLLABLES) for (const b of SYLLABLES) words.push(a + b);
  for (const a of SYLLABLES) for (const b of SYLLABLES) for (const c of SYLLABLES) words.push(a + b + c);
  for (const w of words) {
    for (const t of [` ${w}`, w]) {
      if (v.length >= FILE_VOCAB_SIZE) return v;
      if (!seen.has(t)) {
        seen.add(t);
        v.push(t);
      }
    }
  }
  if (v.length < FILE_VOCAB_SIZE) throw new Error('syllable table too small for the vocabulary');
  return v;
}

function headerBytes(h: WhisperHparams, vocab: string[]): Buffer {
  const filters = melFilters(h.nMels);
  const vocabBytes = vocab.reduce((n, t) => n + 4 + Buffer.byteLength(t), 0);
  const buf = Buffer.alloc(4 + 11 * 4 + 8 + filters.byteLength + 4 + vocabBytes);
  let o = buf.writeUInt32LE(GGML_MAGIC, 0);
  for (const v of [h.nVocab, h.nAudioCtx, h.nAudioState, h.nAudioHead, h.nAudioLayer, h.nTextCtx, h.nTextState, h.nTextHead, h.nTextLayer, h.nMels, h.ftype]) o = buf.writeInt32LE(v, o);
  o = buf.writeInt32LE(h.nMels, o);
  o = buf.writeInt32LE(N_FFT_BINS, o);
  Buffer.from(filters.buffer).copy(buf, o);
  o += filters.byteLength;
  o = buf.writeInt32LE(vocab.length, o);
  for (const t of vocab) {
    const b = Buffer.from(t, 'utf8');
    o = buf.writeUInt32LE(b.length, o);
    o += b.copy(buf, o);
  }
  return buf;
}

function tensorHeader(spec: TensorSpec): Buffer {
  const name = Buffer.from(spec.name, 'utf8');
  const buf = Buffer.alloc(12 + 4 * spec.ne.length + name.length);
  let o = buf.writeInt32LE(spec.ne.length, 0);
  o = buf.writeInt32LE(name.length, o);
  o = buf.writeInt32LE(spec.type, o);
  for (const d of spec.ne) o = buf.writeInt32LE(d, o);
  name.copy(buf, o);
  return buf;
}

/** Exact size of the file writeTestModel produces for this shape (used to recognise a complete file). */
export function expectedModelBytes(shape: ModelShapeName): number {
  const h = MODEL_SHAPES[shape];
  return headerBytes(h, makeVocab()).length + tensorSpecs(h).reduce((n, s) => n + tensorRecordBytes(s), 0);
}

export interface WrittenModel {
  path: string;
  shape: ModelShapeName;
  bytes: number;
  seed: number;
}

/** Write the model to `outPath` (via a temporary file and a rename, so a reader never sees half a file). */
export async function writeTestModel(shape: ModelShapeName, outPath: string, seed = DEFAULT_SEED): Promise<WrittenModel> {
  const h = MODEL_SHAPES[shape];
  if (!h) throw new Error(`unknown shape '${shape}': use test, tiny or base`);
  const written = await writeModelFile(h, outPath, { seed });
  return { path: written.path, shape, bytes: written.bytes, seed };
}

export interface ModelFileOptions {
  seed?: number;
  /** Tokens stored in the file (default FILE_VOCAB_SIZE, at most n_vocab). */
  vocabSize?: number;
  /** Leave tensor data as holes (zeros): crafted files with huge tensors cost no disk. */
  zeroData?: boolean;
}

/**
 * Any hparams, laid out exactly as whisper.cpp reads them: the generator behind writeTestModel, and behind the crafted
 * files the validation tests feed the loader (a self-consistent file with hparams whisper.cpp cannot survive).
 */
export async function writeModelFile(h: WhisperHparams, outPath: string, opts: ModelFileOptions = {}): Promise<{ path: string; bytes: number }> {
  await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  const tmp = `${outPath}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const vocab = makeVocab().slice(0, Math.min(opts.vocabSize ?? FILE_VOCAB_SIZE, h.nVocab));
  if (!vocab.includes(' ')) vocab[vocab.length - 1] = ' '; // whisper.cpp looks " " up while decoding
  const fh = await fs.open(tmp, 'w');
  let bytes = 0;
  try {
    const write = async (b: Buffer) => {
      await fh.write(b, 0, b.length, bytes);
      bytes += b.length;
    };
    await write(headerBytes(h, vocab));
    for (const spec of tensorSpecs(h)) {
      await write(tensorHeader(spec));
      if (opts.zeroData) bytes += tensorRecordBytes(spec) - tensorHeader(spec).length;
      else for (const chunk of tensorData(spec, opts.seed ?? DEFAULT_SEED)) await write(chunk);
    }
    await fh.truncate(bytes);
  } catch (e) {
    await fh.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await fs.rename(tmp, outPath);
  return { path: path.resolve(outPath), bytes };
}

function parseArgs(argv: string[]): { shape: ModelShapeName; out: string; seed: number } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const shape = get('--shape') as ModelShapeName | undefined;
  const out = get('--out');
  const seed = get('--seed');
  if (!shape || !(shape in MODEL_SHAPES) || !out) {
    throw new Error('usage: npm run make-test-model -- --shape tiny|base|test --out PATH [--seed N]');
  }
  if (seed !== undefined && !/^\d+$/.test(seed)) throw new Error(`--seed must be a non-negative integer, got ${seed}`);
  return { shape, out, seed: seed === undefined ? DEFAULT_SEED : Number(seed) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { shape, out, seed } = parseArgs(process.argv.slice(2));
    const t0 = Date.now();
    const r = await writeTestModel(shape, out, seed);
    console.log(`wrote ${r.path}: ${shape}, ${(r.bytes / 1e6).toFixed(1)} MB, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
