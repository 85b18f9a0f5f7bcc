/**
 * Writes a tiny MarianMT-shaped translation model that the real transformers.js pipeline loads offline.
 *
 * The weights are set by hand so the model translates word by word, deterministically:
 *  - encoder: a Gather from a table that maps each source token to the one-hot row of its translation
 *    (scaled by HIGH for dictionary words, by LOW for unknown ones: that is the model's confidence);
 *  - decoder: emits the encoder row at its step. It sees only the last token after the first step, so the
 *    self-attention cache length is its step counter.
 * Tests can therefore assert on exact text ("hello world" → "hallo welt") and on the mean log-probability.
 *
 *   npm run make-test-translator -- --out DIR [--pair en-de]   →   DIR/opus-mt-en-de/
 *   npm run make-test-translator -- --out DIR --pair multi     →   DIR/nllb-200-test/ (see test-translator-nllb.ts)
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DICTIONARIES, HIGH, LOW, PUNCTUATION, WORD } from './dictionaries';
import { floatTensor, lookupEncoder, stepDecoder } from './onnx';
import { endWithEos, jsonFile, specialToken, unigramTokenizer, wordScore } from './tokenizer';
import { MULTILINGUAL, buildMultilingualTestTranslator, multilingualFolderName } from './nllb';

/** Bumped whenever the generated files change, so cached copies are rebuilt. */
export const TEST_TRANSLATOR_VERSION = 1;

const EOS = '</s>';
const UNK = '<unk>';
const PAD = '<pad>';

export function supportedTestPairs(): string[] {
  const pairs = new Set<string>();
  for (const pair of Object.keys(DICTIONARIES)) {
    const [src, tgt] = pair.split('-');
    pairs.add(pair).add(`${tgt}-${src}`);
  }
  return [...pairs].sort();
}

function dictionaryFor(pair: string): Record<string, string> {
  const direct = DICTIONARIES[pair];
  if (direct) return direct;
  const [src, tgt] = pair.split('-');
  const reverse = DICTIONARIES[`${tgt}-${src}`];
  if (!reverse) throw new Error(`No test dictionary for "${pair}". Available pairs: ${supportedTestPairs().join(', ')}.`);
  return Object.fromEntries(Object.entries(reverse).map(([a, b]) => [b, a]));
}

/** The shared vocabulary, Marian-style: eos 0, unk 1, words, punctuation, and pad (= decoder start) last. */
interface Vocabulary {
  pieces: string[];
  /** Source piece id → target piece id (dictionary words and punctuation). */
  translation: Map<number, number>;
}

function buildVocabulary(dictionary: Record<string, string>): Vocabulary {
  const pieces = [EOS, UNK];
  const ids = new Map<string, number>(pieces.map((p, i) => [p, i]));
  const idOf = (piece: string): number => {
    let id = ids.get(piece);
    if (id === undefined) {
      id = pieces.length;
      pieces.push(piece);
      ids.set(piece, id);
    }
    return id;
  };
  const translation = new Map<number, number>();
  for (const [source, target] of Object.entries(dictionary)) translation.set(idOf(WORD + source), idOf(WORD + target));
  for (const mark of PUNCTUATION) translation.set(idOf(mark), idOf(mark));
  idOf(PAD);
  return { pieces, translation };
}

/** input_ids → last_hidden_state: row i is the (scaled) one-hot of token i's translation. */
function buildEncoder(vocab: Vocabulary): Uint8Array {
  const size = vocab.pieces.length;
  const eos = 0;
  const unk = 1;
  const pad = size - 1;
  const table = new Float32Array(size * size);
  for (let source = 0; source < size; source++) {
    const known = source === eos || source === pad ? eos : vocab.translation.get(source);
    // Unknown words, and target-language words fed as source, become <unk> with a low logit.
    if (known === undefined) table[source * size + unk] = LOW;
    else table[source * size + known] = HIGH;
  }
  return lookupEncoder(table, size, size);
}

/** The logits are the encoder row at the decoder's step: the one-hot of that source word's translation. */
function buildDecoder(vocab: Vocabulary): Uint8Array {
  const size = vocab.pieces.length;
  // The cache only counts steps, so its rows are zeros.
  return stepDecoder({ width: size, vocabSize: size, cacheRow: floatTensor('zero_row', [1, 1, 1, size], new Float32Array(size)), rowOutput: 'logits' });
}

// ---- tokenizer and config ---------------------------------------------------------------------------------------

function tokenizerJson(vocab: Vocabulary): object {
  const pad = vocab.pieces.length - 1;
  return unigramTokenizer({
    addedTokens: [specialToken(0, EOS), specialToken(1, UNK), specialToken(pad, PAD)],
    // Marian appends </s> to every source sentence: the decoder reads it as "stop here".
    postProcessor: endWithEos(EOS, null, { [EOS]: { id: EOS, ids: [0], tokens: [EOS] } }),
    unkId: 1,
    vocab: vocab.pieces.map((piece, id) => [piece, id < 2 || id === pad ? 0 : wordScore(piece)]),
  });
}

function configJson(vocab: Vocabulary, source: string, target: string): object {
  const size = vocab.pieces.length;
  return {
    _name_or_path: `sotto-test/opus-mt-${source}-${target}`,
    sotto_test_translator_version: TEST_TRANSLATOR_VERSION,
    model_type: 'marian',
    architectures: ['MarianMTModel'],
    is_encoder_decoder: true,
    vocab_size: size,
    decoder_vocab_size: size,
    d_model: size,
    encoder_layers: 1,
    decoder_layers: 1,
    encoder_attention_heads: 1,
    decoder_attention_heads: 1,
    max_position_embeddings: 512,
    bos_token_id: 0,
    eos_token_id: 0,
    forced_eos_token_id: 0,
    unk_token_id: 1,
    pad_token_id: size - 1,
    decoder_start_token_id: size - 1,
    max_length: 512,
    num_beams: 1,
  };
}

export interface TestTranslatorFiles {
  /** Relative path inside the model folder → contents. */
  [relativePath: string]: Uint8Array | string;
}

/** Every file of the model folder for a pair such as "en-de", or for "multi" (the NLLB-shaped en/de/fr model). */
export function buildTestTranslator(pair: string): TestTranslatorFiles {
  if (pair === MULTILINGUAL) return buildMultilingualTestTranslator(TEST_TRANSLATOR_VERSION);
  const [source, target] = pair.split('-');
  if (!source || !target) throw new Error(`Pair must look like "en-de", got "${pair}".`);
  const vocab = buildVocabulary(dictionaryFor(pair));
  const config = configJson(vocab, source, target);
  return {
    'config.json': jsonFile(config),
    'generation_config.json': jsonFile({
      bos_token_id: 0, eos_token_id: 0, forced_eos_token_id: 0, pad_token_id: vocab.pieces.length - 1,
      decoder_start_token_id: vocab.pieces.length - 1, max_length: 512, num_beams: 1,
    }),
    'tokenizer.json': jsonFile(tokenizerJson(vocab)),
    'tokenizer_config.json': jsonFile({
      tokenizer_class: 'MarianTokenizer', model_max_length: 512, eos_token: EOS, unk_token: UNK, pad_token: PAD,
      source_lang: source, target_lang: target,
    }),
    'onnx/encoder_model.onnx': buildEncoder(vocab),
    // transformers.js looks for this name even when the decoder has no use_cache_branch.
    'onnx/decoder_model_merged.onnx': buildDecoder(vocab),
  };
}

export const testTranslatorFolderName = (pair: string): string => (pair === MULTILINGUAL ? multilingualFolderName : `opus-mt-${pair}`);

async function isCurrent(folder: string): Promise<boolean> {
  try {
    const config = JSON.parse(await readFile(path.join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    return config.sotto_test_translator_version === TEST_TRANSLATOR_VERSION;
  } catch {
    return false;
  }
}

/**
 * Writes DIR/opus-mt-{pair}/ and returns its path. Atomic (a half-written folder never looks installed) and safe when
 * several test workers generate the same pair at once: whoever finishes first wins, the others keep that folder.
 * Without `force`, a folder already at the current version is kept (the output is deterministic per version).
 */
export async function writeTestTranslator(outDir: string, pair: string, options: { force?: boolean } = {}): Promise<string> {
  const files = buildTestTranslator(pair);
  const folder = path.join(outDir, testTranslatorFolderName(pair));
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const staging = `${folder}.partial-${unique}`;
  for (const [relative, contents] of Object.entries(files)) {
    const file = path.join(staging, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
  }
  if (!options.force && (await isCurrent(folder))) {
    await rm(staging, { recursive: true, force: true });
    return folder;
  }
  const old = `${folder}.old-${unique}`;
  await rename(folder, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  try {
    await rename(staging, folder);
  } catch (error) {
    // Another writer put its (identical) folder in place between our two renames: keep theirs.
    if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  return folder;
}

/** Returns DIR/opus-mt-{pair}/, generating it only when absent or from an older generator version. */
export async function ensureTestTranslator(outDir: string, pair: string): Promise<string> {
  const folder = path.join(outDir, testTranslatorFolderName(pair));
  return (await isCurrent(folder)) ? folder : writeTestTranslator(outDir, pair);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, pair: { type: 'string', multiple: true } },
  });
  if (!values.out) {
    console.error('Usage: npm run make-test-translator -- --out DIR [--pair en-de] [--pair de-en]');
    console.error(`Pairs: ${supportedTestPairs().join(', ')}, or "${MULTILINGUAL}" for the multilingual NLLB-shaped model.`);
    process.exitCode = 2;
    return;
  }
  for (const pair of values.pair ?? ['en-de']) console.log(await writeTestTranslator(path.resolve(values.out), pair, { force: true }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
