import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, Settings, type CaptionFinal, type EngineEvent } from '../../contract';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress } from '../egress';
import { Pipeline } from '../pipeline/pipeline';
import { route } from '../route/router';
import { Budget, FileBudgetStore, type BudgetStore, type Spent } from './budget';
import { Ledger } from './ledger';

/** 9. A cloud budget: counted from usage, kept over restarts, and when spent lines stay on the device with the reason. */

const memoryStore = (): BudgetStore & { saved: Spent | null } => {
  const store = { saved: null as Spent | null, load: () => store.saved, save: (s: Spent) => (store.saved = { ...s }) };
  return store;
};
const line = (requests: number, usage: { prompt_tokens: number; completion_tokens: number } | null) => ({ cloud: { requests, usage }, bytes: { sent: 400, received: 800 } });

describe('Budget', () => {
  it('counts requests, tokens from usage (estimated from bytes without it) and dollars at the price', () => {
    const budget = new Budget(memoryStore(), () => new Date(2026, 11, 5));
    budget.add(line(2, { prompt_tokens: 100, completion_tokens: 20 }), { input: 1, output: 10 });
    budget.add(line(1, null), null);
    expect(budget.left({ kind: 'requests', limit: 10 })).toMatchObject({ spent: 3, left: 7, month: '2026-12' });
    expect(budget.left({ kind: 'tokens', limit: 1000 })).toMatchObject({ spent: 120 + 100 + 50 });
    expect(budget.left({ kind: 'usd', limit: 1 })!.spent).toBeCloseTo((100 * 1 + 20 * 10) / 1e6);
    expect(budget.spentReason({ kind: 'requests', limit: 3 })).toBe('monthly cloud budget spent (3 of 3 requests)');
    expect(budget.spentReason({ kind: 'off', limit: 0 })).toBeNull();
  });

  it('survives a restart within the month and starts over in the next', () => {
    const store = memoryStore();
    let now = new Date(2026, 11, 30);
    new Budget(store, () => now).add(line(4, null), null);
    expect(new Budget(store, () => now).left({ kind: 'requests', limit: 5 })!.spent).toBe(4);
    now = new Date(2027, 0, 1);
    expect(new Budget(store, () => now).left({ kind: 'requests', limit: 5 })).toMatchObject({ spent: 0, month: '2027-01' });
  });

  it('keeps its counts in a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotto-budget-'));
    try {
      const store = new FileBudgetStore(join(dir, 'cloud-budget.json'));
      new Budget(store).add(line(2, null), null);
      await expect.poll(() => new Budget(new FileBudgetStore(join(dir, 'cloud-budget.json'))).left({ kind: 'requests', limit: 9 })?.spent).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the router keeps a line that would go to the cloud on the device, saying why', () => {
    const base = { text: 'a b c d e f g', sourceLanguage: 'en', targetLanguage: 'de', asrConfidence: { mean_token_prob: 0.9, no_speech_prob: 0 }, allLocal: false, cloudConfigured: true, deviceSupportsPair: true, whisperTranslateAvailable: false, routing: { ...defaultSettings().routing, maxDeviceWords: 1 } };
    expect(route(base)).toMatchObject({ kind: 'cloud' });
    expect(route({ ...base, budgetSpent: 'monthly cloud budget spent (3 of 3 requests)' })).toMatchObject({ kind: 'device', reason: 'on the device: monthly cloud budget spent (3 of 3 requests)' });
    expect(route({ ...base, deviceSupportsPair: false, budgetSpent: 'monthly cloud budget spent' })).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/budget spent/) });
  });
});

describe('a session with a budget of two requests', { timeout: 120_000 }, () => {
  let server: OpenAiTestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenAiServer();
    dir = mkdtempSync(join(tmpdir(), 'sotto-budget-session-'));
    await ensureTestTranslator(join(dir, 'models'), 'en-de');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends two lines, keeps the third on the device with the reason, and the ledger shows nothing left', async () => {
    const settings = Settings.parse({ allLocal: false, sourceLanguage: 'en', targetLanguage: 'de', routing: { maxDeviceWords: 1 }, cloud: { baseUrl: server.url, model: 'm', budget: { kind: 'requests', limit: 2 } } });
    const finals: CaptionFinal[] = [];
    const ledger = new Ledger({ budget: new Budget(), budgetSettings: () => settings.cloud.budget });
    const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
    const emit = (e: EngineEvent): void => void (e.type === 'caption.final' && finals.push(e));
    const pipeline = new Pipeline({ settings: () => settings, asr: () => Promise.reject(new Error('text only')), egress, apiKey: () => null, modelsDir: join(dir, 'models'), emit, ledger });
    try {
      const session = await pipeline.textSession();
      for (const text of ['hello world', 'good morning', 'hello world']) session.translateText(text);
      await session.drain();
    } finally {
      await pipeline.dispose();
    }
    expect(finals.map((f) => f.lane)).toEqual(['cloud', 'cloud', 'device']);
    expect(finals[2]).toMatchObject({ translation: 'hallo welt', lane_reason: 'on the device: monthly cloud budget spent (2 of 2 requests)', bytes: { sent: 0 } });
    expect(server.requests).toHaveLength(2);
    expect(ledger.totals().budget).toMatchObject({ kind: 'requests', limit: 2, spent: 2, left: 0 });
  });
});
