import type { RedactionReport } from '../../contract';
import { addressSpans } from './detect-address';
import { dateOfBirthSpans } from './detect-dates';
import { cardSpans, cvvSpans, expirySpans, ibanSpans } from './detect-finance';
import { glossarySpans } from './detect-glossary';
import { idSpans } from './detect-ids';
import { emailSpans, ipSpans, urlSpans } from './detect-network';
import { nameSpans } from './detect-names';
import { phoneSpans } from './detect-phone';
import { TAG, type RedactionKind } from './kinds';
import { entities } from './nlp';
import { PlaceholderError, restore, type PlaceholderProblem, type Restorable } from './restore';
import { spokenEmailSpans } from './spoken-email';
import { mergeSpans, type Span } from './spans';

/**
 * Redaction before the cloud: personal data and the user's glossary terms become stable placeholders
 * (⟦EMAIL_1⟧), the cloud translates around them, and `restore` puts the originals back on the device. The
 * report carries kinds and counts only — never a value. Detectors live one family per file; this module runs
 * them, merges what they found (spans.ts) and writes the placeholders.
 */

export { ibanValid, luhnValid } from './checksums';
export { KINDS, PROMISED_KINDS, type RedactionKind } from './kinds';
export { PlaceholderError, restore, type PlaceholderProblem };
export type { Span };

export interface Redaction extends Restorable {
  /** The text to send: every sensitive span replaced by its placeholder. */
  text: string;
  report: RedactionReport;
}

/** Brackets the user typed must not pass for our placeholders (same length, so offsets stay valid). */
const neutralise = (input: string): string => input.replace(/⟦/g, '[').replace(/⟧/g, ']');

/** Every sensitive span of the line, merged, in order. Offsets are those of `input`. */
export function detectSpans(input: string, glossary: readonly string[] = []): Span[] {
  const text = neutralise(input);
  const nlp = entities(text);
  return mergeSpans(
    [
      ...urlSpans(text),
      ...emailSpans(text),
      ...spokenEmailSpans(text),
      ...ipSpans(text),
      ...ibanSpans(text),
      ...cardSpans(text),
      ...expirySpans(text),
      ...cvvSpans(text),
      ...dateOfBirthSpans(text),
      ...idSpans(text),
      ...phoneSpans(text),
      ...addressSpans(text, nlp),
      ...glossarySpans(text, glossary),
      ...nameSpans(text, nlp),
    ],
    text,
  );
}

export function redact(input: string, glossary: readonly string[] = []): Redaction {
  const text = neutralise(input);
  const map = new Map<string, string>();
  const occurrences = new Map<string, number>();
  const byKey = new Map<string, string>();
  const perKind = new Map<RedactionKind, number>();
  const counts: Record<string, number> = {};
  let out = '';
  let at = 0;
  for (const s of detectSpans(text, glossary)) {
    const identity = `${s.kind}\u0000${s.key}`;
    let placeholder = byKey.get(identity);
    if (!placeholder) {
      const n = (perKind.get(s.kind) ?? 0) + 1;
      perKind.set(s.kind, n);
      placeholder = `⟦${TAG[s.kind]}_${n}⟧`;
      byKey.set(identity, placeholder);
      map.set(placeholder, text.slice(s.start, s.end));
    }
    occurrences.set(placeholder, (occurrences.get(placeholder) ?? 0) + 1);
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    out += text.slice(at, s.start) + placeholder;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, map, occurrences, report: { counts } };
}
