import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { env, pipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TRANSLATOR_VERSION, buildTestTranslator, ensureTestTranslator, supportedTestPairs } from './make-test-translator';

const repo = path.resolve(import.meta.dirname, '../../..');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'sotto-make-translator-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('make-test-translator', () => {
  it('builds every file transformers.js reads for a MarianMT folder', () => {
    const files = buildTestTranslator('en-de');
    expect(Object.keys(files).sort()).toEqual([
      'config.json',
      'generation_config.json',
      'onnx/decoder_model_merged.onnx',
      'onnx/encoder_model.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    const config = JSON.parse(files['config.json'] as string);
    expect(config).toMatchObject({ model_type: 'marian', is_encoder_decoder: true, eos_token_id: 0, unk_token_id: 1 });
    // Marian: pad is the last id and is also the decoder's start token.
    expect(config.pad_token_id).toBe(config.vocab_size - 1);
    expect(config.decoder_start_token_id).toBe(config.pad_token_id);
    expect(JSON.parse(files['tokenizer_config.json'] as string).tokenizer_class).toBe('MarianTokenizer');
  });

  it('writes ONNX graphs with the input and output names transformers.js feeds and reads', async () => {
    const folder = await ensureTestTranslator(scratch, 'en-de');
    const encoder = await ort.InferenceSession.create(path.join(folder, 'onnx/encoder_model.onnx'));
    const decoder = await ort.InferenceSession.create(path.join(folder, 'onnx/decoder_model_merged.onnx'));
    expect(encoder.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(encoder.outputNames).toEqual(['last_hidden_state']);
    expect(decoder.inputNames).toEqual(
      expect.arrayContaining(['input_ids', 'encoder_hidden_states', 'past_key_values.0.decoder.key', 'past_key_values.0.decoder.value']),
    );
    expect(decoder.outputNames).toEqual(['logits', 'present.0.decoder.key', 'present.0.decoder.value']);
    await encoder.release();
    await decoder.release();
  });

  it('translates word by word through the real transformers.js translation pipeline, offline', async () => {
    const folder = await ensureTestTranslator(scratch, 'en-de');
    env.allowRemoteModels = false;
    const translate = await pipeline('translation', folder, { local_files_only: true });
    const [hello] = (await translate('hello world')) as { translation_text: string }[];
    expect(hello?.translation_text).toBe('hallo welt');
    const [sentence] = (await translate('Good morning, the house is big.')) as { translation_text: string }[];
    expect(sentence?.translation_text).toBe('gut morgen, die haus ist groß.');
    await translate.dispose();
  });

  it('builds a multilingual NLLB-shaped model that the pipeline drives with FLORES language codes', async () => {
    const folder = await ensureTestTranslator(scratch, 'multi');
    expect(path.basename(folder)).toBe('nllb-200-test');
    env.allowRemoteModels = false;
    const translate = await pipeline('translation', folder, { local_files_only: true });
    const options = (src_lang: string, tgt_lang: string) => ({ src_lang, tgt_lang }) as Record<string, string>;
    const [german] = (await translate('hello world', options('eng_Latn', 'deu_Latn'))) as { translation_text: string }[];
    expect(german?.translation_text).toBe('hallo welt');
    const [french] = (await translate('hallo welt', options('deu_Latn', 'fra_Latn'))) as { translation_text: string }[];
    expect(french?.translation_text).toBe('bonjour monde');
    await translate.dispose();
  });

  it('reuses a folder of the current version and rebuilds an outdated one', async () => {
    const folder = await ensureTestTranslator(scratch, 'de-en');
    const configFile = path.join(folder, 'config.json');
    const before = (await stat(path.join(folder, 'onnx/encoder_model.onnx'))).mtimeMs;
    expect(await ensureTestTranslator(scratch, 'de-en')).toBe(folder);
    expect((await stat(path.join(folder, 'onnx/encoder_model.onnx'))).mtimeMs).toBe(before);

    const config = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify({ ...config, sotto_test_translator_version: TEST_TRANSLATOR_VERSION - 1 }));
    await ensureTestTranslator(scratch, 'de-en');
    expect(JSON.parse(await readFile(configFile, 'utf8')).sotto_test_translator_version).toBe(TEST_TRANSLATOR_VERSION);
  });

  it('offers reverse pairs and refuses a pair it has no dictionary for', () => {
    expect(supportedTestPairs()).toEqual(expect.arrayContaining(['en-de', 'de-en', 'en-fr', 'fr-en']));
    expect(() => buildTestTranslator('en-xx')).toThrow(/No test dictionary for "en-xx"/);
    expect(() => buildTestTranslator('ende')).toThrow(/Pair must look like "en-de"/);
  });

  it('runs as `npm run make-test-translator -- --out DIR --pair en-fr`', async () => {
    const out = path.join(scratch, 'cli');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'test-support/models/translator/make-test-translator.ts'), '--out', out, '--pair', 'en-fr'],
      { cwd: repo },
    );
    expect(stdout.trim()).toBe(path.join(out, 'opus-mt-en-fr'));
    expect(JSON.parse(await readFile(path.join(out, 'opus-mt-en-fr', 'tokenizer_config.json'), 'utf8')).target_lang).toBe('fr');
  });
});
