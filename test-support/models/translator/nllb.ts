/**
 * A tiny NLLB-200-shaped multilingual test model (model_type m2m_100, NllbTokenizer, FLORES language tokens) for
 * en, de and fr, so the device lane's multilingual path (language codes, forced target-language token) runs for real.
 *
 * Hand-set weights, word by word like the MarianMT test model, with one more idea: words of every language map to
 * a shared "concept" (the English word) in the encoder, and the decoder turns concepts into words of the target
 * language. The target language is the token forced at step 0 and fed back at step 1, so it sits in row 1 of the
 * self-attention cache, whose rows here hold the ids of the tokens fed in.
 */
import { DICTIONARIES, HIGH, LOW, PUNCTUATION, WORD } from './dictionaries';
import { INT64, floatTensor, int64Tensor, intAttribute, lookupEncoder, node, presentKeyValue, stepDecoder } from './onnx';
import { endWithEos, jsonFile, specialToken, unigramTokenizer, wordScore } from './tokenizer';

/** The `pair` argument that asks for this model. */
export const MULTILINGUAL = 'multi';
export const multilingualFolderName = 'nllb-200-test';

const LANGUAGES = [
  { iso: 'en', flores: 'eng_Latn' },
  { iso: 'de', flores: 'deu_Latn' },
  { iso: 'fr', flores: 'fra_Latn' },
] as const;
export const multilingualTestLanguages = (): string[] => LANGUAGES.map((l) => l.iso);

const BOS = '<s>';
const PAD = '<pad>';
const EOS = '</s>';
const UNK = '<unk>';

/** English word → its word in each language (English maps to itself). */
function wordTables(): Map<string, Record<string, string>> {
  const concepts = new Map<string, Record<string, string>>();
  for (const { iso } of LANGUAGES) {
    const dictionary = iso === 'en' ? null : DICTIONARIES[`en-${iso}`];
    if (iso !== 'en' && !dictionary) throw new Error(`No en-${iso} dictionary for the multilingual test model.`);
    const english = dictionary ? Object.keys(dictionary) : Object.keys(DICTIONARIES['en-de']!);
    for (const word of english) {
      const entry = concepts.get(word) ?? {};
      entry[iso] = dictionary ? dictionary[word]! : word;
      concepts.set(word, entry);
    }
  }
  return concepts;
}

interface MultiVocabulary {
  pieces: string[];
  ids: Map<string, number>;
  /** Concept index: 0 = end of sentence, 1 = unknown, then one per English word, then punctuation. */
  concepts: string[];
  /** Token id → concept index (words of any language, punctuation, specials). */
  conceptOfToken: Map<number, number>;
  /** Concept index → target token id, per language. */
  tokenOfConcept: Map<string, Map<number, number>>;
}

function buildVocabulary(): MultiVocabulary {
  const pieces = [BOS, PAD, EOS, UNK];
  const ids = new Map(pieces.map((p, i) => [p, i] as [string, number]));
  const idOf = (piece: string) => {
    if (!ids.has(piece)) {
      ids.set(piece, pieces.length);
      pieces.push(piece);
    }
    return ids.get(piece)!;
  };
  const tables = wordTables();
  const concepts = ['<eos>', '<unk>', ...tables.keys(), ...PUNCTUATION];
  const conceptOfToken = new Map<number, number>([[0, 0], [1, 0], [2, 0]]);
  const tokenOfConcept = new Map<string, Map<number, number>>(LANGUAGES.map(({ iso }) => [iso, new Map([[0, 2]])]));
  concepts.forEach((concept, index) => {
    if (index < 2) return;
    const words = tables.get(concept) ?? Object.fromEntries(LANGUAGES.map(({ iso }) => [iso, concept]));
    for (const [iso, word] of Object.entries(words)) {
      const id = idOf(PUNCTUATION.includes(word) ? word : WORD + word);
      const previous = conceptOfToken.get(id);
      if (previous !== undefined && previous !== index) {
        throw new Error(`"${word}" means both "${concepts[previous]}" and "${concept}": the test dictionaries must not overlap.`);
      }
      conceptOfToken.set(id, index);
      tokenOfConcept.get(iso)!.set(index, id);
    }
  });
  for (const { flores } of LANGUAGES) idOf(flores);
  return { pieces, ids, concepts, conceptOfToken, tokenOfConcept };
}

/** input_ids → one-hot concept rows (unit length: the decoder's tables carry the confidence). */
function buildEncoder(vocab: MultiVocabulary): Uint8Array {
  const size = vocab.pieces.length;
  const width = vocab.concepts.length;
  const table = new Float32Array(size * width);
  for (let token = 0; token < size; token++) table[token * width + (vocab.conceptOfToken.get(token) ?? 1)] = 1;
  return lookupEncoder(table, size, width);
}

/**
 * Step t reads the encoder row at t (row 0 is the source-language token: the output at step 0 is forced anyway)
 * and multiplies it by the concept → word table of the language whose token is in cache row 1.
 */
function buildDecoder(vocab: MultiVocabulary): Uint8Array {
  const size = vocab.pieces.length;
  const width = vocab.concepts.length;
  // Table 0 (no language known yet, step 0) is all zeros; tables 1.. follow LANGUAGES.
  const tables = new Float32Array((LANGUAGES.length + 1) * width * size);
  const languageOfToken = new Array<number>(size).fill(0);
  LANGUAGES.forEach(({ iso, flores }, i) => {
    const base = (i + 1) * width * size;
    languageOfToken[vocab.ids.get(flores)!] = i + 1;
    for (let concept = 0; concept < width; concept++) {
      const token = vocab.tokenOfConcept.get(iso)!.get(concept);
      if (token === undefined) tables[base + concept * size + 3] = LOW;
      else tables[base + concept * size + token] = HIGH;
    }
  });
  return stepDecoder({
    width,
    vocabSize: size,
    // Cache rows hold the fed token ids (in every channel), so the forced language token can be read back.
    cacheRow: floatTensor('ones_row', [1, 1, 1, width], new Float32Array(width).fill(1)),
    rowOutput: 'row_3d',
    tailNodes: [
      // The target-language token: cache row 1 (row 0 at step 0, the start token, which maps to table 0).
      node('Min', ['one', 'step'], ['language_slot']),
      node('Gather', [presentKeyValue('key'), 'zero'], ['first_channel'], [intAttribute('axis', 3)]),
      node('Gather', ['first_channel', 'language_slot'], ['language_cell'], [intAttribute('axis', 2)]),
      node('Gather', ['language_cell', 'zero'], ['language_float'], [intAttribute('axis', 1)]),
      node('Cast', ['language_float'], ['language_token'], [intAttribute('to', INT64)]),
      node('Gather', ['language_of_token', 'language_token'], ['language_index'], [intAttribute('axis', 0)]),
      node('Gather', ['word_tables', 'language_index'], ['word_table'], [intAttribute('axis', 0)]),
      node('MatMul', ['row_3d', 'word_table'], ['logits']),
    ],
    tailInitializers: [
      floatTensor('word_tables', [LANGUAGES.length + 1, width, size], tables),
      int64Tensor('language_of_token', [size], languageOfToken),
      int64Tensor('zero', [], [0]),
    ],
  });
}

function tokenizerJson(vocab: MultiVocabulary): object {
  const specials = [BOS, PAD, EOS, UNK, ...LANGUAGES.map((l) => l.flores)];
  return unigramTokenizer({
    addedTokens: specials.map((content) => specialToken(vocab.ids.get(content)!, content)),
    // NLLB: source-language token, the sentence, </s>. transformers.js swaps the language token per request.
    postProcessor: endWithEos(EOS, 'eng_Latn', Object.fromEntries(
      [EOS, ...LANGUAGES.map((l) => l.flores)].map((t) => [t, { id: t, ids: [vocab.ids.get(t)!], tokens: [t] }]),
    )),
    unkId: 3,
    vocab: vocab.pieces.map((piece) => [piece, specials.includes(piece) ? 0 : wordScore(piece)]),
  });
}

/** Every file of the multilingual model folder. */
export function buildMultilingualTestTranslator(version: number): Record<string, Uint8Array | string> {
  const vocab = buildVocabulary();
  const ids = { bos_token_id: 0, pad_token_id: 1, eos_token_id: 2, decoder_start_token_id: 2 };
  return {
    'config.json': jsonFile({
      _name_or_path: 'sotto-test/nllb-200-test',
      sotto_test_translator_version: version,
      model_type: 'm2m_100',
      architectures: ['M2M100ForConditionalGeneration'],
      is_encoder_decoder: true,
      vocab_size: vocab.pieces.length,
      d_model: vocab.concepts.length,
      encoder_layers: 1,
      decoder_layers: 1,
      encoder_attention_heads: 1,
      decoder_attention_heads: 1,
      max_position_embeddings: 1024,
      max_length: 200,
      ...ids,
    }),
    'generation_config.json': jsonFile({ ...ids, max_length: 200 }),
    'tokenizer.json': jsonFile(tokenizerJson(vocab)),
    'tokenizer_config.json': jsonFile({
      tokenizer_class: 'NllbTokenizer', model_max_length: 1024, bos_token: BOS, eos_token: EOS, unk_token: UNK,
      pad_token: PAD, src_lang: 'eng_Latn', tgt_lang: null, additional_special_tokens: LANGUAGES.map((l) => l.flores),
    }),
    'onnx/encoder_model.onnx': buildEncoder(vocab),
    'onnx/decoder_model_merged.onnx': buildDecoder(vocab),
  };
}
