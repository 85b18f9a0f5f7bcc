/**
 * tokenizer.json pieces shared by the test translators: a lower-casing Unigram tokenizer with Metaspace word
 * boundaries (v4 of transformers.js has no WordLevel model; this shape loads in v3 and v4 alike).
 */
import { WORD } from './dictionaries';

/** A generated model file's JSON text: two-space indent and a final newline, like the Hugging Face tools write. */
export const jsonFile = (value: object): string => JSON.stringify(value, null, 2) + '\n';

export const specialToken = (id: number, content: string) =>
  ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

/**
 * Post-processor: [prefix token] sentence(s) </s>. Marian has no prefix; NLLB puts the source-language token first
 * (transformers.js swaps it per request).
 */
export function endWithEos(eos: string, prefix: string | null, specialTokens: Record<string, { id: string; ids: number[]; tokens: string[] }>): object {
  const head = prefix ? [{ SpecialToken: { id: prefix, type_id: 0 } }] : [];
  return {
    type: 'TemplateProcessing',
    single: [...head, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } }],
    pair: [...head, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } }],
    special_tokens: specialTokens,
  };
}

export interface UnigramTokenizerSpec {
  addedTokens: ReturnType<typeof specialToken>[];
  postProcessor: object;
  /** Every piece with its Unigram score, in id order. */
  vocab: Array<[string, number]>;
  unkId: number;
}

/** Whole words score higher than any split of them, so a dictionary word is always one piece. */
export const wordScore = (piece: string): number => -1 - piece.length / 100;

export function unigramTokenizer(spec: UnigramTokenizerSpec): object {
  const metaspace = { type: 'Metaspace', replacement: WORD, prepend_scheme: 'always', split: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: spec.addedTokens,
    // Captions start with a capital letter; the dictionaries are lower case.
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: metaspace,
    post_processor: spec.postProcessor,
    decoder: metaspace,
    model: { type: 'Unigram', unk_id: spec.unkId, vocab: spec.vocab, byte_fallback: false },
  };
}
