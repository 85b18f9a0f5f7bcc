/**
 * The ONNX files transformers.js looks for in a seq2seq model folder: onnx/encoder_model{suffix}.onnx and
 * onnx/decoder_model_merged{suffix}.onnx (that name even for an unmerged decoder), the suffix chosen by dtype.
 * Plain fs, no transformers.js: listings run synchronously at startup.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** In order of preference: fp32 is exact, the others are quantized. */
const DTYPE_SUFFIXES = [
  ['fp32', ''],
  ['q8', '_quantized'],
  ['fp16', '_fp16'],
  ['int8', '_int8'],
  ['uint8', '_uint8'],
  ['q4', '_q4'],
] as const;

export type OnnxDtype = (typeof DTYPE_SUFFIXES)[number][0];

/** How a folder's missing ONNX files are named in messages. */
export const SEQ2SEQ_ONNX_FILES = 'onnx/encoder_model*.onnx + onnx/decoder_model_merged*.onnx';

const nonEmpty = (file: string): boolean => {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
};

/** The first dtype whose encoder and merged decoder are both present and non-empty, or null. */
export function completeSeq2SeqDtype(folder: string): OnnxDtype | null {
  for (const [dtype, suffix] of DTYPE_SUFFIXES) {
    const onnx = (name: string) => path.join(folder, 'onnx', `${name}${suffix}.onnx`);
    if (nonEmpty(onnx('encoder_model')) && nonEmpty(onnx('decoder_model_merged'))) return dtype;
  }
  return null;
}
