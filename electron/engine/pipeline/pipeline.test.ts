import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../../test-support/engines/event-log';
import { makeModelsDir } from '../../../test-support/models/device-test-models';
import { defaultSettings, type Settings } from '../../contract';
import type { AsrModel } from '../asr/types';
import { createEgress } from '../egress';
import { Pipeline } from './pipeline';

const settings: Settings = { ...defaultSettings(), sourceLanguage: 'en', targetLanguage: 'de', allLocal: true, asrThreads: 1 };
const egress = createEgress({ allLocal: () => true, allowedHosts: () => [], auditLogPath: null });
const fakeAsr = (): AsrModel => ({ transcribe: () => Promise.reject(new Error('not used here')) });
let modelsDir: string;

beforeAll(async () => {
  modelsDir = await makeModelsDir(['en-de']);
});
afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

describe('Pipeline', () => {
  it('keeps one session while the speech model stays, and starts a new one when it changes', async () => {
    let model = fakeAsr();
    const pipeline = new Pipeline({ settings: () => settings, asr: async () => model, egress, apiKey: () => null, modelsDir, emit: () => undefined });
    const first = await pipeline.session();
    expect(await pipeline.session()).toBe(first);
    model = fakeAsr();
    expect(await pipeline.session()).not.toBe(first);
    await pipeline.dispose();
  });

  it('translates typed lines on the device when no speech model loads, into its own ledger', async () => {
    const log = new EventLog();
    const pipeline = new Pipeline({
      settings: () => settings,
      asr: () => Promise.reject(new Error('no speech model installed')),
      egress,
      apiKey: () => null,
      modelsDir,
      emit: log.push,
    });
    await expect(pipeline.session()).rejects.toThrow('no speech model installed');
    const id = (await pipeline.textSession()).translateText('hello world');
    const [final] = await log.waitFor('caption.final', 1);
    expect(final).toMatchObject({ id, translation: 'hallo welt', lane: 'device' });
    expect(pipeline.ledger.totals().lines_device).toBe(1);
    await pipeline.dispose();
  });
});
