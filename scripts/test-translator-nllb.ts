/**
 * A tiny NLLB-200-shaped multilingual test model (model_type m2m_100, NllbTokenizer, FLORES language tokens) for
 * en, de and fr, so the device lane's multilingual path (language codes, forced target-language token) runs for real.
 *
 * Hand-set weights, word by word like the MarianMT test model, with one more idea: words of every language map to
 * a shared "concept" (the English word) in the encoder, and the decoder turns concepts into words of the target
 * language. The target language is the token forced at step 0 and fed back at step 1, so it sits in row 1 of the
 * self-attention cache, whose rows here hold the ids of the tokens fed in.
 */
import { DICTIONARIES, HIGH, LOW, PUNCTUATION, WORD } from './test-translator-dictionaries';
import { FLOAT, INT64, encodeModel, floatTensor, int64Tensor, intAttribute, node, valueInfo } from './test-translator-onnx';

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
  return encodeModel({
    name: 'encoder',
    node: [node('Gather', ['embedding', 'input_ids'], ['last_hidden_state'], [intAttribute('axis', 0)])],
    initializer: [floatTensor('embedding', [size, width], table)],
    input: [valueInfo('input_ids', INT64, ['batch_size', 'encoder_sequence_length']),
      valueInfo('attention_mask', INT64, ['batch_size', 'encoder_sequence_length'])],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'encoder_sequence_length', width])],
  });
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
  const past = (kind: string) => `past_key_values.0.decoder.${kind}`;
  const present = (kind: string) => `present.0.decoder.${kind}`;
  return encodeModel({
    name: 'decoder',
    node: [
      node('Cast', ['input_ids'], ['ids_float'], [intAttribute('to', FLOAT)]),
      node('Unsqueeze', ['ids_float', 'axes_1_3'], ['ids_4d']),
      node('Mul', ['ids_4d', 'ones_row'], ['new_rows']),
      node('Concat', [past('key'), 'new_rows'], [present('key')], [intAttribute('axis', 2)]),
      node('Concat', [past('value'), 'new_rows'], [present('value')], [intAttribute('axis', 2)]),
      node('Shape', [present('key')], ['present_shape']),
      node('Gather', ['present_shape', 'two'], ['steps'], [intAttribute('axis', 0)]),
      node('Sub', ['steps', 'one'], ['step']),
      node('Shape', ['encoder_hidden_states'], ['encoder_shape']),
      node('Gather', ['encoder_shape', 'one'], ['source_length'], [intAttribute('axis', 0)]),
      node('Sub', ['source_length', 'one'], ['last_position']),
      node('Min', ['step', 'last_position'], ['position']),
      node('Gather', ['encoder_hidden_states', 'position'], ['row'], [intAttribute('axis', 1)]),
      node('Unsqueeze', ['row', 'axes_1'], ['row_3d']),
      // The target-language token: cache row 1 (row 0 at step 0, the start token, which maps to table 0).
      node('Min', ['one', 'step'], ['language_slot']),
      node('Gather', [present('key'), 'zero'], ['first_channel'], [intAttribute('axis', 3)]),
      node('Gather', ['first_channel', 'language_slot'], ['language_cell'], [intAttribute('axis', 2)]),
      node('Gather', ['language_cell', 'zero'], ['language_float'], [intAttribute('axis', 1)]),
      node('Cast', ['language_float'], ['language_token'], [intAttribute('to', INT64)]),
      node('Gather', ['language_of_token', 'language_token'], ['language_index'], [intAttribute('axis', 0)]),
      node('Gather', ['word_tables', 'language_index'], ['word_table'], [intAttribute('axis', 0)]),
      node('MatMul', ['row_3d', 'word_table'], ['logits']),
    ],
    initializer: [
      floatTensor('ones_row', [1, 1, 1, width], new Float32Array(width).fill(1)),
      floatTensor('word_tables', [LANGUAGES.length + 1, width, size], tables),
      int64Tensor('language_of_token', [size], languageOfToken),
      int64Tensor('axes_1_3', [2], [1, 3]),
      int64Tensor('axes_1', [1], [1]),
      int64Tensor('zero', [], [0]),
      int64Tensor('one', [], [1]),
      int64Tensor('two', [], [2]),
    ],
    input: [
      valueInfo('encoder_attention_mask', INT64, ['batch_size', 'encoder_sequence_length']),
      valueInfo('input_ids', INT64, ['batch_size', 'decoder_sequence_length']),
      valueInfo('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length', width]),
      valueInfo(past('key'), FLOAT, ['batch_size', 1, 'past_decoder_sequence_length', width]),
      valueInfo(past('value'), FLOAT, ['batch_size', 1, 'past_decoder_sequence_length', width]),
    ],
    output: [
      valueInfo('logits', FLOAT, ['batch_size', 1, size]),
      valueInfo(present('key'), FLOAT, ['batch_size', 1, 'present_decoder_sequence_length', width]),
      valueInfo(present('value'), FLOAT, ['batch_size', 1, 'present_decoder_sequence_length', width]),
    ],
  });
}

function tokenizerJson(vocab: MultiVocabulary): object {
  const special = (content: string) => ({
    id: vocab.ids.get(content)!, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  const metaspace = { type: 'Metaspace', replacement: WORD, prepend_scheme: 'always', split: true };
  const specials = [BOS, PAD, EOS, UNK, ...LANGUAGES.map((l) => l.flores)];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map(special),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: metaspace,
    // NLLB: source-language token, the sentence, </s>. transformers.js swaps the language token per request.
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: 'eng_Latn', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: EOS, type_id: 0 } }],
      pair: [{ SpecialToken: { id: 'eng_Latn', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: EOS, type_id: 0 } }],
      special_tokens: Object.fromEntries(
        [EOS, ...LANGUAGES.map((l) => l.flores)].map((t) => [t, { id: t, ids: [vocab.ids.get(t)!], tokens: [t] }]),
      ),
    },
    decoder: metaspace,
    model: {
      type: 'Unigram',
      unk_id: 3,
      vocab: vocab.pieces.map((piece) => [piece, specials.includes(piece) ? 0 : -1 - piece.length / 100]),
      byte_fallback: false,
    },
  };
}

/** Every file of the multilingual model folder. */
export function buildMultilingualTestTranslator(version: number): Record<string, Uint8Array | string> {
  const vocab = buildVocabulary();
  const json = (value: object) => JSON.stringify(value, null, 2) + '\n';
  const ids = { bos_token_id: 0, pad_token_id: 1, eos_token_id: 2, decoder_start_token_id: 2 };
  return {
    'config.json': json({
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
    'generation_config.json': json({ ...ids, max_length: 200 }),
    'tokenizer.json': json(tokenizerJson(vocab)),
    'tokenizer_config.json': json({
      tokenizer_class: 'NllbTokenizer', model_max_length: 1024, bos_token: BOS, eos_token: EOS, unk_token: UNK,
      pad_token: PAD, src_lang: 'eng_Latn', tgt_lang: null, additional_special_tokens: LANGUAGES.map((l) => l.flores),
    }),
    'onnx/encoder_model.onnx': buildEncoder(vocab),
    'onnx/decoder_model_merged.onnx': buildDecoder(vocab),
  };
}
