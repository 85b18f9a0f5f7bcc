import { formatBytes, formatExactBytes, formatMs, plural } from '../../format';
import { languageName } from '../../languages';
import type { CaptionView } from '../../state';

/** The lane badge: where the translation was made, and a fallback's truth (its text was sent; the cloud failed). */
export function laneBadge(c: CaptionView): { tone: 'device' | 'cloud' | 'fallback'; text: string } | null {
  if (!c.lane) return null;
  if (c.fallback) return { tone: 'fallback', text: 'Cloud failed → device' };
  return c.lane === 'cloud' ? { tone: 'cloud', text: 'Cloud' } : { tone: 'device', text: 'Device' };
}

export function laneDescription(c: CaptionView): string {
  if (c.fallback) {
    const why = c.fallbackReason ? ` (${c.fallbackReason})` : '';
    return `The cloud lane failed${why}, so this device translated it instead. The text had been sent to the endpoint.`;
  }
  const where = c.lane === 'cloud' ? 'Translated by the cloud endpoint' : 'Translated on this device';
  return `${where}${c.laneReason ? `: ${c.laneReason}` : ''}.`;
}

export function latencyDescription(c: CaptionView): string {
  if (!c.timings) return '';
  const t = c.timings;
  return `End of speech to caption: ${formatMs(t.total_ms)} (speech recognition ${formatMs(t.asr_ms)}, translation ${formatMs(t.translate_ms)}, audio ${formatMs(t.audio_ms)})`;
}

/** "↑ 512 B ↓ 230 B" for a line whose text left the device; null when not one byte of it did. */
export function wireChip(c: CaptionView): { text: string; title: string } | null {
  if (!c.bytes || (c.bytes.sent === 0 && c.bytes.received === 0)) return null;
  const requests = c.cloud ? ` in ${plural(c.cloud.requests, 'request')} to ${c.cloud.endpoint}` : '';
  return {
    text: `↑ ${formatBytes(c.bytes.sent)} ↓ ${formatBytes(c.bytes.received)}`,
    title: `${formatExactBytes(c.bytes.sent)} sent, ${formatExactBytes(c.bytes.received)} received${requests}`,
  };
}

/** This line's own bytes, in words: what stayed here and what went on the wire. */
export function bytesDescription(c: CaptionView): string | null {
  if (!c.bytes) return null;
  const audio = c.bytes.audio > 0 ? `Audio ${formatBytes(c.bytes.audio)} processed here, never sent. ` : '';
  if (c.bytes.sent === 0 && c.bytes.received === 0) return `${audio}Text stayed on this device (0 B sent).`;
  const tokens = c.cloud?.usage ? `, ${plural(c.cloud.usage.prompt_tokens + c.cloud.usage.completion_tokens, 'token')} billed` : '';
  const where = c.cloud ? ` to ${c.cloud.endpoint} in ${plural(c.cloud.requests, 'request')}${tokens}` : '';
  return `${audio}Text sent${where}: ${formatBytes(c.bytes.sent)} sent, ${formatBytes(c.bytes.received)} received.`;
}

/** "EN → DE", with the spoken language in words for the title. */
export function languageTag(c: CaptionView): { text: string; title: string } | null {
  if (!c.language) return null;
  return { text: `${c.language.toUpperCase()}${c.targetLanguage ? ` → ${c.targetLanguage.toUpperCase()}` : ''}`, title: `Spoken language: ${languageName(c.language)}` };
}

/** A final line that asked for a translation and got none: say why instead of leaving a blank. */
export const isUntranslated = (c: CaptionView): boolean => c.final && c.targetLanguage !== null && c.translation === null;
