import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalCaption } from '../../../test-support/history/captions';
import type { EngineEvent, HistoryRetention } from '../../contract';
import { History } from '.';
import { SESSION_IDLE_MS } from './recorder';

const DAY = 24 * 3_600_000;
let dir: string;
let clock: number;
let retention: HistoryRetention;
let reports: EngineEvent[];
let ids: string[];
let history: History;

const open = () => {
  let n = 0;
  return new History({ dir, retention: () => retention, report: (e) => reports.push(e), now: () => clock, sessionId: () => ids[n++] ?? `20250301-0000${String(n).padStart(2, '0')}-zzzz` });
};

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'sotto-history-')), 'history');
  clock = Date.UTC(2025, 2, 1, 12);
  retention = '30d';
  reports = [];
  ids = ['20250301-120000-aaaa', '20250301-130000-bbbb', '20250301-140000-cccc'];
  history = open();
});
afterEach(async () => {
  await history.close();
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

async function say(text: string, o: Parameters<typeof finalCaption>[1] = {}, advanceMs = 5000): Promise<void> {
  clock += advanceMs;
  await history.record(finalCaption(text, o));
}

describe('history', () => {
  it('keeps each final caption in one file per session, with times relative to the session start', async () => {
    await say('Good morning.', { translation: 'Guten Morgen.', audioMs: 1000, totalMs: 200 });
    await say('Second line.', { audioMs: 2000, totalMs: 300 });
    const [session] = await history.list();
    expect(session).toMatchObject({ id: ids[0], lines: 2, preview: 'Good morning.', translated: true, current: true });
    const { lines } = await history.get(ids[0]!);
    // Line 1 started 1.2 s before it arrived (1 s of speech + 0.2 s of processing): that is the session's zero.
    expect(lines.map((l) => [l.start_ms, l.end_ms])).toEqual([[0, 1000], [5000 + 1200 - 2300, 5000 + 1200 - 2300 + 2000]]);
    expect(readdirSync(dir)).toEqual([`${ids[0]}.jsonl`]);
  });

  it('starts a new session after a long pause, and after the current one was deleted', async () => {
    await say('one');
    await say('two', {}, SESSION_IDLE_MS + 1);
    expect((await history.list()).map((s) => s.id)).toEqual([ids[1], ids[0]]);
    await history.delete(ids[1]!);
    await say('three');
    expect((await history.list()).map((s) => [s.id, s.lines, s.current])).toEqual([[ids[2], 1, true], [ids[0], 1, false]]);
  });

  it('retention off saves nothing new; 24 h removes sessions whose last line is older', async () => {
    retention = 'off';
    await say('not kept');
    expect(await history.list()).toEqual([]);
    retention = '24h';
    await say('kept for a day');
    await history.close();
    history = open();
    clock += DAY + 1;
    expect(await history.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('30 days and forever keep a day-old session', async () => {
    await say('hello');
    await history.close();
    history = open();
    clock += 2 * DAY;
    expect(await history.list()).toHaveLength(1);
    retention = 'forever';
    clock += 365 * DAY;
    expect(await history.list()).toHaveLength(1);
  });

  it('searches transcripts and translations, ignoring case and accents', async () => {
    await say('We met at the café', { translation: 'Wir trafen uns im Café' });
    await say('Numbers next', { translation: 'Zahlen' });
    const { hits } = await history.search('CAFE trafen');
    expect(hits.map((h) => h.line.text)).toEqual(['We met at the café']);
    expect((await history.search('zahlen')).hits).toHaveLength(1);
    expect((await history.search('nothing like this')).hits).toEqual([]);
  });

  it('deletes all sessions', async () => {
    await say('one');
    await say('two', {}, SESSION_IDLE_MS + 1);
    await history.clear();
    expect(await history.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exports a session under its own name', async () => {
    await say('Hello', { translation: 'Hallo' });
    const file = await history.export(ids[0]!, 'srt', 'translation');
    expect(file).toMatchObject({ filename: `sotto-${ids[0]}-translation.srt`, mime: 'application/x-subrip' });
    expect(file.text).toContain('Hallo');
    expect(file.text).not.toContain('Hello');
    await expect(history.get('20200101-000000-none')).rejects.toMatchObject({ code: 'history_not_found' });
  });
});

describe('history when the disk says no', () => {
  it('an unwritable folder: one notice with what to do, captions not kept, and saving resumes once it is fixed', async () => {
    writeFileSync(dir, 'a file where the folder should be');
    await say('lost one');
    await say('lost two');
    expect(reports).toEqual([expect.objectContaining({ type: 'error', code: 'history_unwritable', recoverable: true, action: expect.stringContaining(dir) })]);
    rmSync(dir);
    await say('kept');
    expect(reports.at(-1)).toMatchObject({ type: 'notice', code: 'history_resumed' });
    const [session] = await history.list();
    expect((await history.get(session!.id)).lines.map((l) => l.text)).toEqual(['kept']);
  });

  it.runIf(existsSync('/dev/full'))('a full disk (ENOSPC from /dev/full): a disk-full notice, once', async () => {
    mkdirSync(dir, { recursive: true });
    symlinkSync('/dev/full', join(dir, `${ids[0]}.jsonl`));
    await say('one');
    await say('two');
    expect(reports).toEqual([expect.objectContaining({ type: 'error', code: 'history_disk_full', message: expect.stringContaining('disk is full') })]);
  });
});
