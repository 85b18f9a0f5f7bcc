import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HistoryLine, HistorySessionId } from '../../contract';

/**
 * One session = one append-only JSON Lines file: a header line, then one line per final caption. Every line ends in
 * "\n", so a line without it was torn by a crash (or a full disk) and is ignored when reading.
 */
export const SessionHeader = z.object({ type: z.literal('session'), v: z.literal(1), id: HistorySessionId, started_at: z.number().int().nonnegative() });
export type SessionHeader = z.infer<typeof SessionHeader>;

const LineRecord = HistoryLine.extend({ type: z.literal('line') });

export const FILE_SUFFIX = '.jsonl';

export const headerRecord = (header: Omit<SessionHeader, 'type' | 'v'>): string => `${JSON.stringify({ type: 'session', v: 1, ...header })}\n`;
export const lineRecord = (line: HistoryLine): string => `${JSON.stringify({ type: 'line', ...line })}\n`;

export interface SessionContent {
  header: SessionHeader;
  lines: HistoryLine[];
  /** Lines that could not be read (torn or damaged): left out, never fatal. */
  skipped: number;
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The session in a file's text, or null when it has no readable header. Rows that do not parse (a fragment left by
 * a failed write, a damaged line) are counted and left out, as is an unterminated last row.
 */
export function parseSession(text: string): SessionContent | null {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const rows = complete.split('\n').filter((row) => row.trim() !== '');
  const headerAt = rows.findIndex((row) => SessionHeader.safeParse(parseLine(row)).success);
  if (headerAt < 0) return null;
  const lines: HistoryLine[] = [];
  let skipped = headerAt + (complete.length < text.length ? 1 : 0);
  for (const row of rows.slice(headerAt + 1)) {
    const record = LineRecord.safeParse(parseLine(row));
    if (record.success) lines.push(HistoryLine.parse(record.data));
    else skipped++;
  }
  return { header: SessionHeader.parse(parseLine(rows[headerAt]!)), lines, skipped };
}

export async function readSessionFile(file: string): Promise<SessionContent | null> {
  return parseSession(await readFile(file, 'utf8'));
}
