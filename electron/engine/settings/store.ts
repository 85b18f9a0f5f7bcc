import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Settings, SettingsPatch, applySettingsPatch, defaultSettings, type Notice } from '../../contract';
import { writeFileAtomic } from './atomic-write';
import { SettingsError, writeError } from './errors';

export const SETTINGS_FILE = 'settings.json';

export type SettingsListener = (settings: Settings, previous: Settings) => void;

export interface SettingsStoreOptions {
  /** Folder holding settings.json (Electron: app.getPath('userData')). Created if missing. */
  dir: string;
  /** Clock for the name of a kept corrupt file; injectable so tests can name it. */
  now?: () => Date;
}

/**
 * The user's settings: one JSON file validated with the contract's `Settings` schema.
 * A broken file never stops the app: it is kept aside for inspection and defaults apply,
 * with a Notice for the user. Updates are serialized and written atomically; the in-memory
 * settings change only after the file was written, so memory and disk never disagree — with one exception on the
 * safe side: a request to switch all-local on holds from the moment it is made (see update()).
 */
export class SettingsStore {
  readonly file: string;
  private current: Settings;
  private readonly listeners = new Set<SettingsListener>();
  /** Tail of the update queue: each update starts after the previous one settled. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Updates asking for all-local that have not settled yet: while any is pending, get() says all-local. */
  private allLocalPending = 0;
  private readonly allLocalListeners = new Set<() => void>();

  private constructor(
    file: string,
    initial: Settings,
    /** What happened while loading (corrupt file, unreadable file): show these to the user once. */
    readonly loadNotices: readonly Notice[],
  ) {
    this.file = file;
    this.current = initial;
  }

  static async open(options: SettingsStoreOptions): Promise<SettingsStore> {
    await mkdir(options.dir, { recursive: true });
    const file = join(options.dir, SETTINGS_FILE);
    const { settings, notices } = await loadSettingsFile(file, options.now ?? (() => new Date()));
    return new SettingsStore(file, settings, notices);
  }

  get(): Settings {
    return this.allLocalPending > 0 && !this.current.allLocal ? { ...this.current, allLocal: true } : this.current;
  }

  /**
   * Applies a patch on top of the settings left by every earlier update, writes the file,
   * then notifies listeners. Rejects with a SettingsError (invalid patch, disk full, no
   * permission); on rejection nothing changed, in memory or on disk.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    // All-local must hold for every command after this one, not only once the file is written: from now until this
    // update settles, get() reports all-local, and whoever holds connections open hears it at once. A rejected update
    // (invalid, disk full) lifts the hold again, as if it had never been made.
    if ((patch as { allLocal?: unknown } | null)?.allLocal === true) {
      this.allLocalPending++;
      for (const listener of this.allLocalListeners) listener();
      return this.updateNow(patch).finally(() => this.allLocalPending--);
    }
    return this.updateNow(patch);
  }

  /** Called synchronously when an update asks for all-local, before it is written (to cut connections in flight). */
  onAllLocalRequested(listener: () => void): () => void {
    this.allLocalListeners.add(listener);
    return () => this.allLocalListeners.delete(listener);
  }

  private updateNow(patch: SettingsPatch): Promise<Settings> {
    return this.enqueue(async () => {
      const parsedPatch = SettingsPatch.safeParse(patch);
      if (!parsedPatch.success) throw invalidPatch(parsedPatch.error);
      let next: Settings;
      try {
        next = applySettingsPatch(this.current, parsedPatch.data);
      } catch (error) {
        if (error instanceof z.ZodError) throw invalidPatch(error);
        throw error;
      }
      refuseMirrorChangeUnderAllLocal(this.get(), next);
      return this.commit(next);
    });
  }

  /** Back to defaults (written like any update). */
  reset(): Promise<Settings> {
    return this.enqueue(() => this.commit(defaultSettings()));
  }

  /** Called after every successful change; returns an unsubscribe function. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every queued update has settled (for shutdown). */
  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commit(next: Settings): Promise<Settings> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      throw writeError('settings', this.file, error);
    }
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) {
      // A failing listener must not undo a saved change or starve the others.
      try {
        listener(next, previous);
      } catch (error) {
        console.error('[settings] change listener failed:', error);
      }
    }
    return next;
  }
}

function invalidPatch(error: z.ZodError): SettingsError {
  return new SettingsError('settings_invalid_patch', `That setting is not valid: ${z.prettifyError(error)}`, 'Correct the value and try again; nothing was changed.', { cause: error });
}

/**
 * Under all-local the only connections left are downloads the user confirmed, to the model's publisher or mirror: a
 * mirror changed while all-local stays on would send a confirmed download to a server nobody confirmed. Changing it
 * together with switching all-local off is fine. (The endpoint may change: under all-local nothing reaches it.)
 */
function refuseMirrorChangeUnderAllLocal(current: Settings, next: Settings): void {
  if (!current.allLocal || !next.allLocal || next.modelMirror === current.modelMirror) return;
  throw new SettingsError(
    'settings_locked_by_all_local',
    'The download mirror cannot change while All-local is on.',
    'Switch All-local off, change the mirror, then switch it on again if you like. Nothing was changed.',
  );
}

interface Loaded {
  settings: Settings;
  notices: Notice[];
}

/** Reads and validates the file; every failure becomes defaults plus a notice, never a throw. */
export async function loadSettingsFile(file: string, now: () => Date): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') return { settings: defaultSettings(), notices: [] }; // first run
    return {
      settings: defaultSettings(),
      notices: [notice('settings_unreadable', `Sotto could not read its settings file ${file} (${errno ?? String(error)}), so it started with default settings. Changes will be saved once the file is writable again.`)],
    };
  }

  const checked = check(text);
  if (checked.ok) return { settings: checked.settings, notices: [] };
  const { problem } = checked;

  const kept = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, kept);
  } catch (error) {
    return {
      settings: defaultSettings(),
      notices: [notice('settings_corrupt', `Your settings file was ${problem}, so Sotto started with default settings. The broken file could not be moved aside (${(error as Error).message}); it is still at ${file}.`)],
    };
  }
  return {
    settings: defaultSettings(),
    notices: [notice('settings_corrupt', `Your settings file was ${problem}, so Sotto started with default settings. The broken file was kept as ${kept} for inspection.`)],
  };
}

type Checked = { ok: true; settings: Settings } | { ok: false; problem: string };

/** The settings in the text, or what is wrong with it in words a user understands. */
function check(text: string): Checked {
  const bad = (problem: string): Checked => ({ ok: false, problem });
  if (text.trim() === '') return bad('empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return bad(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('not a JSON object');
  const version = (data as { version?: unknown }).version;
  if (version !== undefined && version !== 1) {
    return bad(`written by a different version of Sotto (format version ${JSON.stringify(version)}; this version reads 1)`);
  }
  const parsed = Settings.safeParse(data);
  if (!parsed.success) return bad(`invalid (${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, '; ')})`);
  return { ok: true, settings: parsed.data };
}

const notice = (code: string, message: string): Notice => ({ type: 'notice', level: 'warning', code, message });
