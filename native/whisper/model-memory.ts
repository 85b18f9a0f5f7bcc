/**
 * What whisper.cpp will allocate for a model, estimated from its hparams before loading, so that a file asking for
 * more than the machine has is refused with a message instead of failing inside an allocation (or being OOM-killed).
 * Sizes follow whisper_init_state's buffers (checked against its log for tiny: within a few MB).
 */
import os from 'node:os';
import type { WhisperHparams } from './ggml-format';
import { ModelFileError } from './model-file-error';

const F16 = 2;
const F32 = 4;
const pad256 = (n: number): number => Math.ceil(n / 256) * 256;

export interface MemoryEstimate {
  weightBytes: number;
  /** KV caches (self, cross, pad) and whisper's compute buffers (conv, encoder, cross, decoder) and logits. */
  stateBytes: number;
  totalBytes: number;
}

export function estimateWhisperMemory(h: WhisperHparams, weightBytes: number): MemoryEstimate {
  const kvSelf = 2 * h.nTextLayer * pad256(h.nTextCtx) * h.nTextState * F16;
  const kvCross = 2 * h.nTextLayer * pad256(h.nAudioCtx) * h.nTextState * F16;
  const kvPad = 2 * pad256(h.nAudioCtx) * h.nAudioState * F16;
  const conv = F32 * 2 * h.nAudioCtx * (h.nMels + 3 * h.nAudioState);
  const encode = F32 * h.nAudioCtx * h.nAudioState * 8;
  const cross = F32 * h.nAudioCtx * h.nAudioState * 2;
  // The decoder graph and the state's logits each hold n_vocab floats per text position.
  const logits = 2 * F32 * h.nVocab * h.nTextCtx;
  const stateBytes = kvSelf + kvCross + kvPad + conv + encode + cross + logits;
  return { weightBytes, stateBytes, totalBytes: weightBytes + stateBytes };
}

/** Three quarters of the machine's memory: the OS, Electron and the UI need the rest. */
export function defaultMemoryLimit(): number {
  return Math.floor(os.totalmem() * 0.75);
}

const gb = (n: number): string => `${(n / 1e9).toFixed(2)} GB`;

/** Throws ModelFileError 'too_large' when the estimate is above `limitBytes`. */
export function checkMemory(estimate: MemoryEstimate, limitBytes: number, path: string): void {
  if (estimate.totalBytes <= limitBytes) return;
  throw new ModelFileError(
    'too_large',
    `${path}: whisper.cpp would need about ${gb(estimate.totalBytes)} (weights ${gb(estimate.weightBytes)}, buffers ${gb(estimate.stateBytes)}), more than the ${gb(limitBytes)} allowed here — choose a smaller or quantized model`,
  );
}
