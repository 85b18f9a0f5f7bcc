import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatWithSilence, synthSpeech } from '../../../test-support/audio/speech';
import { startVirtualMic, virtualMicUnavailableReason, type VirtualMic } from '../../../test-support/audio/virtual-mic';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { ensureTestWhisperModel } from '../../../test-support/models/test-assets';
import { EngineEvent, type CaptionFinal, type EventOf } from '../../contract';
import { MemorySecretStore } from '../settings/memory-secrets';
import { createEngineApp, type EngineApp } from '.';

/**
 * The whole pipeline for real: PulseAudio virtual microphone → pvrecorder → segmenter (push-to-talk gate or
 * Silero VAD) → whisper.cpp (random-weight model: garbage text, so assert on flow) → device translation → ledger.
 */
const unavailable = virtualMicUnavailableReason();
if (unavailable) console.warn(`Skipping engine app tests: ${unavailable}`);

let mic: VirtualMic;
let dir: string;
let app: EngineApp;
const events: EngineEvent[] = [];
let oneUtterance: string;
let twoUtterances: string;

function waitFor<T extends EngineEvent['type']>(type: T, count: number, after = 0, timeoutMs = 120_000): Promise<Array<EventOf<T>>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const found = events.slice(after).filter((e): e is EventOf<T> => e.type === type);
      if (found.length >= count) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${count} ${type} events; got ${found.length}`));
      setTimeout(check, 50);
    };
    check();
  });
}

beforeAll(async () => {
  if (unavailable) return;
  dir = mkdtempSync(join(tmpdir(), 'sotto-app-'));
  const model = await ensureTestWhisperModel('test');
  await mkdir(join(dir, 'models'), { recursive: true });
  await ensureTestTranslator(join(dir, 'models'), 'en-de');
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({ version: 1, asrModel: model, asrThreads: 1, sourceLanguage: 'en', targetLanguage: 'de', micDeviceIndex: 0, allLocal: true }),
  );
  oneUtterance = await synthSpeech('hello world', { padStartS: 0.2, padEndS: 0.3 });
  twoUtterances = await concatWithSilence([await synthSpeech('good morning', { padStartS: 0.5, padEndS: 0 }), { silenceS: 1.2 }, await synthSpeech('the house is good', { padStartS: 0, padEndS: 1.0 })]);
  mic = await startVirtualMic();
  mic.applyEnv();
  app = await createEngineApp({ userDataDir: dir, secrets: new MemorySecretStore() });
  // Every event the engine emits must satisfy the contract the UI validates against.
  app.onEvent((e) => events.push(EngineEvent.parse(e)));
}, 240_000);

afterAll(async () => {
  await app?.dispose();
  await mic?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(unavailable !== null)('engine app (virtual microphone → captions)', { timeout: 240_000 }, () => {
  it('push-to-talk: press, speak, release → one final caption with its translation and ledger entry', async () => {
    const from = events.length;
    await app.invoke('ptt.press', {});
    expect((await app.invoke('status.get', {})).mic.capturing).toBe(true);
    await mic.play(oneUtterance);
    await app.invoke('ptt.release', {});
    const [final] = await waitFor('caption.final', 1, from);
    expect(final!.text.length).toBeGreaterThan(0);
    expect(final!.bytes.audio).toBeGreaterThan(16000 * 2 * 0.5); // at least half a second of 16-bit audio
    expect(final!.target_language).toBe('de');
    // All-local: translated on the device, nothing on the wire.
    expect(final!.lane).toBe('device');
    expect(final!.bytes.sent).toBe(0);
    const ledger = await waitFor('ledger.updated', 1, from);
    expect(ledger.at(-1)!.totals.bytes_sent).toBe(0);
    expect(ledger.at(-1)!.totals.audio_bytes_local).toBeGreaterThanOrEqual(final!.bytes.audio);
    expect((await app.invoke('status.get', {})).mic.capturing).toBe(false);
    // Partials, if any, belong to this caption and came before its final.
    const partials = events.slice(from).filter((e) => e.type === 'caption.partial');
    for (const p of partials) expect(p.id).toBe(final!.id);
  });

  it('hands-free: two utterances separated by silence → two captions, in order, and silence yields nothing', async () => {
    await app.invoke('mode.set', { mode: 'hands-free' });
    const from = events.length;
    await app.invoke('listen.set', { on: true });
    await mic.play(twoUtterances);
    const finals = await waitFor('caption.final', 2, from);
    await app.invoke('listen.set', { on: false });
    const all = events.slice(from).filter((e): e is CaptionFinal => e.type === 'caption.final');
    expect(all).toHaveLength(2);
    expect(finals[1]!.start_ms).toBeGreaterThan(finals[0]!.end_ms);
    expect(new Set(all.map((f) => f.id)).size).toBe(2);
  });

  it('type-to-translate goes through the device lane word by word', async () => {
    const from = events.length;
    const { id } = await app.invoke('text.translate', { text: 'hello world' });
    const [final] = await waitFor('caption.final', 1, from);
    expect(final!.id).toBe(id);
    expect(final!.translation).toBe('hallo welt');
    expect(final!.lane).toBe('device');
  });

  it('settings persist to disk, and the API key never reaches the settings the UI sees', async () => {
    await app.invoke('settings.update', { patch: { captionSize: 'large', glossary: ['Ada'] } });
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
      expect((await fresh.invoke('settings.get', {})).asrModel).toBe('ggml-base'); // the default, not installed
      // Its load fails (not installed): the status says idle, not "loading" forever.
      for (let i = 0; i < 100 && (await fresh.invoke('status.get', {})).state === 'loading'; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await fresh.invoke('status.get', {})).state).toBe('idle');
      const { models } = await fresh.invoke('models.import', { id: 'ggml-test', path: modelFile });
      expect(models.find((m) => m.id === 'ggml-test')?.installed).toBe(true);
      expect((await fresh.invoke('settings.get', {})).asrModel).toBe('ggml-test');
      for (let i = 0; i < 200 && !(await fresh.invoke('status.get', {})).model.loaded; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await fresh.invoke('status.get', {})).model).toEqual({ id: 'ggml-test', loaded: true });
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
