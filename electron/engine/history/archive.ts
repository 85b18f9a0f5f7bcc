import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HistorySessionId, type HistoryLine, type HistoryRetention, type HistorySessionInfo } from '../../contract';
import { historyReadError, historyWriteError, sessionNotFound } from './errors';
import { isExpired } from './retention';
import { FILE_SUFFIX, readSessionFile } from './session-file';

export interface ArchiveOptions {
  dir: string;
  retention: () => HistoryRetention;
  now: () => number;
  /** The session being written: listed as current and never pruned. */
  currentId: () => string | null;
}

export interface StoredSession {
  info: HistorySessionInfo;
  lines: HistoryLine[];
}

const PREVIEW_CHARS = 120;

/** The sessions on disk: read, listed newest first, searched, deleted; expired ones are removed as they are found. */
export class HistoryArchive {
  constructor(private readonly opts: ArchiveOptions) {}

  /** Every readable session, newest first, after removing those past the retention. */
  async sessions(): Promise<StoredSession[]> {
    const found: StoredSession[] = [];
    for (const id of await this.ids()) {
      const session = await this.read(id);
      if (!session) continue;
      if (session.info.current || !isExpired(this.opts.retention(), session.info.updated_at, this.opts.now())) found.push(session);
      else await this.remove(id);
    }
    return found.sort((a, b) => b.info.started_at - a.info.started_at);
  }

  async get(id: string): Promise<StoredSession> {
    const session = (await this.sessions()).find((s) => s.info.id === id);
    if (!session) throw sessionNotFound(id);
    return session;
  }

  async remove(id: string): Promise<void> {
    try {
      await rm(this.file(id), { force: true });
    } catch (error) {
      throw historyWriteError(this.opts.dir, error);
    }
  }

  async removeAll(): Promise<void> {
    for (const id of await this.ids()) await this.remove(id);
  }

  private file(id: string): string {
    // The id is also the file name: only the strict pattern may reach the file system.
    return join(this.opts.dir, `${HistorySessionId.parse(id)}${FILE_SUFFIX}`);
  }

  private async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw historyReadError(this.opts.dir, error);
    }
    return names.filter((n) => n.endsWith(FILE_SUFFIX)).map((n) => n.slice(0, -FILE_SUFFIX.length)).filter((id) => HistorySessionId.safeParse(id).success);
  }

  private async read(id: string): Promise<StoredSession | null> {
    const content = await readSessionFile(this.file(id)).catch(() => null);
    if (!content) return null;
    const { lines, header } = content;
    const info: HistorySessionInfo = {
      id,
      started_at: header.started_at,
      updated_at: lines.at(-1)?.at ?? header.started_at,
      lines: lines.length,
      preview: (lines[0]?.text ?? '').slice(0, PREVIEW_CHARS),
      translated: lines.some((l) => (l.translation ?? '') !== ''),
      current: id === this.opts.currentId(),
    };
    return { info, lines };
  }
}
