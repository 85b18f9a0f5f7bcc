import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RoutingSettings } from '../../contract';
import { DeviceModelError, DeviceTranslator, type WhisperTranslate } from './device';
import { installTestTranslator, makeModelsDir } from '../../../test-support/models/device-test-models';
import type { TranslationRequest } from './types';
import { rejectionAs } from '../../../test-support/expect/rejection';

const request = (text: string, extra: Partial<TranslationRequest> = {}): TranslationRequest => ({
  id: 'line-1',
  text,
  sourceLanguage: 'en',
  targetLanguage: 'de',
  ...extra,
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function translatorWith(pairs: string[], options: Partial<ConstructorParameters<typeof DeviceTranslator>[0]> = {}) {
  const modelsDir = await makeModelsDir(pairs);
  const translator = new DeviceTranslator({ modelsDir, ...options });
  cleanup.push(async () => {
    await translator.dispose();
    await rm(modelsDir, { recursive: true, force: true });
  });
  return { translator, modelsDir };
}

const rejectionOf = (promise: Promise<unknown>): Promise<DeviceModelError> => rejectionAs(promise, DeviceModelError);

beforeAll(async () => {
  // Generate the shared test models once (reused from <repo>/.cache/test-translators when present).
  const dir = await makeModelsDir(['en-de', 'de-en', 'multi']);
  await rm(dir, { recursive: true, force: true });
});

describe('DeviceTranslator with a generated MarianMT model', () => {
  it('translates known sentences exactly, on the device lane, sending nothing', async () => {
    const { translator } = await translatorWith(['en-de']);
    const hello = await translator.translate(request('hello world'));
    expect(hello).toMatchObject({ text: 'hallo welt', lane: 'device', bytesSent: 0, bytesReceived: 0 });
    expect(hello.ms).toBeGreaterThanOrEqual(0);
    const sentence = await translator.translate(request('Good morning, the house is big.'));
    expect(sentence.text).toBe('gut morgen, die haus ist groß.');
  });

  it('gives unknown words a lower mean log-probability, below the router cascade threshold', async () => {
    const { translator } = await translatorWith(['en-de']);
    const known = await translator.translate(request('the house is big'));
    const someUnknown = await translator.translate(request('the zebra is big'));
    const allUnknown = await translator.translate(request('zebra giraffe'));
    const threshold = RoutingSettings.parse({}).minDeviceLogprob;
    expect(known.meanLogprob).not.toBeNull();
    expect(known.meanLogprob!).toBeGreaterThan(-0.1);
    expect(known.meanLogprob!).toBeLessThanOrEqual(0);
    expect(someUnknown.meanLogprob!).toBeLessThan(known.meanLogprob!);
    expect(allUnknown.meanLogprob!).toBeLessThan(someUnknown.meanLogprob!);
    expect(known.meanLogprob!).toBeGreaterThan(threshold);
    expect(allUnknown.meanLogprob!).toBeLessThan(threshold);
  });

  it('meanLogprob is the mean log-probability of the generated tokens, </s> included', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de', 'multi']);
    // Every step of these lines puts logit 10 on one token and 0 on the others (the generator's hand-set weights).
    const expected = async (folder: string) => {
      const { vocab_size } = JSON.parse(await readFile(path.join(modelsDir, folder, 'config.json'), 'utf8'));
      return Math.log(Math.exp(10) / (Math.exp(10) + vocab_size - 1));
    };
    const marian = await translator.translate(request('hello world'));
    expect(marian.meanLogprob).toBeCloseTo(await expected('opus-mt-en-de'), 5);
    // NLLB forces the target-language token first: it is not the model's choice, so it does not count.
    const nllb = await translator.translate(request('hello world', { targetLanguage: 'fr' }));
    expect(nllb.meanLogprob).toBeCloseTo(await expected('nllb-200-test'), 5);
  });

  it('loads a model once and reuses it; evicts the least recently used beyond the limit', async () => {
    const loadedNames: string[] = [];
    const { translator } = await translatorWith(['en-de', 'de-en'], {
      maxLoadedModels: 1,
      onModelLoaded: (info) => loadedNames.push(info.name),
    });
    await translator.translate(request('hello world'));
    expect((await translator.translate(request('good morning'))).text).toBe('gut morgen');
    expect(translator.loadCount).toBe(1);
    expect((await translator.translate(request('hallo welt', { sourceLanguage: 'de', targetLanguage: 'en' }))).text).toBe('hello world');
    expect(translator.loadCount).toBe(2);
    // en-de was evicted by de-en (limit 1), so it loads again.
    await translator.translate(request('hello'));
    expect(translator.loadCount).toBe(3);
    expect(loadedNames).toEqual(['opus-mt-en-de', 'opus-mt-de-en', 'opus-mt-en-de']);
  });

  it('shares one load between concurrent lines and keeps their order', async () => {
    const { translator } = await translatorWith(['en-de']);
    const lines = ['hello world', 'good morning', 'the house is small', 'thank you'];
    const results = await Promise.all(lines.map((line) => translator.translate(request(line))));
    expect(results.map((r) => r.text)).toEqual(['hallo welt', 'gut morgen', 'die haus ist klein', 'danke du']);
    expect(translator.loadCount).toBe(1);
  });

  it('splits long lines into sentences and word groups within the model limit, losing nothing', async () => {
    const { translator } = await translatorWith(['en-de'], { maxInputTokens: 4 });
    const partials: string[] = [];
    const result = await translator.translate(
      request('Hello world. The house is big and the water is cold today! Thank you.', { onPartial: (t) => partials.push(t) }),
    );
    // "and" is not in the dictionary: it becomes <unk>, which is not printed.
    expect(result.text).toBe('hallo welt. die haus ist groß die wasser ist kalt heute! danke du.');
    expect(partials[0]).toBe('hallo welt.');
    expect(partials.at(-1)).toBe(result.text);
    expect(partials.length).toBeGreaterThan(2);
    // Each partial extends the previous one; the final text is reported once.
    partials.slice(1).forEach((p, i) => expect(p.startsWith(partials[i]!)).toBe(true));
    expect(partials.filter((p) => p === result.text)).toHaveLength(1);
  });

  it('loads the int8 file names the model catalog downloads (encoder_model_quantized.onnx, ...)', async () => {
    const { translator, modelsDir } = await translatorWith([]);
    const onnxDir = path.join(await installTestTranslator(modelsDir, 'en-de'), 'onnx');
    for (const name of ['encoder_model', 'decoder_model_merged']) {
      await rename(path.join(onnxDir, `${name}.onnx`), path.join(onnxDir, `${name}_quantized.onnx`));
    }
    translator.refresh();
    expect(translator.installed().models.map((m) => [m.name, m.dtype])).toEqual([['opus-mt-en-de', 'q8']]);
    expect((await translator.translate(request('hello world'))).text).toBe('hallo welt');
  });

  it('returns an empty translation for a blank line without loading anything', async () => {
    const { translator } = await translatorWith(['en-de']);
    const result = await translator.translate(request('   '));
    expect(result).toMatchObject({ text: '', lane: 'device', meanLogprob: null });
    expect(translator.loadCount).toBe(0);
  });

  it('stops on an aborted signal and carries on with the next line', async () => {
    const { translator } = await translatorWith(['en-de']);
    const controller = new AbortController();
    controller.abort(new Error('caption cancelled'));
    await expect(translator.translate(request('hello world', { signal: controller.signal }))).rejects.toThrow('caption cancelled');
    expect((await translator.translate(request('hello world'))).text).toBe('hallo welt');
  });
});

describe('DeviceTranslator with a generated multilingual (NLLB-shaped) model', () => {
  it('translates between any two of its languages, scoring unknown words lower', async () => {
    const { translator } = await translatorWith(['multi']);
    expect(translator.supports('en', 'fr')).toBe(true);
    expect(translator.supports('de', 'fr')).toBe(true);
    const french = await translator.translate(request('hello world', { targetLanguage: 'fr' }));
    expect(french).toMatchObject({ text: 'bonjour monde', lane: 'device' });
    expect(french.meanLogprob!).toBeGreaterThan(-0.1);
    const fromGerman = await translator.translate(request('Hallo Welt, die Haus ist groß.', { sourceLanguage: 'de', targetLanguage: 'fr' }));
    expect(fromGerman.text).toBe('bonjour monde, la maison est grande.');
    const english = await translator.translate(request('bonjour zebra', { sourceLanguage: 'fr', targetLanguage: 'en' }));
    expect(english.text).toBe('hello');
    expect(english.meanLogprob!).toBeLessThan(french.meanLogprob!);
    expect(translator.loadCount).toBe(1);
  });

  it('a language the installed checkpoint lacks is not offered, and asking anyway is a typed error', async () => {
    const { translator, modelsDir } = await translatorWith(['multi']);
    expect(translator.supports('es', 'en')).toBe(false);
    const missing = await rejectionOf(translator.translate(request('hola', { sourceLanguage: 'es', targetLanguage: 'en' })));
    expect(missing.code).toBe('translate.device_model_missing');
    // A checkpoint that does not list its languages is trusted to the family's table, then checked at load time.
    const configFile = path.join(modelsDir, 'nllb-200-test', 'tokenizer_config.json');
    const { additional_special_tokens: _listed, ...rest } = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify(rest));
    translator.refresh();
    expect(translator.supports('es', 'en')).toBe(true);
    const error = await rejectionOf(translator.translate(request('hola', { sourceLanguage: 'es', targetLanguage: 'en' })));
    expect(error.code).toBe('translate.device_language_unsupported');
    expect(error.folder).toBe(path.join(modelsDir, 'nllb-200-test'));
    expect(error.message).toContain('es → en');
  });

  it("prefers the pair's own MarianMT model and uses the multilingual one for the other pairs", async () => {
    const loaded: string[] = [];
    const { translator } = await translatorWith(['multi', 'en-de'], { onModelLoaded: (info) => loaded.push(info.name) });
    expect((await translator.translate(request('good morning'))).text).toBe('gut morgen');
    expect((await translator.translate(request('gut morgen', { sourceLanguage: 'de', targetLanguage: 'fr' }))).text).toBe('bon matin');
    expect(loaded).toEqual(['opus-mt-en-de', 'nllb-200-test']);
  });
});

describe('pivot through English', () => {
  it('chains two OPUS-MT models when no model covers the pair, scoring the line by its weaker step', async () => {
    const { translator } = await translatorWith(['de-en', 'en-fr']);
    expect(translator.supports('de', 'fr')).toBe(true);
    expect(translator.supports('fr', 'de')).toBe(false);
    const partials: string[] = [];
    const clean = await translator.translate(request('Hallo Welt.', { sourceLanguage: 'de', targetLanguage: 'fr', onPartial: (t) => partials.push(t) }));
    expect(clean.text).toBe('bonjour monde.');
    expect(partials).toEqual(['bonjour monde.']);
    expect(translator.loadCount).toBe(2);
    // "abend" → "evening", which the en-fr model does not know: only the second step is unsure.
    const doubtful = await translator.translate(request('hallo abend', { sourceLanguage: 'de', targetLanguage: 'fr' }));
    expect(doubtful.text).toBe('bonjour');
    expect(doubtful.meanLogprob!).toBeLessThan(clean.meanLogprob! - 0.5);
  });
});

describe('what is installed', () => {
  it('supports() answers from the folders present, updated by refresh()', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de']);
    expect(translator.supports('en', 'de')).toBe(true);
    expect(translator.supports('de', 'en')).toBe(false);
    expect(translator.supports('en', 'fr')).toBe(false);

    await installTestTranslator(modelsDir, 'de-en');
    expect(translator.supports('de', 'en')).toBe(false);
    translator.refresh();
    expect(translator.supports('de', 'en')).toBe(true);
    expect((await translator.translate(request('gut', { sourceLanguage: 'de', targetLanguage: 'en' }))).text).toBe('good');

    await rm(path.join(modelsDir, 'opus-mt-en-de'), { recursive: true });
    translator.refresh();
    expect(translator.supports('en', 'de')).toBe(false);
  });

  it('a pair with no model is a typed error that says what to do', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de']);
    const error = await rejectionOf(translator.translate(request('bonjour', { sourceLanguage: 'fr', targetLanguage: 'de' })));
    expect(error.code).toBe('translate.device_model_missing');
    expect(error.message).toContain('fr → de');
    expect(error.message).toContain(modelsDir);
    expect(error.action).toContain('Settings → Models');
    expect(error.toJSON()).toEqual({ code: error.code, message: error.message, action: error.action });
  });

  it('an incomplete folder is not "installed", and translating with it names the folder', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de']);
    const folder = path.join(modelsDir, 'opus-mt-en-de');
    await rm(path.join(folder, 'onnx', 'decoder_model_merged.onnx'));
    translator.refresh();
    expect(translator.supports('en', 'de')).toBe(false);
    const error = await rejectionOf(translator.translate(request('hello')));
    expect(error.code).toBe('translate.device_model_corrupt');
    expect(error.folder).toBe(folder);
    expect(error.message).toContain(folder);
    expect(error.message).toContain('decoder_model_merged');
    expect(error.action).toMatch(/Download it again in Settings → Models/);
  });

  it('a corrupt config or ONNX file is a typed error; after a repair the model loads', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de']);
    const folder = path.join(modelsDir, 'opus-mt-en-de');
    const good = `${folder}-good`;
    await cp(folder, good, { recursive: true });
    cleanup.push(() => rm(good, { recursive: true, force: true }));

    await writeFile(path.join(folder, 'config.json'), '{ "model_type": "marian", ');
    let error = await rejectionOf(translator.translate(request('hello')));
    expect(error.code).toBe('translate.device_model_corrupt');
    expect(error.message).toContain(folder);
    expect(error.message).toContain('config.json is not valid JSON');

    await cp(path.join(good, 'config.json'), path.join(folder, 'config.json'));
    await writeFile(path.join(folder, 'onnx', 'encoder_model.onnx'), 'this is not an ONNX file');
    error = await rejectionOf(translator.translate(request('hello')));
    expect(error.code).toBe('translate.device_model_corrupt');
    expect(error.message).toContain('transformers.js could not load it');

    await cp(path.join(good, 'onnx', 'encoder_model.onnx'), path.join(folder, 'onnx', 'encoder_model.onnx'));
    expect((await translator.translate(request('hello'))).text).toBe('hallo');
  });

  it('a model that loads but cannot translate is a typed error naming the model', async () => {
    const { translator, modelsDir } = await translatorWith(['en-de', 'en-fr']);
    // en-fr's decoder expects hidden states of another width than en-de's encoder gives.
    const decoder = (pair: string) => path.join(modelsDir, `opus-mt-${pair}`, 'onnx', 'decoder_model_merged.onnx');
    await cp(decoder('en-fr'), decoder('en-de'));
    const error = await rejectionOf(translator.translate(request('hello')));
    expect(error.code).toBe('translate.device_failed');
    expect(error.message).toContain('On-device translation with opus-mt-en-de failed');
    expect(error.folder).toBe(path.join(modelsDir, 'opus-mt-en-de'));
  });
});

describe('Whisper translate task for → English', () => {
  const audio = new Float32Array(16_000).fill(0.01);

  function whisper(calls: { language: string; samples: number }[]): WhisperTranslate {
    return async (samples, sourceLanguage) => {
      calls.push({ language: sourceLanguage, samples: samples.length });
      return { text: ` whisper said ${samples.length} samples `, meanTokenProb: 0.5 };
    };
  }

  it('is used when the target is English, no text model exists and the line has audio', async () => {
    const calls: { language: string; samples: number }[] = [];
    const { translator } = await translatorWith(['en-de'], { whisperTranslate: whisper(calls) });
    expect(translator.supports('fr', 'en')).toBe(true);
    expect(translator.supportsText('fr', 'en')).toBe(false);
    const result = await translator.translate(request('bonjour le monde', { sourceLanguage: 'fr', targetLanguage: 'en', audio }));
    expect(calls).toEqual([{ language: 'fr', samples: 16_000 }]);
    expect(result).toMatchObject({ text: 'whisper said 16000 samples', lane: 'device', bytesSent: 0 });
    expect(result.meanLogprob).toBeCloseTo(Math.log(0.5), 6);
  });

  it('is not used when a text model exists for the pair, nor for other targets, nor without audio', async () => {
    const calls: { language: string; samples: number }[] = [];
    const { translator } = await translatorWith(['de-en'], { whisperTranslate: whisper(calls) });
    const text = await translator.translate(request('hallo welt', { sourceLanguage: 'de', targetLanguage: 'en', audio }));
    expect(text.text).toBe('hello world');
    expect(translator.supports('fr', 'de')).toBe(false);
    await rejectionOf(translator.translate(request('bonjour', { sourceLanguage: 'fr', targetLanguage: 'de', audio })));
    const typed = await rejectionOf(translator.translate(request('bonjour', { sourceLanguage: 'fr', targetLanguage: 'en' })));
    expect(typed.code).toBe('translate.device_model_missing');
    expect(calls).toEqual([]);
  });

  it('without the injected function, → English needs a text model', async () => {
    const { translator } = await translatorWith(['en-de']);
    expect(translator.supports('fr', 'en')).toBe(false);
    await rejectionOf(translator.translate(request('bonjour', { sourceLanguage: 'fr', targetLanguage: 'en', audio })));
  });
});

describe('startup', () => {
  it('the bundled app loads transformers.js and onnxruntime on the first model load, not when it starts', async () => {
    // As scripts/build/build-electron.mjs bundles it: packages stay external, and esbuild hoists their static imports.
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, 'device.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).toContain('import("@huggingface/transformers")');
    expect(code).not.toMatch(/^import .*["'](@huggingface\/transformers|onnxruntime-node)["']/m);
  });
});
