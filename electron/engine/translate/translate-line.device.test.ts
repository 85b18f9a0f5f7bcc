import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, Settings } from '../../contract';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress } from '../egress';
import { createCloudTranslator } from './cloud';
import { DeviceTranslator } from './device';
import { makeModelsDir } from '../../../test-support/models/device-test-models';
import { translateLine } from './translate-line';

// The lanes around the REAL device translator (transformers.js + onnxruntime, generated en→de MarianMT model).
let server: OpenAiTestServer;
let modelsDir: string;
let device: DeviceTranslator;
beforeAll(async () => {
  server = await startOpenAiServer();
  modelsDir = await makeModelsDir(['en-de']);
  device = new DeviceTranslator({ modelsDir });
});
afterAll(async () => {
  await device.dispose?.();
  await server.close();
  await rm(modelsDir, { recursive: true, force: true });
});

function setup(allLocal: boolean) {
  const settings = Settings.parse({
    ...defaultSettings(),
    allLocal,
    cloud: { baseUrl: server.url, model: 'm', timeoutMs: 2000, maxRetries: 0 },
    routing: { maxDeviceWords: 3, minAsrConfidence: 0.5 },
  });
  const egress = createEgress({ allLocal: () => settings.allLocal, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
  const cloud = createCloudTranslator({ egress, settings: () => settings.cloud, apiKey: () => null });
  const run = (text: string) =>
    translateLine({ id: 'x', text, sourceLanguage: 'en', targetLanguage: 'de', confidence: { mean_token_prob: 0.9, no_speech_prob: 0 }, settings }, { device, cloud });
  return { run, egress };
}

describe('translateLine with the real device translator', () => {
  it('a failing cloud falls back to the device model, which really translates', async () => {
    server.reset();
    server.queueFaults({ kind: 'server-error' });
    const r = await setup(false).run('Good morning, the house is big.');
    expect(r).toMatchObject({ lane: 'device', fallback: true, translation: 'gut morgen, die haus ist groß.' });
    expect(r.fallback_reason).toMatch(/HTTP 500/);
    expect(r.bytes.sent).toBe(server.bytesReceived());
  });

  it('cascade on the model’s own confidence: known words stay, unknown words go to the cloud', async () => {
    server.reset();
    const { run } = setup(false);
    expect(await run('hello world')).toMatchObject({ lane: 'device', translation: 'hallo welt', fallback: false });
    const unsure = await run('zebra giraffe');
    expect(unsure).toMatchObject({ lane: 'cloud', translation: '[de] ZEBRA GIRAFFE' });
    expect(unsure.features.device_logprob).toBeLessThan(-1.2);
  });

  it('all-local: the server sees no connection, the device model translates every line', async () => {
    server.reset();
    const { run, egress } = setup(true);
    for (const text of ['Good morning, the house is big.', 'zebra giraffe', 'hello world']) {
      const r = await run(text);
      expect(r).toMatchObject({ lane: 'device', lane_reason: 'all-local mode', bytes: { sent: 0, received: 0 } });
    }
    expect(server.connections()).toBe(0);
    expect(egress.totals().translation.requests).toBe(0);
  });
});
