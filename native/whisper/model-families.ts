/**
 * The hparams whisper.cpp can run. whisper.cpp trusts them: an unknown ftype ends in GGML_ASSERT, an n_vocab that
 * does not place its special tokens (end-of-text, timestamps) inside the vocabulary faults in get_rows, and huge
 * contexts fault while allocating or run for ever. So a file must be one of the published model families.
 */
import { QNT_VERSION_FACTOR, weightTypeOf, type WhisperHparams } from './ggml-format';
import { ModelFileError } from './model-file-error';

interface Family {
  name: string;
  state: number;
  heads: number;
  audioLayers: number;
  /** Decoder depths seen in the wild: the original, plus distilled and turbo decoders. */
  textLayers: readonly number[];
}

/** OpenAI's sizes (with distil-whisper and large-v3-turbo decoders), and Sotto's own generated test shape. */
const FAMILIES: readonly Family[] = [
  { name: 'tiny', state: 384, heads: 6, audioLayers: 4, textLayers: [4] },
  { name: 'base', state: 512, heads: 8, audioLayers: 6, textLayers: [6] },
  { name: 'small', state: 768, heads: 12, audioLayers: 12, textLayers: [12, 4] },
  { name: 'medium', state: 1024, heads: 16, audioLayers: 24, textLayers: [24, 2] },
  { name: 'large', state: 1280, heads: 20, audioLayers: 32, textLayers: [32, 4, 2] },
  { name: 'sotto-test (generated)', state: 64, heads: 2, audioLayers: 2, textLayers: [2] },
];

/** n_vocab fixes where whisper.cpp puts its special tokens; only these three place them all inside the vocabulary. */
const VOCABS: Record<number, { kind: string; mels: number }> = {
  51864: { kind: 'English-only (.en)', mels: 80 },
  51865: { kind: 'multilingual', mels: 80 },
  51866: { kind: 'large-v3 / turbo', mels: 128 },
};

export const WHISPER_AUDIO_CTX = 1500;
export const WHISPER_TEXT_CTX = 448;
/** Far above any real model; beyond this a value is corruption, not an unusual model. */
const SANE_MAX = 1 << 20;

const KEYS: (keyof WhisperHparams)[] = ['nVocab', 'nAudioCtx', 'nAudioState', 'nAudioHead', 'nAudioLayer', 'nTextCtx', 'nTextState', 'nTextHead', 'nTextLayer', 'nMels'];

function checkBounds(h: WhisperHparams, fail: (why: string) => never): void {
  for (const k of KEYS) if (!(Number.isInteger(h[k]) && h[k] > 0 && h[k] < SANE_MAX)) fail(`hparam ${k}=${h[k]} is out of range`);
  if (h.nAudioState !== h.nTextState) fail(`n_audio_state ${h.nAudioState} != n_text_state ${h.nTextState}`);
  if (h.nAudioHead !== h.nTextHead) fail(`n_audio_head ${h.nAudioHead} != n_text_head ${h.nTextHead}`);
  if (h.nAudioState % h.nAudioHead !== 0) fail('the state size is not divisible by the head count');
}

function checkFtype(h: WhisperHparams, unsupported: (why: string) => never): void {
  if (weightTypeOf(h.ftype) !== undefined) return;
  const base = h.ftype % QNT_VERSION_FACTOR;
  unsupported(`ftype ${h.ftype} (weight type ${base}) is not one whisper.cpp loads: f32, f16, q4_0, q4_1, q5_0, q5_1, q8_0 or q2_k–q6_k`);
}

function checkContextsAndVocab(h: WhisperHparams, unsupported: (why: string) => never): void {
  if (h.nAudioCtx !== WHISPER_AUDIO_CTX) unsupported(`n_audio_ctx ${h.nAudioCtx}: every whisper model has ${WHISPER_AUDIO_CTX} (30 s of audio)`);
  if (h.nTextCtx !== WHISPER_TEXT_CTX) unsupported(`n_text_ctx ${h.nTextCtx}: every whisper model has ${WHISPER_TEXT_CTX}`);
  const vocab = VOCABS[h.nVocab];
  if (!vocab) {
    const known = Object.entries(VOCABS).map(([n, v]) => `${n} (${v.kind})`).join(', ');
    unsupported(`n_vocab ${h.nVocab} would put whisper's special tokens (end-of-text, timestamps) outside the vocabulary; known: ${known}`);
  }
  if (h.nMels !== vocab.mels) unsupported(`n_mels ${h.nMels} with the ${vocab.kind} vocabulary (expected ${vocab.mels})`);
}

function findFamily(h: WhisperHparams, unsupported: (why: string) => never): Family {
  const family = FAMILIES.find((f) => f.state === h.nAudioState && f.heads === h.nAudioHead && f.audioLayers === h.nAudioLayer);
  if (!family || !family.textLayers.includes(h.nTextLayer)) {
    unsupported(`state ${h.nAudioState}, ${h.nAudioHead} heads, ${h.nAudioLayer} encoder / ${h.nTextLayer} decoder layers is not a known whisper model (tiny, base, small, medium, large, turbo, distil)`);
  }
  if (h.nVocab === 51866 && family.name !== 'large') unsupported(`the large-v3 vocabulary (n_vocab 51866) on a ${family.name} model`);
  return family;
}

/** Throws ModelFileError (bad_format for corrupt values, unsupported for the rest); returns the family's name. */
export function checkWhisperHparams(h: WhisperHparams, path: string): string {
  const bad = (why: string): never => {
    throw new ModelFileError('bad_format', `${path}: ${why} — not a usable whisper ggml model`);
  };
  const unsupported = (why: string): never => {
    throw new ModelFileError('unsupported', `${path}: ${why} — whisper.cpp cannot run this file safely; use a published whisper.cpp model`);
  };
  checkFtype(h, unsupported);
  checkBounds(h, bad);
  checkContextsAndVocab(h, unsupported);
  return findFamily(h, unsupported).name;
}
