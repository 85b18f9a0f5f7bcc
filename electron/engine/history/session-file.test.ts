import { describe, expect, it } from 'vitest';
import type { HistoryLine } from '../../contract';
import { headerRecord, lineRecord, parseSession } from './session-file';

const header = headerRecord({ id: '20250301-141502-k3f9', started_at: 1000 });
const line = (n: number): HistoryLine => ({ id: `l${n}`, at: 2000 + n, start_ms: n * 1000, end_ms: n * 1000 + 500, text: `line ${n}`, language: 'en', translation: null, target_language: null, lane: null });

describe('session file', () => {
  it('reads back every complete line', () => {
    const session = parseSession(header + lineRecord(line(1)) + lineRecord(line(2)));
    expect(session?.header).toMatchObject({ id: '20250301-141502-k3f9', started_at: 1000 });
    expect(session?.lines).toEqual([line(1), line(2)]);
    expect(session?.skipped).toBe(0);
  });

  it('ignores a torn last line (no newline: the write was cut off)', () => {
    const torn = lineRecord(line(3)).slice(0, 25);
    const session = parseSession(header + lineRecord(line(1)) + torn);
    expect(session?.lines).toEqual([line(1)]);
    expect(session?.skipped).toBe(1);
  });

  it('skips a damaged line in the middle (a fragment a failed write left, then a newline) and keeps the rest', () => {
    const fragment = lineRecord(line(2)).slice(0, 10);
    const session = parseSession(`${header}${lineRecord(line(1))}${fragment}\n${lineRecord(line(3))}`);
    expect(session?.lines.map((l) => l.id)).toEqual(['l1', 'l3']);
    expect(session?.skipped).toBe(1);
  });

  it('finds the header after a torn first attempt at writing it', () => {
    const session = parseSession(`${header.slice(0, 12)}\n${header}${lineRecord(line(1))}`);
    expect(session?.lines).toHaveLength(1);
  });

  it('a file without a readable header is no session', () => {
    expect(parseSession('')).toBeNull();
    expect(parseSession(header.slice(0, 20))).toBeNull();
    expect(parseSession(lineRecord(line(1)))).toBeNull();
  });
});
