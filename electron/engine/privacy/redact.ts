import type { RedactionReport } from '../../contract';

/**
 * Redaction before the cloud: personal data and the user's glossary terms become stable
 * placeholders (⟦EMAIL_1⟧), the cloud translates around them, and `restore` puts the originals
 * back on the device. The report carries kinds and counts only — never a value.
 */

export type RedactionKind = 'url' | 'email' | 'iban' | 'card' | 'phone' | 'glossary';

const TAG: Record<RedactionKind, string> = { url: 'URL', email: 'EMAIL', iban: 'IBAN', card: 'CARD', phone: 'PHONE', glossary: 'TERM' };

export interface Redaction {
  /** The text to send: every sensitive span replaced by its placeholder. */
  text: string;
  /** placeholder → original text, kept on the device. */
  map: ReadonlyMap<string, string>;
  /** How often each placeholder occurs in `text` (a repeated value repeats its placeholder). */
  occurrences: ReadonlyMap<string, number>;
  report: RedactionReport;
}

/** Luhn checksum: catches almost every mistyped card number, so dates and prices are left alone. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters → numbers, mod 97 = 1. */
export function ibanValid(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
  /** What identifies "the same value" within a line (case/spacing-insensitive where it makes sense). */
  key: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    else yield m;
  }
}

// Order = priority when spans overlap: a URL containing an email is one URL; an IBAN's digits are not a phone.
const DETECTORS: { kind: RedactionKind; re: RegExp; accept: (m: string) => string | null }[] = [
  { kind: 'url', re: /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]}'’”]/giu, accept: (m) => m },
  { kind: 'email', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu, accept: (m) => m.toLowerCase() },
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}\b/gi,
    accept: (m) => {
      const compact = m.replace(/[ -]/g, '').toUpperCase();
      return ibanValid(compact) ? compact : null;
    },
  },
  {
    kind: 'card',
    re: /(?<![\p{N}])\d(?:[ -]?\d){12,18}(?![\p{N}])/gu,
    accept: (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? digits : null;
    },
  },
  {
    kind: 'phone',
    re: /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d ()./-]{5,}\d(?![\p{N}])/gu,
    accept: (m) => {
      const digits = m.replace(/\D/g, '');
      // 7–15 digits (E.164); a lone year or price never gets there.
      return digits.length >= 7 && digits.length <= 15 ? digits : null;
    },
  },
];

function glossaryDetector(terms: readonly string[]): RegExp | null {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  // Whole words in any script: no letter, digit or underscore right before or after the term.
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${cleaned.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

/** Any placeholder-like token; used to neutralise lookalikes in the input and to check the output. */
const PLACEHOLDER = /⟦([A-Z]+)_(\d+)⟧/g;

export function redact(input: string, glossary: readonly string[] = []): Redaction {
  // Brackets the user typed must not pass for our placeholders.
  const text = input.replace(/⟦/g, '[').replace(/⟧/g, ']');
  const spans: Span[] = [];
  for (const d of DETECTORS) {
    for (const m of matches(d.re, text)) {
      const key = d.accept(m[0]);
      if (key !== null) spans.push({ start: m.index, end: m.index + m[0].length, kind: d.kind, key });
    }
  }
  const glossaryRe = glossaryDetector(glossary);
  if (glossaryRe) for (const m of matches(glossaryRe, text)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'glossary', key: m[0].toLowerCase() });

  // Keep earlier-detector spans first, then drop anything overlapping a kept one.
  const priority = (k: RedactionKind): number => (k === 'glossary' ? DETECTORS.length : DETECTORS.findIndex((d) => d.kind === k));
  spans.sort((a, b) => priority(a.kind) - priority(b.kind) || a.start - b.start);
  const kept: Span[] = [];
  for (const s of spans) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  kept.sort((a, b) => a.start - b.start);

  const map = new Map<string, string>();
  const occurrences = new Map<string, number>();
  const byKey = new Map<string, string>();
  const perKind = new Map<RedactionKind, number>();
  const counts: Record<string, number> = {};
  let out = '';
  let at = 0;
  for (const s of kept) {
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

export type PlaceholderProblem = 'dropped' | 'duplicated' | 'mangled';

/** The translation lost, repeated or garbled a placeholder: restoring would corrupt the line. */
export class PlaceholderError extends Error {
  readonly code = 'PLACEHOLDER_MISMATCH';
  readonly problem: PlaceholderProblem;
  constructor(problem: PlaceholderProblem, detail: string) {
    super(`The cloud translation ${problem} a placeholder (${detail}); the line is translated on the device instead.`);
    this.name = 'PlaceholderError';
    this.problem = problem;
  }
}

const TAGS = Object.values(TAG).join('|');
/** A placeholder whose brackets or spelling were changed: "EMAIL_1", "[EMAIL_1]", "⟦email 1⟧", a lone ⟦. */
const MANGLED = new RegExp(`[⟦⟧]|(?<![\\p{L}\\p{N}])(?:${TAGS})[ _-]?\\d+(?![\\p{N}])`, 'gu');

/** Puts the originals back. Throws PlaceholderError unless every placeholder came back exactly as often as it was sent. */
export function restore(translation: string, redaction: Pick<Redaction, 'map' | 'occurrences'>): string {
  if (redaction.map.size === 0) return translation;
  const seen = new Map<string, number>();
  for (const m of matches(PLACEHOLDER, translation)) {
    if (!redaction.map.has(m[0])) throw new PlaceholderError('mangled', `unknown ${m[0]}`);
    seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
  }
  const leftover = translation.replace(PLACEHOLDER, '');
  const garbled = leftover.match(MANGLED);
  if (garbled) throw new PlaceholderError('mangled', `found "${garbled[0]}"`);
  for (const [placeholder, expected] of redaction.occurrences) {
    const got = seen.get(placeholder) ?? 0;
    if (got < expected) throw new PlaceholderError('dropped', `${placeholder} ${got}× of ${expected}×`);
    if (got > expected) throw new PlaceholderError('duplicated', `${placeholder} ${got}× of ${expected}×`);
  }
  return translation.replace(PLACEHOLDER, (p) => redaction.map.get(p) ?? p);
}
