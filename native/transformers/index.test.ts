import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeModelsDir } from '../../test-support/models/device-test-models';
import { repoRoot } from '../../test-support/models/test-assets';
import { completeSeq2SeqDtype, loadSeq2SeqModel, TransformersError, type Seq2SeqModel } from './index';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** A fresh models folder holding the generated pairs, removed after the test. */
async function modelsWith(pairs: string[]): Promise<string> {
  const modelsDir = await makeModelsDir(pairs);
  cleanup.push(() => rm(modelsDir, { recursive: true, force: true }));
  return modelsDir;
}

async function load(modelsDir: string, folder: string): Promise<Seq2SeqModel> {
  const model = await loadSeq2SeqModel(path.join(modelsDir, folder), { modelsDir, dtype: 'fp32' });
  cleanup.push(() => model.dispose());
  return model;
}

/** Every step of the generated models puts logit 10 on one token and 0 on the others. */
async function stepLogprob(modelsDir: string, folder: string): Promise<number> {
  const { vocab_size } = JSON.parse(await readFile(path.join(modelsDir, folder, 'config.json'), 'utf8'));
  return Math.log(Math.exp(10) / (Math.exp(10) + vocab_size - 1));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransformersError);
  return (error as TransformersError).code;
}

beforeAll(async () => {
  // Generate the shared test models once (reused from <repo>/.cache/test-translators when present).
  await rm(await makeModelsDir(['en-de', 'en-fr', 'multi']), { recursive: true, force: true });
});

describe('a single-pair (MarianMT) model', () => {
  it('translates a chunk greedily, with the log-probability of every generated token, </s> included', async () => {
    const modelsDir = await modelsWith(['en-de']);
    const model = await load(modelsDir, 'opus-mt-en-de');
    expect(model.tokenizerMaxLength).toBe(512);
    expect(model.countTokens('hello world')).toBe(2);
    const result = await model.translate('hello world', { maxOutputTokens: 512 });
    expect(result).toMatchObject({ text: 'hallo welt', tokens: 3 });
    expect(result.logprobSum / result.tokens).toBeCloseTo(await stepLogprob(modelsDir, 'opus-mt-en-de'), 5);
  });

  it('stops at maxOutputTokens', async () => {
    const model = await load(await modelsWith(['en-de']), 'opus-mt-en-de');
    // The last token allowed is </s> (the config's forced_eos_token_id), so two tokens leave room for one word.
    expect(await model.translate('hello world', { maxOutputTokens: 2 })).toMatchObject({ text: 'hallo', tokens: 2 });
  });

  it("an aborted signal rejects with the signal's reason, and the model keeps working", async () => {
    const model = await load(await modelsWith(['en-de']), 'opus-mt-en-de');
    const controller = new AbortController();
    controller.abort(new Error('caption cancelled'));
    await expect(model.translate('hello world', { maxOutputTokens: 512, signal: controller.signal })).rejects.toThrow('caption cancelled');
    expect((await model.translate('hello world', { maxOutputTokens: 512 })).text).toBe('hallo welt');
  });

  it('language tokens for a tokenizer without any are unknown_language', async () => {
    const model = await load(await modelsWith(['en-de']), 'opus-mt-en-de');
    expect(await codeOf(model.translate('hello', { maxOutputTokens: 512, languages: { source: 'eng_Latn', target: 'deu_Latn' } }))).toBe('unknown_language');
  });
});

describe('a multilingual (NLLB-shaped) model', () => {
  it('forces the target-language token first and does not count it', async () => {
    const modelsDir = await modelsWith(['multi']);
    const model = await load(modelsDir, 'nllb-200-test');
    const result = await model.translate('hello world', { maxOutputTokens: 1024, languages: { source: 'eng_Latn', target: 'fra_Latn' } });
    expect(result).toMatchObject({ text: 'bonjour monde', tokens: 3 });
    expect(result.logprobSum / result.tokens).toBeCloseTo(await stepLogprob(modelsDir, 'nllb-200-test'), 5);
  });

  it('a language token the checkpoint lacks is unknown_language', async () => {
    const model = await load(await modelsWith(['multi']), 'nllb-200-test');
    const error = model.translate('hola', { maxOutputTokens: 1024, languages: { source: 'spa_Latn', target: 'eng_Latn' } });
    await expect(error).rejects.toThrow(/no language token for spa_Latn/);
    expect(await codeOf(error)).toBe('unknown_language');
  });
});

describe('failures', () => {
  it('a damaged ONNX file is load_failed', async () => {
    const modelsDir = await modelsWith(['en-de']);
    await writeFile(path.join(modelsDir, 'opus-mt-en-de', 'onnx', 'encoder_model.onnx'), 'this is not an ONNX file');
    expect(await codeOf(load(modelsDir, 'opus-mt-en-de'))).toBe('load_failed');
  });

  it('a decoder that does not fit its encoder is generate_failed', async () => {
    const modelsDir = await modelsWith(['en-de', 'en-fr']);
    // Both load, but en-fr's decoder expects hidden states of another width.
    await cp(path.join(modelsDir, 'opus-mt-en-fr', 'onnx', 'decoder_model_merged.onnx'), path.join(modelsDir, 'opus-mt-en-de', 'onnx', 'decoder_model_merged.onnx'));
    const model = await load(modelsDir, 'opus-mt-en-de');
    const logged = vi.spyOn(console, 'error');
    cleanup.push(async () => logged.mockRestore());
    expect(await codeOf(model.translate('hello', { maxOutputTokens: 512 }))).toBe('generate_failed');
    // transformers.js would log the model's inputs (the user's words as token ids) before throwing.
    expect(logged).not.toHaveBeenCalled();
  });
});

describe('offline', () => {
  it('never contacts the remote host, even when transformers.js is told remote models are allowed', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(500).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const saved = { remoteHost: env.remoteHost, allowRemoteModels: env.allowRemoteModels };
    cleanup.push(async () => {
      Object.assign(env, saved);
      server.close();
      await once(server, 'close');
    });

    const modelsDir = await modelsWith(['en-de', 'de-en']);
    env.remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    env.allowRemoteModels = true;
    // generation_config.json is optional: missing locally, transformers.js would ask the remote host if allowed.
    await rm(path.join(modelsDir, 'opus-mt-en-de', 'generation_config.json'));
    expect((await (await load(modelsDir, 'opus-mt-en-de')).translate('hello world', { maxOutputTokens: 512 })).text).toBe('hallo welt');

    // A model without its decoder: transformers.js would download it if it could.
    await rm(path.join(modelsDir, 'opus-mt-de-en', 'onnx', 'decoder_model_merged.onnx'));
    env.allowRemoteModels = true;
    expect(await codeOf(load(modelsDir, 'opus-mt-de-en'))).toBe('load_failed');
    expect(hits).toEqual([]);
  });
});

describe('where onnxruntime cannot load (Intel Macs)', () => {
  it('importing the facade still works; each load is runtime_unavailable, and tried again', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/without-onnxruntime.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const [code] = await once(child, 'close');
    expect(code, out).toBe(0);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ step: 'imported' });
    expect(lines.slice(1)).toHaveLength(2);
    for (const line of lines.slice(1)) {
      expect(line).toMatchObject({ step: 'load', name: 'TransformersError', code: 'runtime_unavailable' });
      expect(line.message).toContain('no onnxruntime binary for this platform');
    }
  });
});

describe('completeSeq2SeqDtype', () => {
  it('picks the first dtype whose encoder and merged decoder are both there and non-empty', async () => {
    const folder = path.join(await modelsWith([]), 'some-model');
    const onnx = (file: string, text = 'x') => writeFile(path.join(folder, 'onnx', file), text);
    await mkdir(path.join(folder, 'onnx'), { recursive: true });
    expect(completeSeq2SeqDtype(folder)).toBeNull();
    await onnx('encoder_model_quantized.onnx');
    await onnx('decoder_model_merged_quantized.onnx');
    expect(completeSeq2SeqDtype(folder)).toBe('q8');
    await onnx('encoder_model.onnx');
    await onnx('decoder_model_merged.onnx', '');
    expect(completeSeq2SeqDtype(folder)).toBe('q8');
    await onnx('decoder_model_merged.onnx');
    expect(completeSeq2SeqDtype(folder)).toBe('fp32');
  });
});
