/**
 * Issue 10's findings, each reproduced through the real cloud translator, the openai SDK and the egress against the
 * test server imitating the server that behaves so. The describe blocks follow the issue's "Deliver" items.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudSettings, Settings } from '../../contract';
import { startOpenAiServer, type OpenAiTestServer, type OpenAiTestServerOptions } from '../../../test-support/servers/openai-server';
import { FRENCH_REPLY } from '../../../test-support/servers/openai-faults';
import { createEgress, type AuditRecord } from '../egress';
import { CloudTranslationError, createCloudTranslator } from './cloud';
import { checkEndpoint } from './cloud-check';
import { NO_SECRETS, type EndpointSecrets } from './cloud-endpoint';
import { MemoryParamMemory } from './cloud-params';
import { rejectionAs } from '../../../test-support/expect/rejection';

const KEY = 'sk-quirks-0123456789';
let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: KEY, reasoningModels: ['gpt-5-mini', 'o4-mini'] });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function setup(cloud: Partial<CloudSettings> & Record<string, unknown> = {}, secrets: EndpointSecrets = { ...NO_SECRETS, key: KEY }, on = server) {
  const records: AuditRecord[] = [];
  const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null, onTraffic: (r) => records.push(r) });
  const settings = CloudSettings.parse({ baseUrl: on.url, model: 'test-model', timeoutMs: 5000, maxRetries: 2, ...cloud });
  const memory = new MemoryParamMemory();
  const translator = createCloudTranslator({ egress, settings: () => settings, secrets: () => secrets, memory, backoffMs: 10 });
  return { translator, memory, records, settings };
}

const req = (text: string, extra: Record<string, unknown> = {}) => ({ id: 'cap-1', text, sourceLanguage: 'en', targetLanguage: 'de', ...extra });

const failure = (promise: Promise<unknown>): Promise<CloudTranslationError> => rejectionAs(promise, CloudTranslationError);

const bodyOf = (i: number) => JSON.parse(server.requests[i]!.body) as Record<string, unknown>;

describe('3. tolerant streams and error shapes', () => {
  it('an invalid-request error inside a 200 stream is not retried and keeps the server message', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'stream-error', error: { message: 'Content policy says no.', type: 'invalid_request_error', param: null, code: null } });
    const e = await failure(translator.translate(req('hello world')));
    expect(e.code).toBe('CLOUD_BAD_REQUEST');
    expect(e.message).toContain('Content policy says no.');
    expect(server.requests).toHaveLength(1);
  });

  it('a server error inside a stream is retried like a 5xx (vLLM sends a numeric code)', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'stream-error', error: { object: 'error', message: 'engine died', type: 'InternalServerError', code: 500 } });
    expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
    expect(server.requests).toHaveLength(2);
  });

  it.each(['no-finish-reason', 'truncated-stream'] as const)('%s after content counts as complete: one request, the text kept', async (kind) => {
    const { translator } = setup();
    server.queueFaults({ kind });
    expect((await translator.translate(req('hello world the meeting'))).text).toBe('[de] HALLO WELT DIE BESPRECHUNG');
    expect(server.requests).toHaveLength(1);
  });

  it('a JSON completion to a stream request is taken as the answer, and shown', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'ignore-stream' });
    const partials: string[] = [];
    const result = await translator.translate(req('hello world', { onPartial: (t: string) => partials.push(t) }));
    expect(result.text).toBe('[de] HALLO WELT');
    expect(partials.at(-1)).toBe('[de] HALLO WELT');
    expect(server.requests).toHaveLength(1);
  });

  it('finish_reason "length" marks the line truncated', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'length' });
    const result = await translator.translate(req('hello world the meeting is at ten'));
    expect(result).toMatchObject({ text: '[de] HALLO', truncated: true });
  });

  it.each([
    ['vLLM top level', 400, '{"object":"error","message":"This model\'s maximum context length is 2048 tokens.","type":"BadRequestError","param":null,"code":400}', 'application/json', 'maximum context length'],
    ['FastAPI detail', 422, '{"detail":[{"loc":["body","messages"],"msg":"field required","type":"missing"}]}', 'application/json', 'field required'],
    ['error as a string', 400, '{"error":"model is still loading"}', 'application/json', 'still loading'],
    ['plain text', 502, 'upstream connect error', 'text/plain', 'upstream connect error'],
  ])('an error body in %s shape gives its message', async (_shape, status, body, contentType, said) => {
    const { translator } = setup({ maxRetries: 0 });
    server.queueFaults({ kind: 'error-body', status, body, contentType });
    const e = await failure(translator.translate(req('hello world')));
    expect(e.message).toContain(said);
    expect(e.message).not.toContain('no body');
  });
});

describe('2. thinking removed', () => {
  it('a <think> block is never shown, in partials or the final text', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'think', text: 'The user wants German. I will translate hello as hallo.' });
    const partials: string[] = [];
    const result = await translator.translate(req('hello world', { onPartial: (t: string) => partials.push(t) }));
    expect(result.text).toBe('[de] HALLO WELT');
    for (const p of partials) expect(p).not.toMatch(/think|user wants|</i);
  });

  it('an empty think block and reasoning deltas are ignored too', async () => {
    const { translator } = setup();
    server.queueFaults({ kind: 'think', text: '' }, { kind: 'reasoning-deltas' });
    expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
    expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
  });
});

describe('1. parameters that fit the model', () => {
  it('a reasoning model refusing temperature: retried once without it, and remembered for the next line', async () => {
    const { translator, memory } = setup({ model: 'gpt-5-mini' });
    expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
    expect(server.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(bodyOf(0).temperature).toBe(0);
    expect(bodyOf(1).temperature).toBeUndefined();
    expect(memory.get(`${server.url} gpt-5-mini`)).toMatchObject({ temperature: false, reasoning: true });
    await translator.translate(req('hello world'));
    expect(server.requests).toHaveLength(3); // the second line is right the first time
  });

  it('max_tokens refused: max_completion_tokens instead; the OpenAI preset knows its reasoning models from the start', async () => {
    const { translator } = setup({ model: 'o4-mini', preset: 'ollama' });
    await translator.translate(req('hello world'));
    expect(server.requests.map((r) => r.status)).toEqual([400, 400, 200]);
    expect(bodyOf(2)).toMatchObject({ max_completion_tokens: expect.any(Number) });
    expect(bodyOf(2).max_tokens).toBeUndefined();
    server.reset();
    await setup({ model: 'gpt-5-mini', preset: 'openai' }).translator.translate(req('hello world'));
    expect(server.requests).toHaveLength(1);
    expect(bodyOf(0).temperature).toBeUndefined();
  });

  it('the output bound is sized from the input, with the name the server reads', async () => {
    const { translator } = setup({ preset: 'ollama' });
    await translator.translate(req('hello'));
    await translator.translate(req('hello world the meeting is at ten '.repeat(8)));
    const [short, long] = [bodyOf(0).max_tokens as number, bodyOf(1).max_tokens as number];
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short);
    await setup({ preset: 'openai' }).translator.translate(req('hello'));
    expect(bodyOf(2).max_completion_tokens).toBe(short);
  });
});

describe('1. parameters a server refuses by name', () => {
  it.each([
    ['stream_options', 'stream_options'],
    ['max_completion_tokens', 'max_tokens'],
  ])('a server refusing %s (older Groq, older Azure API versions): the next try goes without it', async (field, instead) => {
    await withServer({ rejectFields: [field] }, async (strict) => {
      const { translator } = setup({ baseUrl: strict.url, preset: 'openai' }, NO_SECRETS, strict);
      expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
      expect(strict.requests.map((r) => r.status)).toEqual([400, 200]);
      const retried = JSON.parse(strict.requests[1]!.body) as Record<string, unknown>;
      expect(retried[field]).toBeUndefined();
      if (instead !== field) expect(retried[instead]).toEqual(expect.any(Number));
    });
  });
});

describe('4. timeouts that fit streaming', () => {
  it('a slow model that keeps streaming is not cut by the idle timeout, however long it takes in all', async () => {
    const { translator } = setup({ timeoutMs: 1000 });
    server.queueFaults({ kind: 'slow', delayMs: 250 });
    const result = await translator.translate(req('hello world the meeting is at ten hello world good morning'));
    expect(result.text).toBe('[de] HALLO WELT DIE BESPRECHUNG IST UM ZEHN HALLO WELT GUT MORGEN');
    expect(server.requests).toHaveLength(1);
  });

  it('an endpoint that goes quiet: CLOUD_TIMEOUT naming the idle wait, not retried', async () => {
    const { translator } = setup({ timeoutMs: 1000 });
    server.queueFaults({ kind: 'hang' });
    const e = await failure(translator.translate(req('hello')));
    expect(e.code).toBe('CLOUD_TIMEOUT');
    expect(e.message).toMatch(/sent nothing for 1\.0 s/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('5. clean output', () => {
  it.each([
    [{ kind: 'prose' as const }],
    [{ kind: 'prose' as const, before: 'Sure! Here is the translation into German:\n“', after: '”' }],
    [{ kind: 'echo-tags' as const }],
  ])('%o: the wrapping is removed', async (fault) => {
    const { translator } = setup();
    server.queueFaults(fault);
    const partials: string[] = [];
    expect((await translator.translate(req('hello world', { onPartial: (t: string) => partials.push(t) }))).text).toBe('[de] HALLO WELT');
    for (const p of partials) expect(p).not.toMatch(/here|translation|transcript/i);
  });

  it('a reply in the wrong language is a failed attempt, with the reason', async () => {
    const { translator } = setup({ maxRetries: 0 });
    server.queueFaults({ kind: 'wrong-language' });
    const e = await failure(translator.translate(req('hello world the meeting is at ten')));
    expect(e.code).toBe('CLOUD_UNUSABLE');
    expect(e.message).toMatch(/in French, not German/);
    expect(FRENCH_REPLY).toMatch(/réunion/);
  });
});

describe('10. no credential in what a server says back', () => {
  it('a 401 body echoing the key reaches neither the error nor the audit', async () => {
    const { translator, records } = setup();
    server.queueFaults({ kind: 'echo-key' });
    const e = await failure(translator.translate(req('hello')));
    expect(e.code).toBe('CLOUD_AUTH');
    expect(e.message).toContain('[redacted]');
    expect(JSON.stringify([e.message, e.action, records])).not.toContain(KEY);
  });
});

/** Servers of other flavours, started per test. */
async function withServer<T>(options: OpenAiTestServerOptions, run: (s: OpenAiTestServer) => Promise<T>): Promise<T> {
  const s = await startOpenAiServer(options);
  try {
    return await run(s);
  } finally {
    await s.close();
  }
}

describe('6. endpoint setup that just works', () => {
  it("Ollama's documented root URL and a pasted …/chat/completions URL both work", async () => {
    await withServer({ flavour: 'ollama' }, async (ollama) => {
      for (const baseUrl of [ollama.origin, `${ollama.origin}/v1/chat/completions`]) {
        const { translator } = setup({ baseUrl, preset: 'ollama', authStyle: 'none' }, NO_SECRETS, ollama);
        expect((await translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
      }
      expect(ollama.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
      // No key: no Authorization header at all.
      expect(ollama.requests[0]!.rawHeaders.map((h) => h.toLowerCase())).not.toContain('authorization');
    });
  });

  it('a wrong path on Ollama (plain-text 404) says the URL path, not the model', async () => {
    await withServer({ flavour: 'ollama' }, async (ollama) => {
      const { translator } = setup({ baseUrl: `${ollama.origin}/api`, preset: 'ollama', maxRetries: 0 }, NO_SECRETS, ollama);
      const e = await failure(translator.translate(req('hello')));
      expect(e.code).toBe('CLOUD_NOT_FOUND');
      expect(e.message).toContain('404 page not found');
      expect(e.action).toMatch(/base URL path/);
    });
  });

  it('an unknown model says the model name', async () => {
    await withServer({ flavour: 'ollama', models: ['llama3.1'] }, async (ollama) => {
      const { translator } = setup({ baseUrl: `${ollama.url}`, model: 'llama9', maxRetries: 0 }, NO_SECRETS, ollama);
      const e = await failure(translator.translate(req('hello')));
      expect(e.code).toBe('CLOUD_MODEL');
      expect(e.message).toContain('model "llama9" not found');
    });
  });

  it('Azure v1 with the api-key header; the classic route with ?api-version in the URL (kept as a parameter) too', async () => {
    await withServer({ flavour: 'azure', apiKey: KEY, deployments: ['gpt4o-de'] }, async (azure) => {
      const secrets = { ...NO_SECRETS, key: KEY };
      const v1 = setup({ baseUrl: azure.url, model: 'gpt4o-de', preset: 'azure', authStyle: 'api-key' }, secrets, azure);
      expect((await v1.translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
      const classicUrl = `${azure.origin}/openai/deployments/gpt4o-de?api-version=2024-10-21`;
      const classic = setup({ baseUrl: classicUrl, model: 'gpt4o-de', preset: 'azure', authStyle: 'api-key' }, secrets, azure);
      // A settings file with such a URL loads, the query moved into parameters (a valid file is never reset).
      const loaded = Settings.parse({ cloud: { baseUrl: classicUrl, model: 'gpt4o-de' } }).cloud;
      expect(loaded).toMatchObject({ baseUrl: `${azure.origin}/openai/deployments/gpt4o-de`, query: [{ name: 'api-version', value: '2024-10-21', secret: false }] });
      expect((await classic.translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
      expect(azure.requests.map((r) => r.path)).toEqual(['/openai/v1/chat/completions', '/openai/deployments/gpt4o-de/chat/completions?api-version=2024-10-21']);
      const header = (i: number) => azure.requests[i]!.rawHeaders.map((h) => h.toLowerCase());
      expect(header(1)).toContain('api-key');
      expect(header(1)).not.toContain('authorization');
    });
  });

  it('a gateway header whose value is a secret is sent, and scrubbed from what comes back', async () => {
    await withServer({ requireHeaders: { 'X-Gateway-Token': 'gw-secret-98765' } }, async (gateway) => {
      const settings = { baseUrl: gateway.url, headers: [{ name: 'X-Gateway-Token', value: '', secret: true }] };
      const without = setup({ ...settings, maxRetries: 0 }, NO_SECRETS, gateway);
      expect((await failure(without.translator.translate(req('hello')))).code).toBe('CLOUD_AUTH');
      const withSecret = setup(settings, { key: null, headers: { 'X-Gateway-Token': 'gw-secret-98765' }, query: {} }, gateway);
      expect((await withSecret.translator.translate(req('hello world'))).text).toBe('[de] HALLO WELT');
    });
  });
});

describe('6. Check endpoint says which part is wrong', () => {
  it('the URL path, the key or the model name, with the served models and the server message, and never the key', async () => {
    await withServer({ flavour: 'ollama', apiKey: KEY, models: ['llama3.1', 'qwen3'] }, async (ollama) => {
      const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
      const check = (cloud: Record<string, unknown>, key: string | null) => checkEndpoint(egress, CloudSettings.parse({ baseUrl: ollama.origin, model: 'llama3.1', ...cloud }), () => ({ ...NO_SECRETS, key }));
      expect(await check({}, KEY)).toMatchObject({ state: 'reachable', problem: null, models: ['llama3.1', 'qwen3'] });
      expect((await check({}, KEY)).message).toMatch(/\/v1 was added to the root URL/);
      expect(await check({ model: 'llama9' }, KEY)).toMatchObject({ problem: 'model', message: expect.stringMatching(/"llama9" is not among the served models.*llama3\.1, qwen3/) });
      const wrongKey = await check({}, 'sk-wrong-key-000000');
      expect(wrongKey).toMatchObject({ state: 'unreachable', problem: 'key' });
      const wrongPath = await check({ baseUrl: `${ollama.origin}/api` }, KEY);
      expect(wrongPath).toMatchObject({ problem: 'url', message: expect.stringContaining('404 page not found') });
      expect(JSON.stringify([wrongKey, wrongPath])).not.toContain(KEY);
      egress.close();
    });
  });
});
