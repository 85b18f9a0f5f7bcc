import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract';
import { CatalogError, downloadHosts, listedSize, loadCatalog, mirrorUrl, parseCatalog } from './catalog';

const shipped = fileURLToPath(new URL('../../../resources/models.json', import.meta.url));

describe('resources/models.json', () => {
  it('parses, and holds the default ASR model of the settings', async () => {
    const catalog = await loadCatalog(shipped);
    const ids = catalog.models.map((m) => m.id);
    expect(ids).toContain(defaultSettings().asrModel);
    for (const size of ['tiny', 'base', 'small']) {
      for (const variant of ['', '.en', '-q5_1', '-q8_0', '.en-q5_1', '.en-q8_0']) expect(ids).toContain(`ggml-${size}${variant}`);
    }
    expect(ids).toEqual(expect.arrayContaining(['opus-mt-en-de', 'opus-mt-de-en', 'opus-mt-en-fr', 'opus-mt-fr-en', 'opus-mt-en-es', 'opus-mt-es-en', 'nllb-200-distilled-600M']));
  });

  it('pins every whisper file to a commit and gives it a size and the publisher SHA-1', async () => {
    const catalog = await loadCatalog(shipped);
    for (const model of catalog.models.filter((m) => m.kind === 'whisper')) {
      const [file] = model.files;
      expect(file!.url).toMatch(/^https:\/\/huggingface\.co\/ggerganov\/whisper\.cpp\/resolve\/[0-9a-f]{40}\/ggml-/);
      expect(file!.size).toBeGreaterThan(30_000_000);
      expect(file!.checksums.some((c) => c.algorithm === 'sha1')).toBe(true);
      expect(listedSize(model)).toBe(file!.size);
    }
  });

  it('lists every file a transformers.js translation folder needs, and explains each missing checksum', async () => {
    const catalog = await loadCatalog(shipped);
    for (const model of catalog.models.filter((m) => m.kind === 'translation')) {
      const paths = model.files.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']));
      for (const file of model.files) {
        if (file.checksums.length === 0) expect(file.checksumMissing).toMatch(/\w+/);
      }
    }
  });
});

describe('parseCatalog', () => {
  const file = { path: 'a.bin', url: 'https://example.org/a.bin', size: 1, sizeSource: 's', checksums: [] as unknown[] };
  const model = { id: 'm', kind: 'whisper', name: 'M', description: '', languages: [], layout: 'file', homepage: 'https://example.org', license: 'MIT', files: [file] };

  it('refuses a file without checksum and without a reason', () => {
    expect(() => parseCatalog({ version: 1, models: [model] })).toThrow(CatalogError);
    expect(() => parseCatalog({ version: 1, models: [model] })).toThrow(/checksumMissing/);
    expect(() => parseCatalog({ version: 1, models: [{ ...model, files: [{ ...file, checksumMissing: 'none published' }] }] })).not.toThrow();
  });

  it('refuses paths that escape the model folder, bad hex, and duplicate ids', () => {
    const ok = { ...file, checksumMissing: 'x' };
    expect(() => parseCatalog({ version: 1, models: [{ ...model, files: [{ ...ok, path: '../evil' }] }] })).toThrow(/relative path/);
    expect(() => parseCatalog({ version: 1, models: [{ ...model, files: [{ ...ok, path: '/abs' }] }] })).toThrow(/relative path/);
    expect(() => parseCatalog({ version: 1, models: [{ ...model, files: [{ ...file, checksums: [{ algorithm: 'sha256', value: 'abc', source: 's' }] }] }] })).toThrow(/hex/);
    const good = { ...model, files: [ok] };
    expect(() => parseCatalog({ version: 1, models: [good, good] })).toThrow(/unique/);
  });

  it('turns unreadable JSON into a typed error', async () => {
    await expect(loadCatalog('/nonexistent/models.json')).rejects.toThrow(/Cannot read the model catalog/);
  });
});

describe('mirrorUrl', () => {
  const url = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/abc/ggml-base.bin';
  it('keeps the publisher URL without a mirror', () => expect(mirrorUrl(url, '')).toBe(url));
  it('replaces the origin and keeps the path', () => {
    expect(mirrorUrl(url, 'https://hf-mirror.com')).toBe('https://hf-mirror.com/ggerganov/whisper.cpp/resolve/abc/ggml-base.bin');
    expect(mirrorUrl(url, 'http://proxy.lan:8080/hf')).toBe('http://proxy.lan:8080/hf/ggerganov/whisper.cpp/resolve/abc/ggml-base.bin');
    expect(mirrorUrl(url, 'http://proxy.lan/hf/')).toBe('http://proxy.lan/hf/ggerganov/whisper.cpp/resolve/abc/ggml-base.bin');
  });
});

describe('downloadHosts', () => {
  it('lists the hosts a download contacts first, mirror applied', async () => {
    const catalog = await loadCatalog(shipped);
    expect(downloadHosts(catalog, '')).toEqual(['huggingface.co']);
    expect(downloadHosts(catalog, 'http://proxy.lan:8080/hf')).toEqual(['proxy.lan:8080']);
  });
});
