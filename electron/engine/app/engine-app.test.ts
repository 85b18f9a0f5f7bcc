import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../../test-support/engines/event-log';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { ensureTestWhisperModel } from '../../../test-support/models/test-assets';
import type { EngineEvent } from '../../contract';
import { MemorySecretStore } from '../settings/memory-secrets';
import { createEngineApp, type EngineApp } from '.';

/**
 * The engine app without a microphone: typed lines through the real device translator, settings, the API key, model
 * import on a first run, and a corrupt settings file. (Capture is in engine-app.mic.test.ts.)
 */
let dir: string;
let app: EngineApp;
const events = new EventLog();
const waitFor = events.waitFor.bind(events);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-app-'));
  const model = await ensureTestWhisperModel('test');
  await mkdir(join(dir, 'models'), { recursive: true });
  await ensureTestTranslator(join(dir, 'models'), 'en-de');
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, asrModel: model, asrThreads: 1, sourceLanguage: 'en', targetLanguage: 'de', allLocal: true }));
  app = await createEngineApp({ userDataDir: dir, secrets: new MemorySecretStore() });
  app.onEvent(events.push);
}, 240_000);

afterAll(async () => {
  await app?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('engine app', { timeout: 240_000 }, () => {
  it('type-to-translate goes through the device lane word by word', async () => {
    const from = events.length;
    const { id } = await app.invoke('text.translate', { text: 'hello world' });
    const [final] = await waitFor('caption.final', 1, from);
    expect(final!.id).toBe(id);
    expect(final!.translation).toBe('hallo welt');
    expect(final!.lane).toBe('device');
  });

  it('settings persist to disk, and the API key never reaches the settings the UI sees', async () => {
    // A key belongs to an endpoint: set one first (all-local stays on, so nothing is sent).
    await app.invoke('settings.update', { patch: { captionSize: 'large', glossary: ['Ada'], cloud: { baseUrl: 'http://127.0.0.1:9/v1' } } });
    const saved = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ captionSize: 'large', glossary: ['Ada'] });
    const s = await app.invoke('apikey.set', { key: 'sk-secret' });
    expect(s.apiKeySet).toBe(true);
    expect(JSON.stringify(s)).not.toContain('sk-secret');
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('sk-secret');
  });

  it('importing a speech model when the chosen one is missing makes it the one in use, and loads it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sotto-first-run-'));
    const modelFile = await ensureTestWhisperModel('test');
    const bytes = await readFile(modelFile);
    // A catalog whose one speech model is the generated file (checked by size and SHA-256 like any import).
    const resources = join(other, 'resources');
    await mkdir(resources);
    writeFileSync(
      join(resources, 'models.json'),
      JSON.stringify({
        version: 1,
        models: [
          {
            id: 'ggml-test',
            kind: 'whisper',
            name: 'Whisper test',
            description: 'generated',
            languages: ['multilingual'],
            recommended: true,
            layout: 'file',
            homepage: 'https://example.invalid',
            license: 'MIT',
            files: [
              {
                path: 'ggml-test.bin',
                url: 'https://example.invalid/ggml-test.bin',
                size: bytes.length,
                sizeSource: 'test',
                checksums: [{ algorithm: 'sha256', value: createHash('sha256').update(bytes).digest('hex'), source: 'test' }],
              },
            ],
          },
        ],
      }),
    );
    const fresh = await createEngineApp({ userDataDir: join(other, 'user'), resourcesDir: resources, secrets: new MemorySecretStore() });
    try {
      fresh.onEvent(() => undefined); // the first window
      expect((await fresh.invoke('settings.get', {})).asrModel).toBe('ggml-base'); // the default, not installed
      // Its load fails (not installed): the status says idle, not "loading" forever.
      for (let i = 0; i < 100 && (await fresh.invoke('status.get', {})).state === 'loading'; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await fresh.invoke('status.get', {})).state).toBe('idle');
      // A second window that opens after the failed load (the first one took what was held) still hears why.
      const late: EngineEvent[] = [];
      fresh.onEvent((e) => late.push(e));
      await new Promise((r) => setTimeout(r, 20));
      expect(late.find((e) => e.type === 'error')).toMatchObject({ code: 'asr_model_unknown', recoverable: true }); // ggml-base is not in this catalog
      const { models } = await fresh.invoke('models.import', { id: 'ggml-test', path: modelFile });
      expect(models.find((m) => m.id === 'ggml-test')?.installed).toBe(true);
      expect((await fresh.invoke('settings.get', {})).asrModel).toBe('ggml-test');
      for (let i = 0; i < 200 && !(await fresh.invoke('status.get', {})).model.loaded; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await fresh.invoke('status.get', {})).model).toEqual({ id: 'ggml-test', loaded: true, device: { name: 'CPU', kind: 'cpu', fallback: null } });
    } finally {
      await fresh.dispose();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a corrupt settings file → defaults plus a notice, never a crash', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sotto-corrupt-'));
    writeFileSync(join(other, 'settings.json'), '{ this is not json');
    const broken = await createEngineApp({ userDataDir: other, secrets: new MemorySecretStore() });
    const seen: EngineEvent[] = [];
    broken.onEvent((e) => seen.push(e));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.some((e) => e.type === 'notice' && e.code === 'settings_corrupt')).toBe(true);
    expect((await broken.invoke('settings.get', {})).allLocal).toBe(true);
    await broken.dispose();
    rmSync(other, { recursive: true, force: true });
  });
});
