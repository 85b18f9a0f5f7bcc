/**
 * One seq2seq model folder (MarianMT, NLLB, M2M100) loaded through transformers.js, translating a chunk of text with
 * greedy decoding. The translation pipeline returns only text, so generate() is called directly.
 */
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { messageOf, TransformersError } from './errors';
import type { OnnxDtype } from './files';
import { createLogprobRecorder } from './logprobs';
import type { TransformersModule } from './runtime';

export interface Seq2SeqTranslation {
  text: string;
  /** Sum of the generated tokens' log-probabilities (end of sequence included, a forced language token not). */
  logprobSum: number;
  /** How many tokens logprobSum adds up. */
  tokens: number;
}

export interface Seq2SeqTranslateOptions {
  /** Language tokens in the model's own codes ("deu_Latn"), for multilingual models; omit for single-pair models. */
  languages?: { source: string; target: string };
  /** Generated tokens at most; generation also stops at twice the input plus 10 (a guard against run-on output). */
  maxOutputTokens: number;
  /** Checked after every generated token; an abort rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface Seq2SeqModel {
  /** The tokenizer's model_max_length, or null when it sets none. */
  readonly tokenizerMaxLength: number | null;
  /** Tokens of a text without special tokens, as the model sees it. */
  countTokens(text: string): number;
  translate(text: string, options: Seq2SeqTranslateOptions): Promise<Seq2SeqTranslation>;
  dispose(): Promise<void>;
}

type Inputs = Record<string, unknown> & { input_ids: Tensor };

/** The tokenizer method the translation pipeline uses for multilingual models; it sets forced_bos_token_id. */
type TranslationInputsBuilder = (texts: string[], options: object, generateKwargs: Record<string, unknown>) => Inputs;

export async function openSeq2SeqModel(tf: TransformersModule, folder: string, dtype: OnnxDtype): Promise<Seq2SeqModel> {
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  try {
    // An absolute folder is used as is (it is not a Hub id); local_files_only is a second lock on the network.
    tokenizer = await tf.AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    model = await tf.AutoModelForSeq2SeqLM.from_pretrained(folder, { local_files_only: true, device: 'cpu', dtype });
  } catch (error) {
    throw new TransformersError('load_failed', messageOf(error), { cause: error });
  }
  return {
    tokenizerMaxLength: Number(tokenizer.model_max_length) || null,
    countTokens: (text) => tokenizer.encode(text, { add_special_tokens: false }).length,
    translate: (text, options) => translate(tf, tokenizer, model, text, options),
    dispose: async () => {
      await model.dispose();
    },
  };
}

async function translate(
  tf: TransformersModule,
  tokenizer: PreTrainedTokenizer,
  model: PreTrainedModel,
  text: string,
  { languages, maxOutputTokens, signal }: Seq2SeqTranslateOptions,
): Promise<Seq2SeqTranslation> {
  signal?.throwIfAborted();
  const inputs = languages ? multilingualInputs(tokenizer, text, languages) : (tokenizer(text, { padding: false, truncation: true }) as Inputs);
  const inputLength = inputs.input_ids.dims.at(-1) ?? 1;
  const recorder = createLogprobRecorder(tf, { skipFirst: languages !== undefined, signal });
  let output: unknown;
  try {
    output = await model.generate({
      ...inputs,
      // Greedy: deterministic, and the fastest on a laptop CPU.
      num_beams: 1,
      do_sample: false,
      max_new_tokens: Math.min(maxOutputTokens, inputLength * 2 + 10),
      logits_processor: recorder.processors,
      stopping_criteria: recorder.stoppingCriteria,
    } as Parameters<PreTrainedModel['generate']>[0]);
  } catch (error) {
    throw new TransformersError('generate_failed', messageOf(error), { cause: error });
  }
  // The stopping criterion ended generation early: what came out is not the translation.
  signal?.throwIfAborted();
  const sequence = (output as Tensor).tolist()[0] as bigint[];
  return { text: tokenizer.decode(sequence, { skip_special_tokens: true }).trim(), logprobSum: recorder.sum, tokens: recorder.count };
}

/** Source text with the source-language token, and the target-language token forced as the first output token. */
function multilingualInputs(tokenizer: PreTrainedTokenizer, text: string, languages: { source: string; target: string }): Inputs {
  const { language_codes: known, _build_translation_inputs: build } = tokenizer as unknown as {
    language_codes?: unknown;
    _build_translation_inputs?: TranslationInputsBuilder;
  };
  if (!build || !Array.isArray(known)) throw new TransformersError('unknown_language', 'the tokenizer has no language tokens');
  const missing = [languages.source, languages.target].filter((code) => !known.includes(code));
  if (missing.length > 0) throw new TransformersError('unknown_language', `the tokenizer has no language token for ${missing.join(' or ')}`);
  const kwargs: Record<string, unknown> = { src_lang: languages.source, tgt_lang: languages.target };
  const inputs = build.call(tokenizer, [text], { padding: false, truncation: true }, kwargs);
  return { ...inputs, forced_bos_token_id: kwargs.forced_bos_token_id };
}
