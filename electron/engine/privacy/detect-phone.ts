import { numberRuns } from './spoken-numbers';
import { regexSpans, type Span } from './spans';

/** Phone numbers in digits ("+49 30 1234567", "(555) 123-4567") and read out in words. */

const PHONE_RE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d ()./-]{5,}\d(?![\p{N}])/gu;

/** Shapes with 7+ digits that are not phone numbers: dates, year ranges, thousands ("1.250.000"). */
const NOT_A_PHONE = [
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/,
  /^\d{4}[./-]\d{1,2}[./-]\d{1,2}$/,
  /^(?:19|20)\d{2} ?[-/] ?(?:19|20)\d{2}$/,
  /^\d{1,3}(?:[.,]\d{3})+$/,
  // "1 250 000" (French thousands); "612 345 678" (a Spanish phone) has three digits first.
  /^\d{1,2}(?: \d{3})+$/,
];

/** A price or a quantity: a currency sign before, or a currency or unit word after ("1 250 000 euros"). */
const QUANTITY_BEFORE = /[€$£¥]\s*$/u;
const QUANTITY_AFTER = /^\s*(?:[€$£¥%]|(?:euros?|dollars?|pounds?|eur|usd|gbp|francs?|pesos?|percent|prozent|pour cent|por ciento|km|kg|meters?|metres?|mètres?|metros?|meter|people|personnes|personas|menschen|leute|users?|nutzer|utilisateurs|usuarios)\b)/iu;

// Book and product numbers are as long as phones and cards; they say what they are.
const BOOK_NUMBER_BEFORE = /(?<!\p{L})(?:isbn|issn|ean|gtin)(?:-1[03])?:?\s*$/iu;
export const afterBookNumberLabel = (text: string, start: number): boolean => BOOK_NUMBER_BEFORE.test(text.slice(Math.max(0, start - 10), start));

function isQuantity(text: string, start: number, end: number): boolean {
  return QUANTITY_BEFORE.test(text.slice(Math.max(0, start - 3), start)) || QUANTITY_AFTER.test(text.slice(end, end + 16));
}

export function numericPhoneSpans(text: string): Span[] {
  return regexSpans(PHONE_RE, text, 'phone', (m) => {
    const digits = m.replace(/\D/g, '');
    // E.164 allows up to 15 digits; 7 is the shortest local number people give out.
    if (digits.length < 7 || digits.length > 15) return null;
    const bare = m.replace(/^\(|\)$/g, '');
    if (!/^(?:\+|00)/.test(m) && NOT_A_PHONE.some((re) => re.test(bare))) return null;
    return digits;
  }).filter((s) => !isQuantity(text, s.start, s.end) && !afterBookNumberLabel(text, s.start));
}

/** "five five five one two three four": 7–15 digits read out, at least one of them as a word. Longer runs are cards. */
export function spokenPhoneSpans(text: string): Span[] {
  return numberRuns(text)
    .filter((r) => r.words > 0 && r.digits.length >= 7 && r.digits.length <= 15 && (r.international || !looksLikeCard(r.digits)))
    .map((r) => ({ start: r.start, end: r.end, kind: 'phone' as const, key: r.digits }));
}

/** 13–19 digits not starting with 0: a card number (card numbers never start with 0; long phone numbers do, or with +). */
export const looksLikeCard = (digits: string): boolean => digits.length >= 13 && digits.length <= 19 && digits[0] !== '0';

export function phoneSpans(text: string): Span[] {
  return [...numericPhoneSpans(text), ...spokenPhoneSpans(text)];
}
