import { join } from 'node:path';
import type { CaptionFinal, EngineEvent, HistoryLine, HistoryRetention } from '../../contract';
import { asEngineError, historyWriteError, type HistoryError } from './errors';
import { FILE_SUFFIX, headerRecord, lineRecord } from './session-file';
import { newSessionId } from './session-id';
import { SessionWriter } from './session-writer';

/** A pause this long ends a session: the next line starts a new one (and its times start at zero again). */
export const SESSION_IDLE_MS = 30 * 60_000;

export interface RecorderOptions {
  dir: string;
  retention: () => HistoryRetention;
  now: () => number;
  /** Told once when saving fails (disk full, folder not writable) and once when it works again. */
  report: (event: EngineEvent) => void;
  /** Names a new session from its start time (tests pin it). */
  sessionId?: (startedAt: number) => string;
}

interface Current {
  id: string;
  startedAt: number;
  lastAt: number;
  writer: SessionWriter;
  headerWritten: boolean;
}

/**
 * Appends each final caption to the current session's file, one write at a time. Never throws into the caption
 * pipeline: a failed write is reported (once per run of failures) and the caption is simply not kept.
 */
export class HistoryRecorder {
  private current: Current | null = null;
  private queue: Promise<void> = Promise.resolve();
  private failing: HistoryError | null = null;

  constructor(private readonly opts: RecorderOptions) {}

  get currentId(): string | null {
    return this.current?.id ?? null;
  }

  /** Queues the caption; resolves when it is on disk (or was left out). */
  record(caption: CaptionFinal): Promise<void> {
    const at = this.opts.now();
    return this.enqueue(async () => {
      if (this.opts.retention() === 'off' || caption.text.trim() === '') return;
      await this.write(caption, at);
    });
  }

  /** Ends the current session (before it is deleted, on shutdown); the next caption starts a new one. */
  endSession(): Promise<void> {
    return this.enqueue(async () => {
      const current = this.current;
      this.current = null;
      await current?.writer.close();
    });
  }

  private async write(caption: CaptionFinal, at: number): Promise<void> {
    const spokenEnd = at - caption.timings.total_ms;
    const spokenStart = spokenEnd - caption.timings.audio_ms;
    const session = await this.sessionFor(spokenStart, at);
    try {
      if (!session.headerWritten) {
        await session.writer.append(headerRecord({ id: session.id, started_at: session.startedAt }));
        session.headerWritten = true;
      }
      await session.writer.append(lineRecord(historyLine(caption, at, spokenStart - session.startedAt)));
      session.lastAt = at;
      this.recovered();
    } catch (error) {
      this.failed(historyWriteError(this.opts.dir, error));
    }
  }

  private async sessionFor(start: number, at: number): Promise<Current> {
    if (this.current && at - this.current.lastAt > SESSION_IDLE_MS) {
      await this.current.writer.close();
      this.current = null;
    }
    if (!this.current) {
      const id = (this.opts.sessionId ?? newSessionId)(start);
      this.current = { id, startedAt: Math.round(start), lastAt: at, writer: new SessionWriter(join(this.opts.dir, `${id}${FILE_SUFFIX}`), this.opts.dir), headerWritten: false };
    }
    return this.current;
  }

  private failed(error: HistoryError): void {
    if (this.failing?.code === error.code) return;
    this.failing = error;
    this.opts.report(asEngineError(error));
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = null;
    this.opts.report({ type: 'notice', level: 'info', code: 'history_resumed', message: 'History is being saved again.' });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The caption as history keeps it, its times relative to the session start. */
export function historyLine(caption: CaptionFinal, at: number, startMs: number): HistoryLine {
  const start = Math.max(0, Math.round(startMs));
  return {
    id: caption.id,
    at: Math.round(at),
    start_ms: start,
    end_ms: start + Math.round(caption.timings.audio_ms),
    text: caption.text,
    language: caption.language,
    translation: caption.translation,
    target_language: caption.target_language,
    lane: caption.lane,
  };
}
