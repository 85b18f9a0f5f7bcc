/**
 * What on-device translation models are installed: a listing of the models folder, one sub-folder per model
 * (as the model manager installs them: <models>/opus-mt-en-de/, <models>/nllb-200-distilled-600M/, ...).
 * Cheap enough to run synchronously (a directory listing and a few existsSync per folder), so `supports()`
 * can stay synchronous; file contents are only checked when a model is loaded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { completeSeq2SeqDtype, SEQ2SEQ_ONNX_FILES, type OnnxDtype } from '../../../native/transformers';
import { toM2m100Code, toNllbCode } from './device-languages';

export type TextModelFamily = 'marian' | 'nllb' | 'm2m100';

export interface InstalledTextModel {
  family: TextModelFamily;
  /** Absolute path of the model folder. */
  folder: string;
  /** The folder's name, e.g. "opus-mt-en-de". */
  name: string;
  /** Which ONNX files are complete: fp32 preferred (exact), else the quantized ones. */
  dtype: OnnxDtype;
  /** MarianMT models translate one pair, named in the folder. */
  pair: { source: string; target: string } | null;
  /**
   * Multilingual models: the language codes this checkpoint has ("deu_Latn" for NLLB, "de" for M2M100), from
   * tokenizer_config.json's additional_special_tokens; null when the file does not list them (then the family's
   * table is trusted and a missing language shows up as translate.device_language_unsupported).
   */
  languages: string[] | null;
}

/** A folder that looks like a translation model but cannot be used, and why (shown in errors). */
export interface BrokenTextModel {
  folder: string;
  name: string;
  family: TextModelFamily;
  pair: { source: string; target: string } | null;
  problem: string;
}

export interface ModelListing {
  models: InstalledTextModel[];
  broken: BrokenTextModel[];
}

const MARIAN_FOLDER = /^opus-mt-([a-z]{2,3})-([a-z]{2,3})$/;

/** The fields of config.json and tokenizer_config.json that say which family a model with any folder name is. */
const ConfigJson = z.object({ model_type: z.string() }).loose();
const TokenizerConfigJson = z
  .object({ tokenizer_class: z.string().optional(), additional_special_tokens: z.array(z.unknown()).optional() })
  .loose();

/** Language codes listed by a multilingual tokenizer (small file: cheap enough for a listing). */
function checkpointLanguages(folder: string, family: TextModelFamily): string[] | null {
  if (family === 'marian') return null;
  const listed = readJson(path.join(folder, 'tokenizer_config.json'), TokenizerConfigJson)?.additional_special_tokens;
  if (!listed) return null;
  // Entries are strings, or AddedToken objects with a content field; M2M100 wraps codes as "__de__".
  const codes = listed
    .map((t) => (typeof t === 'string' ? t : (t as { content?: unknown })?.content))
    .filter((t): t is string => typeof t === 'string')
    .map((t) => (family === 'm2m100' ? t.replace(/^__(.+)__$/, '$1') : t));
  return codes.length > 0 ? codes : null;
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Family from the folder name, or (for models imported under another name) from their config files. */
function familyOf(folder: string, name: string): { family: TextModelFamily; pair: InstalledTextModel['pair'] } | null {
  const marian = MARIAN_FOLDER.exec(name);
  if (marian) return { family: 'marian', pair: { source: marian[1]!, target: marian[2]! } };
  const lower = name.toLowerCase();
  if (lower.includes('nllb')) return { family: 'nllb', pair: null };
  if (lower.includes('m2m100') || lower.includes('m2m_100')) return { family: 'm2m100', pair: null };
  const config = readJson(path.join(folder, 'config.json'), ConfigJson);
  if (config?.model_type !== 'm2m_100') return null;
  // NLLB checkpoints are M2M100 models with another tokenizer.
  const tokenizer = readJson(path.join(folder, 'tokenizer_config.json'), TokenizerConfigJson);
  return { family: tokenizer?.tokenizer_class?.startsWith('Nllb') ? 'nllb' : 'm2m100', pair: null };
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/** Lists the translation models under modelsDir. A missing modelsDir is simply "nothing installed". */
export function listTextModels(modelsDir: string): ModelListing {
  const listing: ModelListing = { models: [], broken: [] };
  let entries: string[];
  try {
    entries = readdirSync(modelsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return listing;
  }
  for (const name of entries.sort()) {
    // Staging folders (the model manager's <models>/.partial/, a generator's *.partial-*, *.old-*) are not installed.
    if (name.startsWith('.') || /\.(partial|old|tmp)\b/.test(name)) continue;
    const folder = path.join(modelsDir, name);
    const kind = familyOf(folder, name);
    if (!kind) continue;
    const missing = REQUIRED_FILES.filter((file) => !existsSync(path.join(folder, file)));
    const dtype = completeSeq2SeqDtype(folder);
    if (missing.length > 0 || dtype === null) {
      const absent = [...missing, ...(dtype === null ? [SEQ2SEQ_ONNX_FILES] : [])];
      listing.broken.push({ folder, name, ...kind, problem: `missing ${absent.join(', ')}` });
      continue;
    }
    listing.models.push({ folder, name, dtype, ...kind, languages: checkpointLanguages(folder, kind.family) });
  }
  return listing;
}

/** Whether a model can translate source → target, judged from its family and language tables. */
export function modelCovers(
  model: Pick<InstalledTextModel, 'family' | 'pair'> & { languages?: string[] | null },
  source: string,
  target: string,
): boolean {
  if (source === target) return false;
  if (model.family === 'marian') return model.pair?.source === source && model.pair.target === target;
  const code = model.family === 'nllb' ? toNllbCode : toM2m100Code;
  const has = (iso: string) => {
    const mapped = code(iso);
    return mapped !== null && (!model.languages || model.languages.includes(mapped));
  };
  return has(source) && has(target);
}

/** Family preference: a pair's own MarianMT model is smaller, faster and as good; NLLB beats M2M100 in quality. */
const PREFERENCE: Record<TextModelFamily, number> = { marian: 0, nllb: 1, m2m100: 2 };

/** The best installed model for the pair, or null. */
export function pickTextModel(models: readonly InstalledTextModel[], source: string, target: string): InstalledTextModel | null {
  const candidates = models.filter((m) => modelCovers(m, source, target));
  candidates.sort((a, b) => PREFERENCE[a.family] - PREFERENCE[b.family] || a.name.localeCompare(b.name));
  return candidates[0] ?? null;
}

/** English is the hub of OPUS-MT: most pairs exist to and from it. */
export const PIVOT_LANGUAGE = 'en';

/** One model translating from → to. */
export interface TranslationStep {
  model: InstalledTextModel;
  source: string;
  target: string;
}

/**
 * How to translate source → target with what is installed: one step with the best direct model, else two steps
 * through English (de → en → fr with two OPUS-MT models), else null. A direct multilingual model beats a pivot:
 * every extra step loses meaning.
 */
export function planTextTranslation(models: readonly InstalledTextModel[], source: string, target: string): TranslationStep[] | null {
  const direct = pickTextModel(models, source, target);
  if (direct) return [{ model: direct, source, target }];
  if (source === PIVOT_LANGUAGE || target === PIVOT_LANGUAGE || source === target) return null;
  const first = pickTextModel(models, source, PIVOT_LANGUAGE);
  const second = pickTextModel(models, PIVOT_LANGUAGE, target);
  if (!first || !second) return null;
  return [
    { model: first, source, target: PIVOT_LANGUAGE },
    { model: second, source: PIVOT_LANGUAGE, target },
  ];
}
