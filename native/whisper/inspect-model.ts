/**
 * Checks a whisper ggml model file end to end before whisper.cpp sees it (headers only: tensor data is skipped by
 * offset). whisper.cpp trusts the file: a cut-short file loads with garbage, bad hparams abort or fault the process,
 * a FIFO blocks a thread for ever. Every problem becomes a ModelFileError naming it.
 */
import fs from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { GGML_MAGIC, N_FFT_BINS, tensorDataBytes, tensorSpecs, type TensorSpec, type WhisperHparams } from './ggml-format';
import { checkWhisperHparams } from './model-families';
import { ModelFileError } from './model-file-error';
import { checkMemory, defaultMemoryLimit, estimateWhisperMemory, type MemoryEstimate } from './model-memory';
import { ModelReader } from './model-reader';

export interface ModelFileInfo {
  hparams: WhisperHparams;
  /** The known family the hparams belong to (tiny, base, …). */
  family: string;
  fileBytes: number;
  tensors: number;
  memory: MemoryEstimate;
}

export interface InspectOptions {
  /** Refuse models whose estimated memory is above this (default: 3/4 of the machine's memory). */
  maxMemoryBytes?: number;
}

const HPARAM_KEYS: (keyof WhisperHparams)[] = ['nVocab', 'nAudioCtx', 'nAudioState', 'nAudioHead', 'nAudioLayer', 'nTextCtx', 'nTextState', 'nTextHead', 'nTextLayer', 'nMels', 'ftype'];

const kindOf = (st: Stats): string => (st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a file');

/** Regular files only. O_NONBLOCK: a path swapped for a FIFO after the stat opens at once instead of waiting for a writer. */
async function openRegularFile(path: string): Promise<{ fh: fs.FileHandle; size: number }> {
  const notFile = (st: Stats) => new ModelFileError('not_found', `${path} is not a regular file (${kindOf(st)}) — choose a whisper ggml .bin file`);
  let fh: fs.FileHandle;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw notFile(st);
    fh = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError('not_found', `model file not found: ${path} (${code ?? 'open failed'}) — check the path or download the model again`);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw notFile(st);
  }
  return { fh, size: st.size };
}

async function readHparams(r: ModelReader, path: string): Promise<WhisperHparams> {
  if (r.size < 4) throw new ModelFileError('truncated', `${path} has only ${r.size} bytes: the file is incomplete`);
  const magic = await r.u32('the magic number');
  if (magic !== GGML_MAGIC) {
    throw new ModelFileError('bad_format', `${path} does not start with the ggml magic (found 0x${magic.toString(16).padStart(8, '0')}): it is not a whisper.cpp ggml model (GGUF and PyTorch files are not supported)`);
  }
  const h = {} as WhisperHparams;
  for (const k of HPARAM_KEYS) h[k] = await r.i32(`hparam ${k}`);
  return h;
}

async function readMelAndVocab(r: ModelReader, h: WhisperHparams, path: string): Promise<void> {
  const nMel = await r.i32('the mel filter header');
  const nFft = await r.i32('the mel filter header');
  if (nMel !== h.nMels || nFft !== N_FFT_BINS) throw new ModelFileError('bad_format', `${path}: mel filters are ${nMel}x${nFft}, expected ${h.nMels}x${N_FFT_BINS}`);
  r.skip(nMel * nFft * 4, 'the mel filters');
  const nTokens = await r.i32('the vocabulary size');
  // whisper.cpp names the ids from here to n_vocab (special tokens) itself; more tokens than n_vocab is corruption.
  if (nTokens < 1 || nTokens > h.nVocab) throw new ModelFileError('bad_format', `${path}: vocabulary holds ${nTokens} tokens, expected 1..${h.nVocab}`);
  let hasSpace = false;
  for (let i = 0; i < nTokens; i++) {
    const len = await r.u32('the vocabulary');
    if (len > 1024) throw new ModelFileError('bad_format', `${path}: token ${i} claims ${len} bytes — the vocabulary is corrupt`);
    if (len === 1) hasSpace ||= (await r.bytes(1, 'the vocabulary'))[0] === 0x20;
    else r.skip(len, 'the vocabulary');
  }
  // whisper.cpp looks " " up with .at() while decoding: without it, decoding throws.
  if (!hasSpace) throw new ModelFileError('bad_format', `${path}: the vocabulary has no " " token`);
}

const dims = (a: readonly number[]): string => [...a, 1, 1, 1, 1].slice(0, 4).join('x');

/** One tensor record: known name, once, the dims and the exact type whisper.cpp allocates, data of that size. */
async function readTensor(r: ModelReader, expected: Map<string, TensorSpec>, seen: Set<string>, path: string): Promise<void> {
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
  if (dims(ne) !== dims(spec.ne)) throw new ModelFileError('bad_format', `${path}: tensor "${name}" is ${dims(ne)}, expected ${dims(spec.ne)}`);
  // whisper.cpp reads ggml_nbytes of the type it allocated, whatever the file says: the types must agree exactly.
  if (type !== spec.type) throw new ModelFileError('bad_format', `${path}: tensor "${name}" has ggml type ${type}, expected ${spec.type} for this ftype`);
  const dataBytes = tensorDataBytes(ne, type);
  if (dataBytes === undefined) throw new ModelFileError('bad_format', `${path}: tensor "${name}": rows of ${ne[0]} values do not fill whole blocks of ggml type ${type}`);
  r.skip(dataBytes, `tensor "${name}"`);
  seen.add(name);
}

async function readTensors(r: ModelReader, h: WhisperHparams, path: string): Promise<number> {
  const expected = new Map(tensorSpecs(h).map((s) => [s.name, s]));
  const seen = new Set<string>();
  while (r.pos < r.size) await readTensor(r, expected, seen, path);
  if (seen.size !== expected.size) {
    const missing = [...expected.keys()].filter((n) => !seen.has(n));
    throw new ModelFileError('truncated', `${path}: ${missing.length} of ${expected.size} tensors are missing (first: "${missing[0]}") — the file is incomplete`);
  }
  return seen.size;
}

/**
 * Check a whisper ggml model file end to end without loading tensor data. Throws ModelFileError: not_found (missing,
 * not a regular file), bad_format, truncated, unsupported (ftype or family whisper.cpp cannot run), too_large.
 */
export async function inspectModelFile(path: string, opts: InspectOptions = {}): Promise<ModelFileInfo> {
  const { fh, size } = await openRegularFile(path);
  try {
    const r = new ModelReader(fh, size, path);
    const hparams = await readHparams(r, path);
    const family = checkWhisperHparams(hparams, path);
    const weightBytes = tensorSpecs(hparams).reduce((n, s) => n + (tensorDataBytes(s.ne, s.type) ?? 0), 0);
    const memory = estimateWhisperMemory(hparams, weightBytes);
    checkMemory(memory, opts.maxMemoryBytes ?? defaultMemoryLimit(), path);
    await readMelAndVocab(r, hparams, path);
    const tensors = await readTensors(r, hparams, path);
    return { hparams, family, fileBytes: size, tensors, memory };
  } finally {
    await fh.close();
  }
}
