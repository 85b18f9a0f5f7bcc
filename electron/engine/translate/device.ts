/**
 * The device lane: translation that never leaves the machine.
 *  - Text models (transformers.js + onnxruntime-node) from the local models folder only: the pair's own MarianMT
 *    (opus-mt-{src}-{tgt}) when installed, else a multilingual NLLB-200 or M2M100 folder, else two OPUS-MT models
 *    through English (de → en → fr).
 *  - For → English without a text model, Whisper's own translate task on the utterance's audio (injected by the
 *    ASR owner, who wires it to the whisper addon).
 * Models load lazily, once per folder, and stay in a small LRU. Translations run one at a time: the CPU is shared
 * with Whisper, and two parallel generations would only both be slower.
 * meanLogprob (mean log-probability of the generated tokens) feeds the router's cascade.
 */
import path from 'node:path';
import type { Lane } from '../../contract';
import type { TranslationRequest, TranslationResult, Translator } from './types';
import { splitForTranslation } from './device-chunks';
import { modelCorruptError, modelMissingError } from './device-errors';
import { sentenceJoiner } from './device-languages';
import { listTextModels, modelCovers, planTextTranslation, type ModelListing, type TranslationStep } from './device-models';
// transformers.js (and onnxruntime-node under it) load on the first model load, not at startup (the facade in
// native/transformers imports them lazily): a platform without an onnxruntime binary (Intel Macs) still starts.
import { loadTextModel, type LoadedTextModel } from './device-text-model';

export { DeviceModelError, isDeviceModelError } from './device-errors';
export type { DeviceModelErrorCode } from './device-errors';

/** Whisper's translate task (→ English) on 16 kHz mono audio; meanTokenProb is Whisper's mean token probability. */
export type WhisperTranslate = (audio: Float32Array, sourceLanguage: string) => Promise<{ text: string; meanTokenProb: number }>;

export interface DeviceTranslatorOptions {
  /** Folder holding one sub-folder per installed model (the model manager's install folder). */
  modelsDir: string;
  whisperTranslate?: WhisperTranslate;
  /** How many loaded text models to keep in memory (each is 100–900 MB). Default 2. */
  maxLoadedModels?: number;
  /** Longest chunk of source text, in tokens, given to a model at once. Default 200. */
  maxInputTokens?: number;
  /** Told after each model load, for the status bar and the log. */
  onModelLoaded?: (info: { name: string; folder: string; ms: number }) => void;
  /** Checks a model folder before it is loaded (the model manager's check of installed files); a rejection keeps it unloaded. */
  verifyFolder?: (folder: string) => Promise<void>;
}

export class DeviceTranslator implements Translator {
  readonly lane: Lane = 'device';
  private readonly modelsDir: string;
  private readonly whisperTranslate: WhisperTranslate | undefined;
  private readonly maxLoaded: number;
  private readonly maxInputTokens: number;
  private readonly onModelLoaded: DeviceTranslatorOptions['onModelLoaded'];
  private readonly verifyFolder: DeviceTranslatorOptions['verifyFolder'];
  private listing: ModelListing;
  /** Folder → loading or loaded model, in least-recently-used order (Map keeps insertion order). */
  private readonly loaded = new Map<string, Promise<LoadedTextModel>>();
  private queue: Promise<unknown> = Promise.resolve();
  private loads = 0;

  constructor(options: DeviceTranslatorOptions) {
    this.modelsDir = path.resolve(options.modelsDir);
    this.whisperTranslate = options.whisperTranslate;
    this.maxLoaded = Math.max(1, options.maxLoadedModels ?? 2);
    this.maxInputTokens = options.maxInputTokens ?? 200;
    this.onModelLoaded = options.onModelLoaded;
    this.verifyFolder = options.verifyFolder;
    this.listing = listTextModels(this.modelsDir);
  }

  /** Re-reads the models folder; call after a model is downloaded, imported or deleted. Drops deleted models. */
  refresh(): void {
    this.listing = listTextModels(this.modelsDir);
    const present = new Set(this.listing.models.map((m) => m.folder));
    for (const folder of [...this.loaded.keys()]) if (!present.has(folder)) this.evict(folder);
  }

  /** What is installed right now (names, families, pairs), e.g. for diagnostics. */
  installed(): ModelListing {
    return this.listing;
  }

  /** How many times a model was loaded from disk (reuse shows as no increase). */
  get loadCount(): number {
    return this.loads;
  }

  /** Installed text models handle the pair, directly or through English. */
  supportsText(sourceLanguage: string, targetLanguage: string): boolean {
    return planTextTranslation(this.listing.models, sourceLanguage, targetLanguage) !== null;
  }

  /**
   * A text model handles the pair, or the target is English and Whisper's translate task is wired (that path needs
   * the request's audio: a typed line without a text model fails with translate.device_model_missing).
   */
  supports(sourceLanguage: string, targetLanguage: string): boolean {
    return this.supportsText(sourceLanguage, targetLanguage) || this.canUseWhisper(sourceLanguage, targetLanguage);
  }

  private canUseWhisper(source: string, target: string): boolean {
    return target === 'en' && source !== 'en' && this.whisperTranslate !== undefined;
  }

  translate(request: TranslationRequest): Promise<TranslationResult> {
    const run = this.queue.then(() => this.translateNow(request));
    // A failed line must not block the next one.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async translateNow(request: TranslationRequest): Promise<TranslationResult> {
    request.signal?.throwIfAborted();
    const started = performance.now();
    const { sourceLanguage: source, targetLanguage: target } = request;
    const done = (text: string, meanLogprob: number | null): TranslationResult => {
      request.onPartial?.(text);
      return { text, lane: 'device', meanLogprob, bytesSent: 0, bytesReceived: 0, ms: performance.now() - started };
    };
    if (source === target) return done(request.text.trim(), 0);

    const plan = planTextTranslation(this.listing.models, source, target);
    if (plan) {
      if (request.text.trim() === '') return done('', null);
      let text = request.text;
      let meanLogprob: number | null = null;
      for (const [index, step] of plan.entries()) {
        // Only the last step's text is the translation the user waits for.
        const onPartial = index === plan.length - 1 ? request.onPartial : undefined;
        const result = await this.runStep(step, text, onPartial, request.signal);
        text = result.text;
        // A pivoted line is as doubtful as its weaker step: the cascade should see that.
        if (result.meanLogprob !== null) meanLogprob = meanLogprob === null ? result.meanLogprob : Math.min(meanLogprob, result.meanLogprob);
      }
      return done(text, meanLogprob);
    }

    if (this.canUseWhisper(source, target) && request.audio && request.audio.length > 0) {
      const result = await this.whisperTranslate!(request.audio, source);
      // Whisper reports a mean probability; its log is the closest comparable figure to a mean log-probability.
      const p = result.meanTokenProb;
      return done(result.text.trim(), Number.isFinite(p) ? Math.log(Math.min(1, Math.max(p, 1e-9))) : null);
    }

    const broken = this.listing.broken.find((b) => modelCovers(b, source, target)) ?? null;
    throw modelMissingError(source, target, this.modelsDir, broken);
  }

  /** One model over the whole line, sentence by sentence within the model's input limit. */
  private async runStep(
    step: TranslationStep,
    text: string,
    onPartial: ((textSoFar: string) => void) | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ text: string; meanLogprob: number | null }> {
    const loaded = await this.load(step.model.folder);
    const pieces = splitForTranslation(text, loaded.maxInputTokens, loaded.countTokens, step.source);
    const joiner = sentenceJoiner(step.target);
    const out: string[] = [];
    let sum = 0;
    let tokens = 0;
    for (const [index, piece] of pieces.entries()) {
      signal?.throwIfAborted();
      const chunk = await loaded.translateChunk(piece, step.source, step.target, signal);
      if (chunk.text) out.push(chunk.text);
      sum += chunk.logprobSum;
      tokens += chunk.tokens;
      // Long lines show their first sentences while the rest is still translating.
      if (index < pieces.length - 1) onPartial?.(out.join(joiner));
    }
    return { text: out.join(joiner), meanLogprob: tokens > 0 ? sum / tokens : null };
  }

  /** The loaded model for a folder, loading it once; concurrent callers share the same load. */
  private load(folder: string): Promise<LoadedTextModel> {
    const existing = this.loaded.get(folder);
    if (existing) {
      // Most recently used goes to the end.
      this.loaded.delete(folder);
      this.loaded.set(folder, existing);
      return existing;
    }
    const info = this.listing.models.find((m) => m.folder === folder)!;
    const started = performance.now();
    const verified = (this.verifyFolder?.(folder) ?? Promise.resolve()).catch((error: unknown) => {
      throw modelCorruptError(folder, (error as Error).message, error);
    });
    const loading = verified
      .then(() => {
        this.loads += 1;
        return loadTextModel(info, this.modelsDir, this.maxInputTokens);
      })
      .then((model) => {
        this.onModelLoaded?.({ name: info.name, folder, ms: performance.now() - started });
        return model;
      });
    this.loaded.set(folder, loading);
    // A failed load is forgotten, so the next line tries again (after the user re-downloads the model).
    loading.catch(() => {
      if (this.loaded.get(folder) === loading) this.loaded.delete(folder);
    });
    while (this.loaded.size > this.maxLoaded) this.evict(this.loaded.keys().next().value!);
    return loading;
  }

  private evict(folder: string): void {
    const model = this.loaded.get(folder);
    this.loaded.delete(folder);
    // Disposal waits for the queue: a translation in progress keeps its model until it finishes.
    model?.then((m) => this.queue.then(() => m.dispose())).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.queue;
    const models = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.all(models.map((m) => m.then((loaded) => loaded.dispose()).catch(() => undefined)));
  }
}
