import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Settings, defaultSettings, type SettingsPatch } from '../../contract';
import { SettingsError } from './errors';
import { SETTINGS_FILE, SettingsStore } from './store';

let dir: string;
const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');
const keptName = `${SETTINGS_FILE}.corrupt-2026-01-02T03-04-05-678Z`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => SettingsStore.open({ dir, now: fixedNow });
const readJson = async () => JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as unknown;

describe('SettingsStore: loading', () => {
  it('starts with defaults and no notice on first run, without touching the disk', async () => {
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotices).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('creates a missing settings folder', async () => {
    const nested = join(dir, 'a', 'b');
    const store = await SettingsStore.open({ dir: nested });
    await store.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(join(nested, SETTINGS_FILE), 'utf8')).theme).toBe('dark');
  });

  it('reads a valid file and fills fields it lacks with defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, targetLanguage: 'de', cloud: { model: 'm1' } }));
    const store = await open();
    expect(store.get().targetLanguage).toBe('de');
    expect(store.get().cloud).toEqual({ ...defaultSettings().cloud, model: 'm1' });
    expect(store.loadNotices).toEqual([]);
  });

  const corrupt: Array<[string, string, RegExp]> = [
    ['bad JSON', '{"version": 1, "allLocal": tru', /not valid JSON/],
    ['an empty file (crash during a non-atomic write)', '', /empty/],
    ['a JSON array', '[1, 2]', /not a JSON object/],
    ['a JSON number', '42', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['wrong types', JSON.stringify({ version: 1, allLocal: 'yes', asrThreads: -3 }), /invalid \(.*allLocal/],
    ['an unknown version', JSON.stringify({ version: 2, allLocal: false }), /different version of Sotto \(format version 2/],
    ['a version of the wrong type', JSON.stringify({ version: '1' }), /different version/],
  ];
  for (const [what, text, problem] of corrupt) {
    it(`falls back to defaults with a notice and keeps the file for ${what}`, async () => {
      await writeFile(join(dir, SETTINGS_FILE), text);
      const store = await open();
      expect(store.get()).toEqual(defaultSettings());
      expect(store.loadNotices).toHaveLength(1);
      const [notice] = store.loadNotices;
      expect(notice).toMatchObject({ type: 'notice', level: 'warning', code: 'settings_corrupt' });
      expect(notice!.message).toMatch(problem);
      expect(notice!.message).toContain(join(dir, keptName));
      // Nothing is lost: the broken bytes are kept verbatim beside the new file.
      expect(await readFile(join(dir, keptName), 'utf8')).toBe(text);
      expect(await readdir(dir)).toEqual([keptName]);
      // And the store works normally afterwards.
      await store.update({ theme: 'light' });
      expect(Settings.parse(await readJson()).theme).toBe('light');
    });
  }

  it('reports an unreadable settings path (a folder where the file should be) with defaults', async () => {
    await mkdir(join(dir, SETTINGS_FILE));
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotices[0]).toMatchObject({ code: 'settings_unreadable' });
    expect(store.loadNotices[0]!.message).toMatch(/EISDIR/);
  });
});

describe('SettingsStore: updates', () => {
  it('round-trips through the file', async () => {
    const store = await open();
    const patch: SettingsPatch = { allLocal: false, targetLanguage: 'fr', cloud: { baseUrl: 'http://127.0.0.1:8080/v1' }, glossary: ['Sotto'] };
    const saved = await store.update(patch);
    expect(saved.cloud).toEqual({ ...defaultSettings().cloud, baseUrl: 'http://127.0.0.1:8080/v1' });
    expect(await readJson()).toEqual(saved);
    const reopened = await open();
    expect(reopened.get()).toEqual(saved);
    expect(reopened.loadNotices).toEqual([]);
  });

  it('rejects an invalid patch with a typed error and changes nothing', async () => {
    const store = await open();
    await store.update({ theme: 'dark' });
    const before = await readFile(join(dir, SETTINGS_FILE), 'utf8');
    for (const bad of [{ asrThreads: -1 }, { hotkey: '' }, { nonsense: true }, { cloud: { baseUrl: 'ftp://x' } }] as unknown as SettingsPatch[]) {
      const error = await store.update(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SettingsError);
      expect(error).toMatchObject({ code: 'settings_invalid_patch' });
      expect((error as SettingsError).action).toMatch(/nothing was changed/);
    }
    expect(store.get().theme).toBe('dark');
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
  });

  it('serializes concurrent updates: each applies on top of the previous one', async () => {
    const store = await open();
    const seen: Array<[Settings, Settings]> = [];
    store.onChange((next, previous) => seen.push([next, previous]));
    const patches: SettingsPatch[] = Array.from({ length: 12 }, (_, i) => ({ asrThreads: i + 1 }));
    patches.push({ theme: 'dark' }, { captionSize: 'large' }, { vad: { threshold: 0.7 } }, { vad: { padMs: 100 } });
    const results = await Promise.all(patches.map((p) => store.update(p)));
    const final = store.get();
    expect(final).toMatchObject({ asrThreads: 12, theme: 'dark', captionSize: 'large' });
    expect(final.vad).toMatchObject({ threshold: 0.7, padMs: 100 });
    expect(results.at(-1)).toEqual(final);
    expect(await readJson()).toEqual(final);
    // The listener saw an unbroken chain: every change starts where the previous ended.
    expect(seen).toHaveLength(patches.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![1]).toBe(seen[i - 1]![0]);
    // No temp files are left behind.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('unsubscribes, and survives a throwing listener', async () => {
    const store = await open();
    const calls: string[] = [];
    store.onChange(() => {
      throw new Error('listener bug');
    });
    const off = store.onChange((s) => calls.push(s.theme));
    await store.update({ theme: 'dark' });
    off();
    await store.update({ theme: 'light' });
    expect(calls).toEqual(['dark']);
    expect(store.get().theme).toBe('light');
  });

  it('reset writes defaults', async () => {
    const store = await open();
    await store.update({ allLocal: false });
    await store.reset();
    expect(store.get()).toEqual(defaultSettings());
    expect(await readJson()).toEqual(defaultSettings());
  });
});

describe('SettingsStore: write failures', () => {
  it('a vanished folder gives a typed error; memory and listeners stay consistent; later writes work', async () => {
    const store = await open();
    await store.update({ theme: 'dark' });
    const changes: Settings[] = [];
    store.onChange((s) => changes.push(s));
    await rm(dir, { recursive: true });
    await writeFile(dir, 'now a file'); // the folder path is a file: ENOTDIR
    const error = await store.update({ theme: 'light' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect(error).toMatchObject({ code: 'settings_write_failed' });
    expect((error as SettingsError).action).toMatch(/previous settings are still in effect/);
    expect(store.get().theme).toBe('dark');
    expect(changes).toEqual([]);
    await rm(dir);
    await mkdir(dir);
    await expect(store.update({ theme: 'light' })).resolves.toMatchObject({ theme: 'light' });
    expect(changes.map((s) => s.theme)).toEqual(['light']);
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot || process.platform === 'win32')('EACCES on a read-only folder → settings_permission_denied (not as root: root ignores modes)', async () => {
    const store = await open();
    await chmod(dir, 0o500);
    try {
      const error = await store.update({ theme: 'dark' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'settings_permission_denied' });
      expect((error as Error).message).toMatch(/EACCES/);
      expect(store.get().theme).toBe('system');
    } finally {
      await chmod(dir, 0o700);
    }
  });

  // Root ignores file modes, so a real read-only or full file system stands in for EACCES/ENOSPC.
  const canMount = isRoot && process.platform === 'linux' && tryMount();
  function tryMount(): boolean {
    try {
      const probe = join(tmpdir(), `sotto-mount-probe-${process.pid}`);
      execFileSync('mkdir', ['-p', probe]);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe]);
      execFileSync('rmdir', [probe]);
      return true;
    } catch {
      return false;
    }
  }

  it.skipIf(!canMount)('a read-only file system (EROFS) → settings_permission_denied, memory unchanged', async () => {
    const mnt = join(dir, 'ro');
    await mkdir(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const store = await SettingsStore.open({ dir: mnt });
      await store.update({ theme: 'dark' });
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      const error = await store.update({ theme: 'light' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'settings_permission_denied' });
      expect((error as Error).message).toMatch(/EROFS/);
      expect(store.get().theme).toBe('dark');
      expect(JSON.parse(await readFile(join(mnt, SETTINGS_FILE), 'utf8')).theme).toBe('dark');
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it.skipIf(!canMount)('a full disk (ENOSPC) → settings_disk_full, old file intact, no temp file left', async () => {
    const mnt = join(dir, 'full');
    await mkdir(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const store = await SettingsStore.open({ dir: mnt });
      await store.update({ theme: 'dark' });
      const before = await readFile(join(mnt, SETTINGS_FILE), 'utf8');
      await writeFile(join(mnt, 'filler'), Buffer.alloc(60 * 1024)).catch(() => undefined);
      // A glossary big enough not to fit in what is left.
      const glossary = Array.from({ length: 500 }, (_, i) => `${'x'.repeat(90)}${i}`);
      const error = await store.update({ glossary }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'settings_disk_full' });
      expect(store.get().glossary).toEqual([]);
      expect(await readFile(join(mnt, SETTINGS_FILE), 'utf8')).toBe(before);
      expect((await readdir(mnt)).sort()).toEqual(['filler', SETTINGS_FILE]);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});

describe('SettingsStore: all-local holds from the request on', () => {
  it('reports all-local in the same tick as the request, before the file is written, and tells listeners at once', async () => {
    const store = await open();
    await store.update({ allLocal: false });
    let told = 0;
    store.onAllLocalRequested(() => told++);
    const saved = store.update({ allLocal: true });
    expect(store.get().allLocal).toBe(true);
    expect(told).toBe(1);
    expect((await readJson()) as Settings).toMatchObject({ allLocal: false }); // not written yet
    await saved;
    expect(store.get().allLocal).toBe(true);
    expect(await readJson()).toMatchObject({ allLocal: true });
  });

  it('an earlier queued update that turns it off does not open a gap before the request to turn it on lands', async () => {
    const store = await open();
    const off = store.update({ allLocal: false, theme: 'dark' });
    const on = store.update({ allLocal: true });
    await off;
    expect(store.get()).toMatchObject({ allLocal: true, theme: 'dark' });
    await on;
    expect(store.get().allLocal).toBe(true);
  });

  it('a request that fails to save is lifted again, like any rejected update', async () => {
    const store = await open();
    await store.update({ allLocal: false });
    await rm(dir, { recursive: true });
    await writeFile(dir, 'now a file');
    const saved = store.update({ allLocal: true });
    expect(store.get().allLocal).toBe(true);
    await expect(saved).rejects.toMatchObject({ code: 'settings_write_failed' });
    expect(store.get().allLocal).toBe(false);
  });
});

describe('SettingsStore: the download mirror under all-local', () => {
  it('refuses a mirror change while all-local is on, also in the patch that turns it on', async () => {
    const store = await open();
    expect(store.get().allLocal).toBe(true); // the default
    await expect(store.update({ modelMirror: 'https://mirror.example/hf' })).rejects.toMatchObject({ code: 'settings_locked_by_all_local' });
    await store.update({ allLocal: false });
    await expect(store.update({ allLocal: true, modelMirror: 'https://mirror.example/hf' })).rejects.toMatchObject({ code: 'settings_locked_by_all_local' });
    expect(store.get()).toMatchObject({ allLocal: false, modelMirror: '' });
    // Off, or switched off in the same patch: allowed.
    await expect(store.update({ modelMirror: 'https://mirror.example/hf' })).resolves.toMatchObject({ modelMirror: 'https://mirror.example/hf' });
    await store.update({ allLocal: true });
    await expect(store.update({ allLocal: false, modelMirror: '' })).resolves.toMatchObject({ modelMirror: '', allLocal: false });
  });

  it('takes a mirror as a base URL only: no query, fragment or user name to carry anything else', async () => {
    const store = await open();
    await store.update({ allLocal: false });
    for (const mirror of ['https://m.example/?q=secret', 'https://m.example/#secret', 'https://secret@m.example/']) {
      await expect(store.update({ modelMirror: mirror })).rejects.toMatchObject({ code: 'settings_invalid_patch' });
    }
  });
});
