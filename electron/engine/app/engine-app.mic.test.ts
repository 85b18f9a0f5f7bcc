import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatWithSilence, synthSpeech } from '../../../test-support/audio/speech';
import { startVirtualMic, virtualMicUnavailableReason, type VirtualMic } from '../../../test-support/audio/virtual-mic';
import { EventLog } from '../../../test-support/engines/event-log';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { ensureTestWhisperModel } from '../../../test-support/models/test-assets';
import type { CaptionFinal } from '../../contract';
import { MemorySecretStore } from '../settings/memory-secrets';
import { createEngineApp, type EngineApp } from '.';

/**
 * The whole pipeline for real: PulseAudio virtual microphone → pvrecorder → segmenter (push-to-talk gate or
 * Silero VAD) → whisper.cpp (random-weight model: garbage text, so assert on flow) → device translation → ledger.
 * Only these cases need the microphone; the rest of the engine app is in engine-app.test.ts.
 */
const unavailable = virtualMicUnavailableReason();
if (unavailable) console.warn(`Skipping the engine app's microphone tests: ${unavailable}`);

let mic: VirtualMic;
let dir: string;
let app: EngineApp;
const events = new EventLog();
const waitFor = events.waitFor.bind(events);
let oneUtterance: string;
let twoUtterances: string;

beforeAll(async () => {
  if (unavailable) return;
  dir = mkdtempSync(join(tmpdir(), 'sotto-app-mic-'));
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
  app.onEvent(events.push);
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
    const partials = events.events.slice(from).filter((e) => e.type === 'caption.partial');
    for (const p of partials) expect(p.id).toBe(final!.id);
  });

  it('hands-free: two utterances separated by silence → two captions, in order, and silence yields nothing', async () => {
    await app.invoke('mode.set', { mode: 'hands-free' });
    const from = events.length;
    await app.invoke('listen.set', { on: true });
    await mic.play(twoUtterances);
    const finals = await waitFor('caption.final', 2, from);
    await app.invoke('listen.set', { on: false });
    const all = events.events.slice(from).filter((e): e is CaptionFinal => e.type === 'caption.final');
    expect(all).toHaveLength(2);
    expect(finals[1]!.start_ms).toBeGreaterThan(finals[0]!.end_ms);
    expect(new Set(all.map((f) => f.id)).size).toBe(2);
  });
});
