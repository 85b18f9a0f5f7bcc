import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from '../../../test-support/engines/event-log';
import { MemorySecretStore } from '../settings/memory-secrets';
import { createEngineApp, type EngineApp } from '.';

// History through the engine app's commands, as the UI uses it: typed lines (no speech model needed) are final
// captions like spoken ones, so they land in history too.
let dir: string;
let app: EngineApp;
const events = new EventLog();

async function start(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'sotto-app-history-'));
  app = await createEngineApp({ userDataDir: dir, secrets: new MemorySecretStore() });
  app.onEvent(events.push);
}
afterEach(async () => {
  await app?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function typeLine(text: string) {
  const from = events.length;
  await app.invoke('text.translate', { text });
  return (await events.waitFor('caption.final', 1, from))[0]!;
}

/** The history commands answer after the line is on disk only if they wait for the write: poll like a user would. */
async function sessionsWithLines(count: number) {
  for (let i = 0; i < 100; i++) {
    const { sessions } = await app.invoke('history.list', {});
    if (sessions[0]?.lines === count) return sessions;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`history never reached ${count} lines`);
}

describe('engine app history', { timeout: 60_000 }, () => {
  it('keeps typed lines, searches, exports, deletes; retention is a setting', async () => {
    await start();
    await typeLine('The first line');
    await typeLine('A second one');
    const [session] = await sessionsWithLines(2);
    expect(session).toMatchObject({ preview: 'The first line', current: true });
    expect((await app.invoke('history.search', { query: 'second' })).hits.map((h) => h.line.text)).toEqual(['A second one']);
    const file = await app.invoke('history.export', { id: session!.id, format: 'vtt', content: 'source' });
    expect(file.text).toMatch(/^WEBVTT\n\n1\n00:00:00\.000 --> /);

    const { retention } = await app.invoke('history.list', {});
    expect(retention).toBe('30d');
    await app.invoke('settings.update', { patch: { history: { retention: 'off' } } });
    await typeLine('Not kept');
    await new Promise((r) => setTimeout(r, 100));
    expect((await app.invoke('history.get', { id: session!.id })).lines).toHaveLength(2);

    expect((await app.invoke('history.delete', { id: session!.id })).sessions).toEqual([]);
  });

  it('an unwritable history folder: captions keep coming, and the user is told once what to do', async () => {
    await start();
    writeFileSync(join(dir, 'history'), 'not a folder');
    const from = events.length;
    const first = await typeLine('still captioned');
    await typeLine('and again');
    expect(first.text).toBe('still captioned');
    await new Promise((r) => setTimeout(r, 200));
    // (Without a speech model the engine also reports that; only history's own errors count here.)
    const historyErrors = events.events.slice(from).filter((e) => e.type === 'error' && e.code.startsWith('history_'));
    expect(historyErrors).toEqual([expect.objectContaining({ code: 'history_unwritable', recoverable: true, action: expect.stringContaining('writable') })]);
  });

  it('rejects a session id that could name another file', async () => {
    await start();
    const { dispatchInvoke } = await import('../transport/dispatch');
    const reply = await dispatchInvoke(app, { id: 1, command: 'history.export', request: { id: '../settings', format: 'txt' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
