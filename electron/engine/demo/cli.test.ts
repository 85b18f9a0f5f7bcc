import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt, parseVtt } from '../../../test-support/history/parsers';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { ensureTestWhisperModel, repoRoot } from '../../../test-support/models/test-assets';
import { EngineEvent, type CaptionFinal, type SessionSummary } from '../../contract';

// `npm run demo` as a user runs it: a child process, NDJSON on stdout, every line a contract event.
const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = join(repoRoot, 'electron', 'engine', 'demo', 'cli.ts');

let dir: string;
let model: string;
let translators: string;
let server: OpenAiTestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-demo-'));
  model = await ensureTestWhisperModel('test');
  translators = join(dir, 'translators');
  await ensureTestTranslator(translators, 'en-de');
  server = await startOpenAiServer({ apiKey: 'sk-demo' });
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function demo(args: string[]): Promise<EngineEvent[]> {
  const { stdout } = await run(tsx, [cli, '--json', '--user-data', join(dir, 'user'), '--threads', '1', ...args], { cwd: repoRoot, maxBuffer: 32 << 20 });
  return stdout
    .trim()
    .split('\n')
    .map((line) => EngineEvent.parse(JSON.parse(line)));
}

const finals = (events: EngineEvent[]) => events.filter((e): e is CaptionFinal => e.type === 'caption.final');
const summaryOf = (events: EngineEvent[]) => events.at(-1) as SessionSummary;

describe('npm run demo', { timeout: 180_000 }, () => {
  it('transcribes the bundled sample on the device and ends with the session summary', async () => {
    const events = await demo(['--model', model]);
    expect(finals(events).length).toBeGreaterThanOrEqual(1);
    const summary = summaryOf(events);
    expect(summary.type).toBe('session.summary');
    expect(summary.captions).toBe(finals(events).length);
    expect(summary.bytes_sent).toBe(0);
    expect(summary.audio_bytes_processed).toBeGreaterThan(0);
    expect(summary.data_kept_percent).toBe(100);
  });

  it('translates a typed line on the device lane (--local-only)', async () => {
    const events = await demo(['--text', 'hello world', '--to', 'de', '--translators', translators, '--local-only']);
    const [line] = finals(events);
    expect(line).toMatchObject({ translation: 'hallo welt', lane: 'device', fallback: false });
    expect(line!.lane_reason).toBeTruthy();
    expect(summaryOf(events).lines_device).toBe(1);
  });

  it('sends a long typed line to the cloud lane; bytes_sent equals what the server received', async () => {
    server.reset();
    const text = 'hello world this is a long line that the router sends to the cloud because it has many words in it today';
    const events = await demo(['--text', text, '--to', 'de', '--translators', translators, '--endpoint', server.url, '--api-key', 'sk-demo']);
    const [line] = finals(events);
    expect(line!.lane).toBe('cloud');
    expect(line!.translation).toBeTruthy();
    const summary = summaryOf(events);
    expect(summary.lines_cloud).toBe(1);
    expect(summary.bytes_sent).toBe(server.bytesReceived());
    expect(summary.bytes_sent).toBeGreaterThan(0);
  });

  it('several --endpoint flags are replicas: a dead first one hands the line to the next; --header and --timeout-idle apply', async () => {
    const gateway = await startOpenAiServer({ requireHeaders: { 'X-Gateway-Token': 'gw-demo-secret-1' } });
    try {
      const text = 'hello world this is a long line that the router sends to the cloud because it has many words in it today';
      const dead = 'http://127.0.0.1:9/v1';
      const events = await demo(['--text', text, '--to', 'de', '--translators', translators, '--endpoint', dead, '--endpoint', gateway.url, '--header', 'X-Gateway-Token:gw-demo-secret-1', '--timeout-idle', '5']);
      const [line] = finals(events);
      expect(line).toMatchObject({ lane: 'cloud', fallback: false, cloud: { endpoint: new URL(gateway.url).origin } });
      expect(gateway.requests).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain('gw-demo-secret-1');
    } finally {
      await gateway.close();
    }
  });

  it('without a model says exactly how to get one, not a stack trace', async () => {
    const failure = await run(tsx, [cli, '--user-data', join(dir, 'empty')], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toMatch(/No speech model is installed/);
    expect(stderr).toMatch(/--model/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('--srt/--vtt/--txt write the captions through the same exporter, times from the start of the audio', async () => {
    const out = (ext: string) => join(dir, `sample.${ext}`);
    const events = await demo(['--model', model, '--srt', out('srt'), '--vtt', out('vtt'), '--txt', out('txt')]);
    const lines = finals(events);
    expect(lines.length).toBeGreaterThan(0);
    const vtt = parseVtt(readFileSync(out('vtt'), 'utf8'));
    expect(vtt.errors).toEqual([]);
    expect(vtt.cues.map((c) => c.startTime)).toEqual(lines.map((l) => l.start_ms / 1000));
    const srt = parseSrt(readFileSync(out('srt'), 'utf8'));
    expect(srt.map((c) => c.text)).toEqual(lines.map((l) => l.text.trim()).filter(Boolean));
    expect(readFileSync(out('txt'), 'utf8').split('\n')[0]).toMatch(/^\[00:00:\d\d\] /);
  });

  it('rejects a bad flag with usage', async () => {
    const failure = await run(tsx, [cli, '--to', 'German'], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toMatch(/Usage:/);
  });
});
