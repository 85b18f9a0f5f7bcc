/**
 * Model files crafted to break whisper.cpp: each passed the facade's first check and then aborted or faulted the
 * process inside whisper.cpp (found by running the product, issue 11). Tests feed them to the loader and to the engine.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { MODEL_SHAPES, type WhisperHparams } from '../../native/whisper/ggml-format';
import { writeModelFile } from './make-test-model';
import { ensureTestWhisperModel } from './test-assets';

const run = promisify(execFile);

export type CraftedCase =
  | 'ftype-4'
  | 'ftype-minus-1'
  | 'ftype-100'
  | 'ftype-1004'
  | 'n-vocab-1000'
  | 'n-text-ctx-500000'
  | 'n-audio-ctx-200000'
  | 'fifo';

/** What whisper.cpp 1.9.1 did with each file (the finding), and the facade's code for it now. */
export const CRAFTED_CASES: Record<CraftedCase, { whisperDid: string; code: string }> = {
  'ftype-4': { whisperDid: 'SIGABRT: GGML_ASSERT(wtype != GGML_TYPE_COUNT)', code: 'unsupported' },
  'ftype-minus-1': { whisperDid: 'SIGABRT: GGML_ASSERT(wtype != GGML_TYPE_COUNT)', code: 'unsupported' },
  'ftype-100': { whisperDid: 'SIGABRT: GGML_ASSERT(wtype != GGML_TYPE_COUNT)', code: 'unsupported' },
  'ftype-1004': { whisperDid: 'SIGABRT: GGML_ASSERT(wtype != GGML_TYPE_COUNT)', code: 'unsupported' },
  'n-vocab-1000': { whisperDid: 'SIGABRT in get_rows: logits[token_eot] indexed past the vocabulary', code: 'unsupported' },
  'n-text-ctx-500000': { whisperDid: 'SIGSEGV in ggml_gallocr_alloc_graph during whisper_init_state', code: 'unsupported' },
  'n-audio-ctx-200000': { whisperDid: 'loads, then runs past any timeout (943 MB RSS)', code: 'unsupported' },
  fifo: { whisperDid: 'open() blocks a libuv thread (and dispose) until a writer appears', code: 'not_found' },
};

/** Byte offset of an hparam in the file: after the magic, 11 int32 in whisper.cpp's order. */
const HPARAM_ORDER: (keyof WhisperHparams)[] = ['nVocab', 'nAudioCtx', 'nAudioState', 'nAudioHead', 'nAudioLayer', 'nTextCtx', 'nTextState', 'nTextHead', 'nTextLayer', 'nMels', 'ftype'];
export const hparamOffset = (key: keyof WhisperHparams): number => 4 + 4 * HPARAM_ORDER.indexOf(key);

/** The generated `test` model with one hparam overwritten in place (tensors unchanged). */
export async function withHparam(out: string, key: keyof WhisperHparams, value: number): Promise<string> {
  const bytes = Buffer.from(await fs.readFile(await ensureTestWhisperModel('test')));
  bytes.writeInt32LE(value, hparamOffset(key));
  await fs.writeFile(out, bytes);
  return out;
}

/** A self-consistent file (every tensor sized for these hparams), data left as zeros. */
async function consistent(out: string, patch: Partial<WhisperHparams>): Promise<string> {
  const h = { ...MODEL_SHAPES.test, ...patch };
  await writeModelFile(h, out, { zeroData: true, vocabSize: h.nVocab });
  return out;
}

/** Writes the file for one case into `dir` and returns its path. */
export async function craftModel(dir: string, which: CraftedCase): Promise<string> {
  const out = path.join(dir, `${which}.bin`);
  switch (which) {
    case 'ftype-4':
      return withHparam(out, 'ftype', 4);
    case 'ftype-minus-1':
      return withHparam(out, 'ftype', -1);
    case 'ftype-100':
      return withHparam(out, 'ftype', 100);
    case 'ftype-1004':
      return withHparam(out, 'ftype', 1004);
    case 'n-vocab-1000':
      return consistent(out, { nVocab: 1000 });
    case 'n-text-ctx-500000':
      return consistent(out, { nTextCtx: 500_000 });
    case 'n-audio-ctx-200000':
      return consistent(out, { nAudioCtx: 200_000 });
    case 'fifo':
      await fs.rm(out, { force: true });
      await run('mkfifo', [out]);
      return out;
  }
}
