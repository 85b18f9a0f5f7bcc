/** A line to export: times relative to the start of its session (or of the audio file). */
export interface ExportLine {
  start_ms: number;
  end_ms: number;
  text: string;
  translation: string | null;
}

/** The shortest cue a player shows long enough to notice. */
export const MIN_CUE_MS = 700;
const MAX_READING_MS = 6000;

/** Time to read a cue: typed lines have no audio length, short spoken ones flash by otherwise. */
export const readingTimeMs = (chars: number): number => Math.min(MAX_READING_MS, 1000 + 50 * chars);

/**
 * Cue times for subtitles: at least as long as the speech and long enough to read, but ending where the next line
 * starts rather than overlapping it (unless that would make the cue shorter than MIN_CUE_MS).
 */
export function cueTimes(lines: readonly ExportLine[], shownChars: (line: ExportLine) => number): Array<{ start: number; end: number }> {
  return lines.map((line, i) => {
    const start = Math.max(0, Math.round(line.start_ms));
    let end = Math.max(Math.round(line.end_ms), start + readingTimeMs(shownChars(line)));
    const next = lines[i + 1];
    const nextStart = next ? Math.round(next.start_ms) : Infinity;
    if (end > nextStart && nextStart - start >= MIN_CUE_MS) end = nextStart;
    return { start, end };
  });
}
