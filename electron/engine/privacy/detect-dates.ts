import { matches, normalKey, type Span } from './spans';

/**
 * Dates of birth, written ("March 14, 1985", "14. März 1985", "14 de marzo de 1985") or numeric ("14/03/1985",
 * "1985-03-14"). Only whole dates (day, month and year) count, so "in 2024" or "on March 3" stay. A whole date is
 * taken for a birth date when the line speaks of birth, or when it is at least 16 years old (a meeting or a
 * deadline is not); two-digit years only with birth words.
 */

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'januar', 'jänner', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember',
  'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec',
];
// Longest first, so "march" is not read as "mar".
const MONTH = `(?:${[...new Set(MONTH_NAMES)].sort((a, b) => b.length - a.length).join('|')})\\.?(?!\\p{L})`;
const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|\.|º|°)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{N}])`;

const WRITTEN = [
  // March 14, 1985 · March 14th 1985
  new RegExp(`${START}${MONTH}\\s+${DAY},?\\s+${YEAR}${END}`, 'giu'),
  // 14 March 1985 · 14th of March, 1985 · 14. März 1985 · 14 mars 1985 · 14 de marzo de 1985
  new RegExp(`${START}${DAY}\\s+(?:of\\s+|de\\s+)?${MONTH},?\\s+(?:de\\s+|del\\s+)?${YEAR}${END}`, 'giu'),
];
// 14/03/1985 · 03/14/1985 · 14.03.1985 · 14-03-85 (same separator twice) · 1985-03-14
const NUMERIC = /(?<![\p{N}./-])(?:(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})|(\d{4})-(\d{2})-(\d{2}))(?![\p{N}]|[./-]\p{N})/gu;

const BIRTH = /(?<!\p{L})(?:born|birth\w*|dob|d\.o\.b|geboren|geburt\w*|née?(?!\p{L})|naissance|nacid[oa]|nacimiento|cumpleaños|anniversaire)/iu;

const yearOf = (s: string): number | null => {
  const m = /(?:19|20)\d{2}(?!.*(?:19|20)\d{2})/.exec(s);
  return m ? Number(m[0]) : null;
};

function plausibleBirth(year: number | null, birthWords: boolean, now: number): boolean {
  if (birthWords) return true;
  return year !== null && year >= 1900 && year <= now - 16;
}

/** Day and month of a numeric date, either order (14/03 or 03/14); ISO is year-month-day. */
function numericIsDate(m: RegExpExecArray): { year: number | null } | null {
  if (m[5]) return Number(m[6]) <= 12 && Number(m[7]) <= 31 ? { year: Number(m[5]) } : null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const ok = a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
  return ok ? { year: m[4]!.length === 4 ? Number(m[4]) : null } : null;
}

export function dateOfBirthSpans(text: string, now = new Date().getFullYear()): Span[] {
  const birthWords = BIRTH.test(text);
  const out: Span[] = [];
  for (const re of WRITTEN) {
    for (const m of matches(re, text)) {
      if (plausibleBirth(yearOf(m[0]), birthWords, now)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'dob', key: normalKey(m[0]) });
    }
  }
  for (const m of matches(NUMERIC, text)) {
    const date = numericIsDate(m);
    if (date && plausibleBirth(date.year, birthWords, now)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'dob', key: m[0] });
  }
  return out;
}
