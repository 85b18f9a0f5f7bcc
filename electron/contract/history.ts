import { z } from 'zod';
import { Lane } from './events';
import { HistoryRetention, LanguageCode } from './settings';

/**
 * A history session's id: its start time and a random suffix ("20250301-141502-k3f9"). Also its file name, so the
 * pattern is strict: nothing a request sends can name a path outside the history folder.
 */
export const HistorySessionId = z.string().regex(/^\d{8}-\d{6}-[a-z0-9]{4}$/, 'a history session id such as 20250301-141502-k3f9');
export type HistorySessionId = z.infer<typeof HistorySessionId>;

const Ms = z.number().nonnegative();

/** One final caption as history keeps it; times are relative to the start of its session. */
export const HistoryLine = z.object({
  id: z.string(),
  /** Wall-clock time (epoch ms) the final caption arrived. */
  at: z.number().int().nonnegative(),
  start_ms: Ms,
  end_ms: Ms,
  text: z.string(),
  language: z.string().nullable(),
  translation: z.string().nullable(),
  target_language: LanguageCode.nullable(),
  lane: Lane.nullable(),
});
export type HistoryLine = z.infer<typeof HistoryLine>;

export const HistorySessionInfo = z.object({
  id: HistorySessionId,
  /** Epoch ms of the session's start and of its latest line. */
  started_at: z.number().int().nonnegative(),
  updated_at: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  /** The first line's text, for the list. */
  preview: z.string(),
  /** Whether any line has a translation (a translation-only export needs one). */
  translated: z.boolean(),
  /** The session new captions are being added to. */
  current: z.boolean(),
});
export type HistorySessionInfo = z.infer<typeof HistorySessionInfo>;

export const ExportFormat = z.enum(['srt', 'vtt', 'txt', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;
/** Which text an export carries: the transcript, its translation, or both (source first). */
export const ExportContent = z.enum(['source', 'translation', 'both']);
export type ExportContent = z.infer<typeof ExportContent>;

export const ExportedFile = z.object({ filename: z.string(), mime: z.string(), text: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const HistoryHit = z.object({ session_id: HistorySessionId, line: HistoryLine });
export type HistoryHit = z.infer<typeof HistoryHit>;

const Sessions = z.object({ sessions: z.array(HistorySessionInfo), retention: HistoryRetention });
const ById = z.object({ id: HistorySessionId });

/** History commands (merged into the contract's command table). History is read and written on this device only. */
export const historyCommands = {
  'history.list': { request: z.object({}).strict(), response: Sessions },
  'history.get': { request: ById, response: z.object({ session: HistorySessionInfo, lines: z.array(HistoryLine) }) },
  'history.search': {
    request: z.object({ query: z.string().trim().min(1).max(200) }),
    response: z.object({ hits: z.array(HistoryHit), truncated: z.boolean() }),
  },
  'history.delete': { request: ById, response: Sessions },
  'history.clear': { request: z.object({}).strict(), response: Sessions },
  'history.export': {
    request: ById.extend({ format: ExportFormat, content: ExportContent.default('both') }),
    response: ExportedFile,
  },
} as const;
