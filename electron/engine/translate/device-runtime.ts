/**
 * The transformers.js side of the device lane: configure it for offline use, load one model folder, and translate
 * one chunk with greedy decoding while recording each generated token's log-probability.
 *
 * The translation pipeline returns only text, so generate() is called directly; v4's generate() does not return
 * scores either, so a logits processor (last in the list, it sees the final distribution) keeps the log-softmax
 * of each step and a stopping criterion (called right after the token is chosen) reads the chosen token's value.
 */
import {
  AutoModelForSeq2SeqLM,
  AutoTokenizer,
  LogitsProcessor,
  LogitsProcessorList,
  LogLevel,
  StoppingCriteria,
  env,
  log_softmax,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { modelCorruptError, DeviceModelError } from './device-errors';
import { toM2m100Code, toNllbCode } from './device-languages';
import type { InstalledTextModel } from './device-models';

/**
 * Models come only from local folders: downloads belong to the model manager (through the egress module).
 * env is global to transformers.js, so this is re-applied before every load in case someone changed it.
 */
export function configureOffline(modelsDir: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
  env.useFSCache = false;
  env.useBrowserCache = false;
  // MarianTokenizer warns on every load that it is not a "fast" tokenizer: noise in the app's log.
  env.logLevel = LogLevel.ERROR;
}

/** The fields of config.json the device lane relies on; checked before transformers.js sees the file. */
const ModelConfig = z
  .object({
    model_type: z.string(),
    is_encoder_decoder: z.literal(true, { message: 'must be an encoder-decoder model (is_encoder_decoder: true)' }),
    max_position_embeddings: z.number().int().positive().optional(),
  })
  .loose();

const TokenizerJson = z.object({ model: z.object({ type: z.string() }).loose() }).loose();

async function readJsonFile<T>(folder: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const full = path.join(folder, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw modelCorruptError(folder, `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw modelCorruptError(folder, `${file} is not valid JSON`, error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw modelCorruptError(folder, `${file} is not a translation model's file (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
  }
  return parsed.data;
}

export interface ChunkTranslation {
  text: string;
  /** Sum of the generated tokens' log-probabilities, and how many there were (forced language tokens excluded). */
  logprobSum: number;
  tokens: number;
}

export interface LoadedTextModel {
  readonly info: InstalledTextModel;
  /** Longest source chunk, in tokens, sent to the model at once. */
  readonly maxInputTokens: number;
  countTokens(text: string): number;
  translateChunk(text: string, source: string, target: string, signal?: AbortSignal): Promise<ChunkTranslation>;
  dispose(): Promise<void>;
}

/** Keeps the log-softmax of the last step's logits (batch of one). */
class StepLogprobs extends LogitsProcessor {
  last: Float32Array | null = null;
  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    this.last = log_softmax(logits.data as Float32Array);
    return logits;
  }
}

/** Adds up the chosen tokens' log-probabilities; stops generation when the caller aborts. */
class LogprobAccumulator extends StoppingCriteria {
  sum = 0;
  count = 0;
  private step = 0;
  constructor(
    private readonly steps: StepLogprobs,
    private readonly skipFirst: boolean,
    private readonly signal: AbortSignal | undefined,
  ) {
    super();
  }
  override _call(inputIds: number[][]): boolean[] {
    const chosen = Number(inputIds[0]?.at(-1));
    if (!(this.skipFirst && this.step === 0) && this.steps.last) {
      this.sum += this.steps.last[chosen] ?? Number.NEGATIVE_INFINITY;
      this.count += 1;
    }
    this.step += 1;
    return inputIds.map(() => this.signal?.aborted ?? false);
  }
}

const languageCode = (info: InstalledTextModel, iso: string): string | null =>
  info.family === 'nllb' ? toNllbCode(iso) : info.family === 'm2m100' ? toM2m100Code(iso) : iso;

/** Loads a model folder; every failure becomes a DeviceModelError naming the folder. */
export async function loadTextModel(info: InstalledTextModel, modelsDir: string, maxInputTokensCap: number): Promise<LoadedTextModel> {
  const config = await readJsonFile(info.folder, 'config.json', ModelConfig);
  await readJsonFile(info.folder, 'tokenizer.json', TokenizerJson);
  configureOffline(modelsDir);
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  try {
    // An absolute folder is used as is (it is not a Hub id); local_files_only is a second lock on the network.
    tokenizer = await AutoTokenizer.from_pretrained(info.folder, { local_files_only: true });
    model = await AutoModelForSeq2SeqLM.from_pretrained(info.folder, { local_files_only: true, device: 'cpu', dtype: info.dtype });
  } catch (error) {
    throw modelCorruptError(info.folder, `transformers.js could not load it (${(error as Error).message})`, error);
  }
  const positions = Math.min(config.max_position_embeddings ?? 512, Number(tokenizer.model_max_length) || 512);
  // Room for </s> and the language token; sentences, not pages, are what these models were trained on.
  const maxInputTokens = Math.max(4, Math.min(positions - 2, maxInputTokensCap));

  const countTokens = (text: string): number => tokenizer.encode(text, { add_special_tokens: false }).length;

  async function translateChunk(text: string, source: string, target: string, signal?: AbortSignal): Promise<ChunkTranslation> {
    const steps = new StepLogprobs();
    const multilingual = info.family !== 'marian';
    const accumulator = new LogprobAccumulator(steps, multilingual, signal);
    const kwargs: Record<string, unknown> = {};
    let inputs: Record<string, unknown>;
    if (multilingual) {
      const src = languageCode(info, source);
      const tgt = languageCode(info, target);
      const known = (tokenizer as unknown as { language_codes?: string[] }).language_codes ?? [];
      // The tables say what the family covers; the tokenizer says what this checkpoint really has.
      if (src === null || tgt === null || (known.length > 0 && (!known.includes(src) || !known.includes(tgt)))) {
        throw new DeviceModelError(
          'translate.device_language_unsupported',
          `The on-device model in ${info.folder} does not support ${source} → ${target}.`,
          'Choose another language, or download a model for this pair in Settings → Models.',
          info.folder,
        );
      }
      const build = (tokenizer as unknown as {
        _build_translation_inputs(texts: string[], options: object, generateKwargs: Record<string, unknown>): Record<string, unknown>;
      })._build_translation_inputs.bind(tokenizer);
      const languageKwargs: Record<string, unknown> = { src_lang: src, tgt_lang: tgt };
      inputs = build([text], { padding: false, truncation: true }, languageKwargs);
      // _build_translation_inputs sets forced_bos_token_id (the target language token) on the kwargs.
      kwargs.forced_bos_token_id = languageKwargs.forced_bos_token_id;
    } else {
      inputs = tokenizer(text, { padding: false, truncation: true }) as unknown as Record<string, unknown>;
    }
    const inputLength = (inputs.input_ids as Tensor).dims.at(-1) ?? 1;
    const processors = new LogitsProcessorList();
    processors.push(steps);
    let output: unknown;
    try {
      output = await model.generate({
        ...inputs,
        ...kwargs,
        // Greedy: deterministic, and the fastest on a laptop CPU.
        num_beams: 1,
        do_sample: false,
        max_new_tokens: Math.min(positions, inputLength * 2 + 10),
        logits_processor: processors,
        stopping_criteria: [accumulator],
      } as Parameters<PreTrainedModel['generate']>[0]);
    } catch (error) {
      throw new DeviceModelError(
        'translate.device_failed',
        `On-device translation with ${info.name} failed: ${(error as Error).message}`,
        'Try again; if it keeps failing, download the model again in Settings → Models.',
        info.folder,
        { cause: error },
      );
    }
    signal?.throwIfAborted();
    const sequence = (output as Tensor).tolist()[0] as bigint[];
    return {
      text: tokenizer.decode(sequence, { skip_special_tokens: true }).trim(),
      logprobSum: accumulator.sum,
      tokens: accumulator.count,
    };
  }

  return {
    info,
    maxInputTokens,
    countTokens,
    translateChunk,
    dispose: async () => {
      await model.dispose();
    },
  };
}
