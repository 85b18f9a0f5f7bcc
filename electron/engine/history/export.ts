import { stringifySync, type NodeList } from 'subtitle';
import type { ExportContent, ExportFormat } from '../../contract';
import { cueTimes, type ExportLine } from './cue-times';

export type { ExportLine } from './cue-times';

export const EXPORT_MIME: Record<ExportFormat, string> = {
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  txt: 'text/plain',
  json: 'application/json',
};

/** One line of text per field: a blank line would end a subtitle cue early. */
const flat = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** The texts a line contributes for the chosen content; empty when it has none (an untranslated line). */
export function shownTexts(line: ExportLine, content: ExportContent): string[] {
  const source = flat(line.text);
  const translation = line.translation === null ? '' : flat(line.translation);
  const texts = content === 'source' ? [source] : content === 'translation' ? [translation] : [source, translation];
  return texts.filter((t) => t !== '');
}

// WebVTT cue text is markup: &, < and > must be escaped (which also keeps "-->" out of a cue). SRT has no escapes.
const escapeVtt = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeSrt = (text: string): string => text.replace(/-->/g, '->');

function subtitles(lines: readonly ExportLine[], content: ExportContent, format: 'SRT' | 'WebVTT'): string {
  const kept = lines.filter((line) => shownTexts(line, content).length > 0);
  const times = cueTimes(kept, (line) => shownTexts(line, content).join(' ').length);
  const escape = format === 'WebVTT' ? escapeVtt : escapeSrt;
  const nodes: NodeList = kept.map((line, i) => ({ type: 'cue', data: { ...times[i]!, text: shownTexts(line, content).map(escape).join('\n') } }));
  if (format === 'WebVTT') nodes.unshift({ type: 'header', data: 'WEBVTT' });
  return stringifySync(nodes, { format });
}

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, '0');
export const clockTime = (ms: number): string => `${pad(ms / 3_600_000)}:${pad((ms / 60_000) % 60)}:${pad((ms / 1000) % 60)}`;

function plainText(lines: readonly ExportLine[], content: ExportContent): string {
  const blocks = lines.flatMap((line) => {
    const texts = shownTexts(line, content);
    if (texts.length === 0) return [];
    const stamp = `[${clockTime(line.start_ms)}] `;
    return [texts.map((text, i) => (i === 0 ? stamp : ' '.repeat(stamp.length)) + text).join('\n')];
  });
  return blocks.length ? `${blocks.join('\n')}\n` : '';
}

export interface ExportMeta {
  id: string;
  started_at: number;
}

function json(lines: readonly ExportLine[], content: ExportContent, meta: ExportMeta | null): string {
  const rows = lines.flatMap((line) => {
    if (shownTexts(line, content).length === 0) return [];
    const text = content === 'translation' ? {} : { text: line.text };
    const translation = content === 'source' ? {} : { translation: line.translation };
    return [{ start_ms: Math.round(line.start_ms), end_ms: Math.round(line.end_ms), ...text, ...translation }];
  });
  const session = meta ? { id: meta.id, started_at: new Date(meta.started_at).toISOString() } : null;
  return `${JSON.stringify({ format: 'sotto-captions', version: 1, content, session, lines: rows }, null, 2)}\n`;
}

/** The one exporter (History and the demo): lines with session-relative times in the chosen format and content. */
export function exportLines(lines: readonly ExportLine[], format: ExportFormat, content: ExportContent, meta: ExportMeta | null = null): string {
  switch (format) {
    case 'srt':
      return subtitles(lines, content, 'SRT');
    case 'vtt':
      return subtitles(lines, content, 'WebVTT');
    case 'txt':
      return plainText(lines, content);
    case 'json':
      return json(lines, content, meta);
  }
}
