import type { OverlaySettings } from '../contract';
import type { CaptionView } from '../state';

/** One caption as the overlay shows it: the texts the chosen mode keeps, in order (source first). */
export interface OverlayLine {
  id: string;
  partial: boolean;
  texts: Array<{ kind: 'source' | 'translation'; text: string; lang: string | null }>;
}

function textsOf(c: CaptionView, show: OverlaySettings['show']): OverlayLine['texts'] {
  const source = { kind: 'source' as const, text: `${c.committed}${c.tentative}`.trim(), lang: c.language };
  const translation = c.translation?.trim() ? { kind: 'translation' as const, text: c.translation.trim(), lang: c.targetLanguage } : null;
  if (show === 'source') return [source];
  if (show === 'both') return translation ? [source, translation] : [source];
  if (translation) return [translation];
  // Translation only, and this line will have none (captions only, or untranslated): its source rather than a gap.
  return c.final && !c.translation ? [source] : [];
}

/** The newest `max` captions that have something to show in this mode, oldest first. */
export function overlayLines(order: readonly string[], captions: Record<string, CaptionView>, show: OverlaySettings['show'], max = 2): OverlayLine[] {
  const lines: OverlayLine[] = [];
  for (let i = order.length - 1; i >= 0 && lines.length < max; i--) {
    const caption = captions[order[i]!];
    if (!caption) continue;
    const texts = textsOf(caption, show).filter((t) => t.text !== '');
    if (texts.length) lines.unshift({ id: caption.id, partial: !caption.final, texts });
  }
  return lines;
}
