import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toM2m100Code, toNllbCode, sentenceJoiner } from './device-languages';
import { listTextModels, pickTextModel, planTextTranslation } from './device-models';
import { installTestTranslator } from '../../../test-support/models/device-test-models';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function modelsDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-listing-'));
  dirs.push(dir);
  return dir;
}

/** A folder with the files a listing checks (contents are not read by the listing). */
async function folderWithFiles(dir: string, name: string, onnxSuffix: string, extra: Record<string, string> = {}): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(path.join(folder, 'onnx'), { recursive: true });
  const files: Record<string, string> = {
    'config.json': '{"model_type":"m2m_100"}',
    'tokenizer.json': '{}',
    'tokenizer_config.json': '{}',
    [`onnx/encoder_model${onnxSuffix}.onnx`]: 'x',
    [`onnx/decoder_model_merged${onnxSuffix}.onnx`]: 'x',
    ...extra,
  };
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(folder, file), text);
  return folder;
}

describe('listTextModels', () => {
  it('finds MarianMT pairs, NLLB and M2M100 folders, with the dtype their files allow', async () => {
    const dir = await modelsDir();
    await installTestTranslator(dir, 'en-de');
    await folderWithFiles(dir, 'nllb-200-distilled-600M', '_quantized');
    await folderWithFiles(dir, 'm2m100_418M', '_quantized');
    // Imported under another name: the config files tell the family.
    await folderWithFiles(dir, 'my-imported-model', '', { 'tokenizer_config.json': '{"tokenizer_class":"NllbTokenizer"}' });
    await mkdir(path.join(dir, 'ggml-base'), { recursive: true });
    await writeFile(path.join(dir, 'notes.txt'), 'not a folder');

    const { models, broken } = listTextModels(dir);
    expect(broken).toEqual([]);
    expect(models.map((m) => [m.name, m.family, m.dtype, m.pair])).toEqual([
      ['m2m100_418M', 'm2m100', 'q8', null],
      ['my-imported-model', 'nllb', 'fp32', null],
      ['nllb-200-distilled-600M', 'nllb', 'q8', null],
      ['opus-mt-en-de', 'marian', 'fp32', { source: 'en', target: 'de' }],
    ]);
    expect(models[0]!.folder).toBe(path.join(dir, 'm2m100_418M'));
  });

  it("reads a multilingual checkpoint's own language list, so pairs it lacks are not offered", async () => {
    const dir = await modelsDir();
    await folderWithFiles(dir, 'nllb-200-distilled-600M', '', {
      'tokenizer_config.json': JSON.stringify({ additional_special_tokens: ['eng_Latn', { content: 'deu_Latn' }] }),
    });
    await folderWithFiles(dir, 'm2m100_418M', '', { 'tokenizer_config.json': '{"additional_special_tokens":["__en__","__fr__"]}' });
    const { models } = listTextModels(dir);
    expect(models.map((m) => m.languages)).toEqual([['en', 'fr'], ['eng_Latn', 'deu_Latn']]);
    expect(pickTextModel(models, 'en', 'de')?.name).toBe('nllb-200-distilled-600M');
    expect(pickTextModel(models, 'en', 'fr')?.name).toBe('m2m100_418M');
    expect(pickTextModel(models, 'en', 'es')).toBeNull();
  });

  it('reports incomplete folders as broken and skips staging folders', async () => {
    const dir = await modelsDir();
    const folder = await folderWithFiles(dir, 'opus-mt-en-fr', '_quantized');
    await rm(path.join(folder, 'onnx', 'decoder_model_merged_quantized.onnx'));
    await rm(path.join(folder, 'tokenizer.json'));
    await folderWithFiles(path.join(dir, '.partial'), 'opus-mt-en-es', '');
    await folderWithFiles(dir, 'opus-mt-en-it.partial-123', '');

    const { models, broken } = listTextModels(dir);
    expect(models).toEqual([]);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ name: 'opus-mt-en-fr', family: 'marian', pair: { source: 'en', target: 'fr' } });
    expect(broken[0]!.problem).toContain('tokenizer.json');
    expect(broken[0]!.problem).toContain('decoder_model_merged');
  });

  it('treats a missing models folder as nothing installed', () => {
    expect(listTextModels(path.join(os.tmpdir(), 'sotto-no-such-folder-h4'))).toEqual({ models: [], broken: [] });
  });
});

describe('pickTextModel', () => {
  it("prefers the pair's own MarianMT model, then NLLB, then M2M100", async () => {
    const dir = await modelsDir();
    await installTestTranslator(dir, 'en-de');
    await folderWithFiles(dir, 'nllb-200-distilled-600M', '_quantized');
    await folderWithFiles(dir, 'm2m100_418M', '_quantized');
    const { models } = listTextModels(dir);
    expect(pickTextModel(models, 'en', 'de')?.name).toBe('opus-mt-en-de');
    expect(pickTextModel(models, 'de', 'en')?.name).toBe('nllb-200-distilled-600M');
    // Asturian is in M2M100's list but has no FLORES code here.
    expect(pickTextModel(models, 'en', 'ast')?.name).toBe('m2m100_418M');
    expect(pickTextModel(models, 'en', 'xx')).toBeNull();
    expect(pickTextModel(models, 'en', 'en')).toBeNull();
  });
});

describe('planTextTranslation', () => {
  it('uses a direct model when there is one, else two steps through English', async () => {
    const dir = await modelsDir();
    for (const pair of ['de-en', 'en-fr', 'en-de']) await installTestTranslator(dir, pair);
    const { models } = listTextModels(dir);
    const plan = (s: string, t: string) => planTextTranslation(models, s, t)?.map((step) => `${step.model.name}:${step.source}>${step.target}`) ?? null;
    expect(plan('en', 'de')).toEqual(['opus-mt-en-de:en>de']);
    expect(plan('de', 'fr')).toEqual(['opus-mt-de-en:de>en', 'opus-mt-en-fr:en>fr']);
    expect(plan('fr', 'de')).toBeNull();
    expect(plan('fr', 'en')).toBeNull();

    // A multilingual model translates directly: better than a pivot.
    await folderWithFiles(dir, 'nllb-200-distilled-600M', '');
    expect(planTextTranslation(listTextModels(dir).models, 'de', 'fr')?.map((s) => s.model.name)).toEqual(['nllb-200-distilled-600M']);
  });
});

describe('language codes', () => {
  it('maps ISO codes to NLLB and M2M100 codes', () => {
    expect(toNllbCode('en')).toBe('eng_Latn');
    expect(toNllbCode('de')).toBe('deu_Latn');
    expect(toNllbCode('zh')).toBe('zho_Hans');
    expect(toNllbCode('xx')).toBeNull();
    expect(toM2m100Code('de')).toBe('de');
    expect(toM2m100Code('xx')).toBeNull();
    expect(sentenceJoiner('ja')).toBe('');
    expect(sentenceJoiner('de')).toBe(' ');
  });
});
