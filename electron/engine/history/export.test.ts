import { describe, expect, it } from 'vitest';
import { parseSrt, parseVtt } from '../../../test-support/history/parsers';
import { cueTimes, MIN_CUE_MS, readingTimeMs, type ExportLine } from './cue-times';
import { clockTime, exportLines } from './export';

// Exports are checked with two parsers that share no code with the exporter: the W3C's WebVTT parser (a validator:
// any spec violation is an error) and srt-parser-2.
const lines: ExportLine[] = [
  { start_ms: 0, end_ms: 2400, text: 'Good morning, everyone.', translation: 'Guten Morgen, alle.' },
  { start_ms: 3000, end_ms: 5000, text: 'Fish & chips <b>cost</b> --> 5', translation: 'Fisch & Pommes' },
  { start_ms: 65_250, end_ms: 67_000, text: 'A line\nwith a break', translation: null },
];

const vttCues = (text: string) => {
  const parsed = parseVtt(text);
  expect(parsed.errors).toEqual([]);
  return parsed.cues;
};
const srtCues = parseSrt;

describe('WebVTT export', () => {
  it('is valid WebVTT with times relative to the session start, source and translation in one cue', () => {
    const cues = vttCues(exportLines(lines, 'vtt', 'both'));
    // Each cue stays up long enough to read (1 s + 50 ms a character) but ends where the next one starts.
    expect(cues.map((c) => [c.startTime, c.endTime])).toEqual([[0, 3], [3, 6.25], [65.25, 67.2]]);
    expect(cues[0]!.text).toBe('Good morning, everyone.\nGuten Morgen, alle.');
  });

  it('escapes markup, so the text reads back exactly and no tag or arrow leaks into the cue', () => {
    const cue = vttCues(exportLines(lines, 'vtt', 'source'))[1]!;
    expect(cue.text).toBe('Fish &amp; chips &lt;b&gt;cost&lt;/b&gt; --&gt; 5');
    expect(cue.tree.children.map((node) => node.type)).toEqual(['text']);
    expect(cue.tree.children[0]!.value).toBe('Fish & chips <b>cost</b> --> 5');
  });

  it('translation only leaves out lines that have no translation; a break inside a line never ends its cue', () => {
    expect(vttCues(exportLines(lines, 'vtt', 'translation')).map((c) => c.text)).toEqual(['Guten Morgen, alle.', 'Fisch &amp; Pommes']);
    expect(vttCues(exportLines(lines, 'vtt', 'source'))[2]!.text).toBe('A line with a break');
  });

  it('an empty session is still a valid file', () => {
    expect(vttCues(exportLines([], 'vtt', 'both'))).toEqual([]);
  });
});

describe('SRT export', () => {
  it('parses back with the same times and text, numbered from 1', () => {
    const cues = srtCues(exportLines(lines, 'srt', 'both'));
    expect(cues.map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(cues.map((c) => [c.startSeconds, c.endSeconds])).toEqual([[0, 3], [3, 6.25], [65.25, 67.2]]);
    expect(cues[2]!.startTime).toBe('00:01:05,250');
    expect(cues[1]!.text).toBe('Fish & chips <b>cost</b> -> 5\nFisch & Pommes');
  });

  it('source only carries no translation', () => {
    expect(srtCues(exportLines(lines, 'srt', 'source')).map((c) => c.text)).toEqual(['Good morning, everyone.', 'Fish & chips <b>cost</b> -> 5', 'A line with a break']);
  });
});

describe('plain text and JSON export', () => {
  it('plain text: one stamped block per line, the translation under its source', () => {
    expect(exportLines(lines, 'txt', 'both')).toBe(
      '[00:00:00] Good morning, everyone.\n           Guten Morgen, alle.\n[00:00:03] Fish & chips <b>cost</b> --> 5\n           Fisch & Pommes\n[00:01:05] A line with a break\n',
    );
    expect(exportLines(lines, 'txt', 'translation')).toBe('[00:00:00] Guten Morgen, alle.\n[00:00:03] Fisch & Pommes\n');
  });

  it('JSON: the session and each line with its times and the chosen texts', () => {
    const data = JSON.parse(exportLines(lines, 'json', 'source', { id: '20250301-141502-k3f9', started_at: Date.UTC(2025, 2, 1, 14, 15, 2) }));
    expect(data.session).toEqual({ id: '20250301-141502-k3f9', started_at: '2025-03-01T14:15:02.000Z' });
    expect(data.lines[1]).toEqual({ start_ms: 3000, end_ms: 5000, text: 'Fish & chips <b>cost</b> --> 5' });
    expect(JSON.parse(exportLines(lines, 'json', 'translation')).lines).toHaveLength(2);
  });

  it('clock times count hours past the first', () => {
    expect(clockTime(3_725_000)).toBe('01:02:05');
  });
});

describe('cue times', () => {
  const chars = (l: ExportLine) => l.text.length;

  it('a typed line (no audio) lasts long enough to read', () => {
    const [cue] = cueTimes([{ start_ms: 1000, end_ms: 1000, text: 'hello there', translation: null }], chars);
    expect(cue).toEqual({ start: 1000, end: 1000 + readingTimeMs(11) });
  });

  it('ends where the next line starts instead of overlapping it, but never shorter than the minimum', () => {
    const close = cueTimes(
      [
        { start_ms: 0, end_ms: 0, text: 'a fairly long typed line here', translation: null },
        { start_ms: 1200, end_ms: 2000, text: 'b', translation: null },
        { start_ms: 1300, end_ms: 2000, text: 'c', translation: null },
      ],
      chars,
    );
    expect(close[0]).toEqual({ start: 0, end: 1200 });
    expect(close[1]!.end - close[1]!.start).toBeGreaterThanOrEqual(MIN_CUE_MS);
  });
});
