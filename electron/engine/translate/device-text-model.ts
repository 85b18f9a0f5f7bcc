/**
 * One on-device text model, ready to translate chunks: its files checked, loaded through the transformers facade
 * (native/transformers), Sotto's language codes mapped to the model's, and every failure worded for the user.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { loadSeq2SeqModel, type Seq2SeqTranslation } from '../../../native/transformers';
import { deviceErrorFrom, languageUnsupportedError, modelCorruptError } from './device-errors';
import { toM2m100Code, toNllbCode } from './device-languages';
import type { InstalledTextModel } from './device-models';

export type ChunkTranslation = Seq2SeqTranslation;

export interface LoadedTextModel {
  readonly info: InstalledTextModel;
  /** Longest source chunk, in tokens, sent to the model at once. */
  readonly maxInputTokens: number;
  countTokens(text: string): number;
  translateChunk(text: string, source: string, target: string, signal?: AbortSignal): Promise<ChunkTranslation>;
  dispose(): Promise<void>;
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

/** The model's language tokens for a pair (multilingual families), undefined for a single-pair MarianMT model. */
function modelLanguages(info: InstalledTextModel, source: string, target: string): { source: string; target: string } | undefined {
  if (info.family === 'marian') return undefined;
  const code = info.family === 'nllb' ? toNllbCode : toM2m100Code;
  const [src, tgt] = [code(source), code(target)];
  // The tables say what the family covers; the facade then checks what this checkpoint's tokenizer really has.
  if (src === null || tgt === null) throw languageUnsupportedError(info.folder, source, target);
  return { source: src, target: tgt };
}

/** Loads a model folder; every failure becomes a DeviceModelError naming the folder. */
export async function loadTextModel(info: InstalledTextModel, modelsDir: string, maxInputTokensCap: number): Promise<LoadedTextModel> {
  const config = await readJsonFile(info.folder, 'config.json', ModelConfig);
  await readJsonFile(info.folder, 'tokenizer.json', TokenizerJson);
  const model = await loadSeq2SeqModel(info.folder, { modelsDir, dtype: info.dtype }).catch((error: unknown) => {
    throw deviceErrorFrom(error, info);
  });
  const positions = Math.min(config.max_position_embeddings ?? 512, model.tokenizerMaxLength ?? 512);
  return {
    info,
    // Room for </s> and the language token; sentences, not pages, are what these models were trained on.
    maxInputTokens: Math.max(4, Math.min(positions - 2, maxInputTokensCap)),
    countTokens: (text) => model.countTokens(text),
    async translateChunk(text, source, target, signal) {
      const languages = modelLanguages(info, source, target);
      return model.translate(text, { languages, maxOutputTokens: positions, signal }).catch((error: unknown) => {
        throw deviceErrorFrom(error, info, { source, target });
      });
    },
    dispose: () => model.dispose(),
  };
}
