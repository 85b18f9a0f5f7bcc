import type { EngineEvent, ExportContent, ExportedFile, ExportFormat, HistoryHit, HistoryRetention, HistorySessionInfo, HistoryLine } from '../../contract';
import { HistoryArchive } from './archive';
import { EXPORT_MIME, exportLines } from './export';
import { HistoryRecorder } from './recorder';
import { PRUNE_INTERVAL_MS } from './retention';
import { searchSessions } from './search';

export { exportLines, EXPORT_MIME, type ExportLine } from './export';
export { HistoryError } from './errors';

export interface HistoryOptions {
  /** The history folder (the app: <userData>/history). Created with the first line. */
  dir: string;
  retention: () => HistoryRetention;
  /** Where failures and recoveries are reported (the app's event stream). */
  report: (event: EngineEvent) => void;
  now?: () => number;
  /** Names a new session from its start time (tests pin it). */
  sessionId?: (startedAt: number) => string;
}

/**
 * Caption history on this device: every final caption appended to its session's file (crash-safe), sessions listed,
 * searched, exported and deleted, and expired ones pruned. Nothing here opens a connection.
 */
export class History {
  private readonly recorder: HistoryRecorder;
  private readonly archive: HistoryArchive;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: HistoryOptions) {
    const now = opts.now ?? Date.now;
    this.recorder = new HistoryRecorder({ ...opts, now });
    this.archive = new HistoryArchive({ dir: opts.dir, retention: opts.retention, now, currentId: () => this.recorder.currentId });
    this.timer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.timer.unref();
    void this.prune();
  }

  /** An event-hub observer: final captions go to the store; everything else is ignored. */
  readonly observe = (event: EngineEvent): void => {
    if (event.type === 'caption.final') this.recorder.record(event).catch(() => undefined);
  };

  /** Resolves when every caption observed so far is on disk (tests, shutdown). */
  readonly record = (event: Extract<EngineEvent, { type: 'caption.final' }>): Promise<void> => this.recorder.record(event);

  async list(): Promise<HistorySessionInfo[]> {
    return (await this.archive.sessions()).map((s) => s.info);
  }

  get(id: string): Promise<{ session: HistorySessionInfo; lines: HistoryLine[] }> {
    return this.archive.get(id).then(({ info, lines }) => ({ session: info, lines }));
  }

  async search(query: string): Promise<{ hits: HistoryHit[]; truncated: boolean }> {
    const sessions = await this.archive.sessions();
    return searchSessions(sessions.map((s) => ({ id: s.info.id, lines: s.lines })), query);
  }

  async delete(id: string): Promise<void> {
    if (id === this.recorder.currentId) await this.recorder.endSession();
    await this.archive.remove(id);
  }

  async clear(): Promise<void> {
    await this.recorder.endSession();
    await this.archive.removeAll();
  }

  async export(id: string, format: ExportFormat, content: ExportContent): Promise<ExportedFile> {
    const { info, lines } = await this.archive.get(id);
    const suffix = content === 'both' ? '' : `-${content}`;
    return { filename: `sotto-${id}${suffix}.${format}`, mime: EXPORT_MIME[format], text: exportLines(lines, format, content, { id, started_at: info.started_at }) };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.recorder.endSession();
  }

  private async prune(): Promise<void> {
    // Listing removes what expired; an unreadable folder is reported when the user opens History.
    await this.archive.sessions().catch(() => undefined);
  }
}
