/**
 * Typed facade over transformers.js (@huggingface/transformers, with onnxruntime-node under it) for the on-device
 * text lane: load a local seq2seq model folder, offline, and translate one chunk with greedy decoding and per-token
 * log-probabilities. Callers never see transformers.js's classes; its quirks end here.
 *
 * transformers.js loads on the first loadSeq2SeqModel call, not when this module is imported (see runtime.ts).
 */
import { configureOffline, loadTransformers } from './runtime';
import type { OnnxDtype } from './files';
import { openSeq2SeqModel, type Seq2SeqModel } from './seq2seq';

export { TransformersError, type TransformersErrorCode } from './errors';
export { completeSeq2SeqDtype, SEQ2SEQ_ONNX_FILES, type OnnxDtype } from './files';
export type { Seq2SeqModel, Seq2SeqTranslateOptions, Seq2SeqTranslation } from './seq2seq';

export interface Seq2SeqLoadOptions {
  /** The folder holding every local model: transformers.js resolves nothing outside it and never downloads. */
  modelsDir: string;
  /** Which ONNX files to load (see completeSeq2SeqDtype). */
  dtype: OnnxDtype;
}

/** Loads the model in `folder` (absolute path). Fails with TransformersError 'runtime_unavailable' or 'load_failed'. */
export async function loadSeq2SeqModel(folder: string, { modelsDir, dtype }: Seq2SeqLoadOptions): Promise<Seq2SeqModel> {
  const tf = await loadTransformers();
  configureOffline(tf, modelsDir);
  return openSeq2SeqModel(tf, folder, dtype);
}
