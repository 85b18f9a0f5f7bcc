import validator from 'validator';
import { afterBookNumberLabel, looksLikeCard } from './detect-phone';
import { numberRuns } from './spoken-numbers';
import { keyedSpans, matches, regexSpans, type Span } from './spans';

/** Bank and card data: IBANs, card numbers (digits or words), expiry dates and security codes. */

const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?=[ -]?[A-Z0-9])/giu;
const IBAN_GROUP = /[ -]?([A-Z0-9]+)/iy;
const IBAN_MAX = 34;
const IBAN_MIN = 15;

interface Group {
  end: number;
  compact: string;
}

/** The IBAN's groups: "DE89", "3704", … up to the longest an IBAN can be (the next word is read too; see ibanAt). */
function ibanGroups(text: string, start: number, head: string): Group[] {
  const groups: Group[] = [{ end: start + head.length, compact: head.toUpperCase() }];
  IBAN_GROUP.lastIndex = start + head.length;
  for (let m = IBAN_GROUP.exec(text); m; m = IBAN_GROUP.exec(text)) {
    const compact = groups.at(-1)!.compact + m[1]!.toUpperCase();
    if (compact.length > IBAN_MAX || /[\p{L}\p{N}]/u.test(text[IBAN_GROUP.lastIndex] ?? '')) break;
    groups.push({ end: IBAN_GROUP.lastIndex, compact });
  }
  return groups;
}

/**
 * The IBAN starting here ends where a prefix of its groups is a valid IBAN (validator checks the country's length
 * and format, then mod-97): "DE89 3704 0044 0532 0130 00 today" is the IBAN without "today", and mod-97 alone
 * would pass one word in 97. A number that fails (a misheard digit) still ends at the first group without a
 * digit, and is still redacted: it is still someone's account number.
 */
function ibanAt(text: string, start: number, head: string): Span | null {
  const groups = ibanGroups(text, start, head);
  for (let i = groups.length - 1; i > 0; i--) {
    const g = groups[i]!;
    if (validator.isIBAN(g.compact)) return { start, end: g.end, kind: 'iban', key: g.compact };
  }
  let last: Group | null = null;
  for (let i = 1; i < groups.length && belongsToNumber(groups, i); i++) last = groups[i]!;
  return last && last.compact.length >= IBAN_MIN ? { start, end: last.end, kind: 'iban', key: last.compact } : null;
}

/** Group i has a digit, or is a bank code of up to four letters with digits after it ("GB82 WEST 1234"). */
function belongsToNumber(groups: readonly Group[], i: number): boolean {
  const added = (k: number): string => groups[k]?.compact.slice(groups[k - 1]!.compact.length) ?? '';
  const group = added(i);
  return /\d/.test(group) || (/^[A-Z]{1,4}$/.test(group) && /\d/.test(added(i + 1)));
}

export function ibanSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matches(IBAN_START, text)) {
    const span = ibanAt(text, m.index, m[0]);
    if (span) out.push(span);
  }
  return out;
}

// A whole run of digits (single spaces or dashes between), never part of a longer one, not after "+".
const CARD_RE = /(?<![\p{N}+][ -]?)\d(?:[ -]?\d)*(?![ -]?\p{N})/gu;

/** 13–19 digits not starting with 0, whether or not Luhn passes: a card number heard with one wrong digit is still one. */
export function cardSpans(text: string): Span[] {
  const digits = regexSpans(CARD_RE, text, 'card', (m) => {
    const d = m.replace(/\D/g, '');
    return looksLikeCard(d) ? d : null;
  }).filter((s) => !afterBookNumberLabel(text, s.start));
  const spoken = numberRuns(text)
    .filter((r) => r.words > 0 && !r.international && (looksLikeCard(r.digits) || (r.digits.length > 15 && r.digits.length <= 19)))
    .map((r): Span => ({ start: r.start, end: r.end, kind: 'card', key: r.digits }));
  return [...digits, ...spoken];
}

const FILLER = String.raw`\s*(?:[:#\-]\s*)?(?:(?:is|ist|lautet|est|es|on|am|le|el|the)\s+)?`;
const EXPIRY_KEY = /\b(?:exp(?:\.|iry(?: date)?|ires|iration(?: date)?)?|valid (?:thru|through|until|till)|good thru|gültig bis|ablaufdatum|läuft (?:am )?ab|date d'expiration|expire(?: le| fin)?|valable jusqu'(?:au|à|en)|fecha de caducidad|caducidad|caduca(?: el| en)?|vence(?: el| en)?|vencimiento|válida hasta)/giu;
const CARD_WORD = /\b(?:card|karte|kreditkarte|carte|tarjeta|visa|mastercard|amex)\b/giu;
const MMYY = String.raw`((?:0?[1-9]|1[0-2]) ?[/.-] ?(?:20)?\d{2})(?![\p{N}/.-]*\p{N})`;
const EXPIRY_AFTER_KEY = new RegExp(FILLER + MMYY, 'iuyd');
// After a card word, in the same sentence, slash form only ("Visa 4111 … 08/27"; "10.30" there is a time).
const EXPIRY_AFTER_CARD = new RegExp(String.raw`[^.!?\n]{0,80}?(?<![\p{N}/.-])((?:0?[1-9]|1[0-2]) ?/ ?(?:20)?\d{2})(?![\p{N}/.-]*\p{N})`, 'iuyd');

export function expirySpans(text: string): Span[] {
  return [...keyedSpans(text, EXPIRY_KEY, EXPIRY_AFTER_KEY, 'expiry'), ...keyedSpans(text, CARD_WORD, EXPIRY_AFTER_CARD, 'expiry')];
}

const CVV_KEY = /\b(?:cvv2?|cvc2?|csc|card security code|security code|card verification (?:code|value)|kartenprüfnummer|prüfnummer|prüfziffer|sicherheitscode|cryptogramme(?: visuel)?|code de sécurité|código de seguridad|código cvv|code cvv)/giu;
const CVV_DIGITS = new RegExp(FILLER + String.raw`(\d{3,4})(?!\p{N})`, 'iuyd');

/** "CVV 123", "Prüfnummer 987", and "CVV one two three". */
export function cvvSpans(text: string): Span[] {
  const digits = keyedSpans(text, CVV_KEY, CVV_DIGITS, 'cvv');
  const spoken: Span[] = [];
  for (const k of matches(CVV_KEY, text)) {
    const end = k.index + k[0].length;
    const run = numberRuns(text.slice(end, end + 60)).find((r) => r.words > 0);
    const filler = run ? text.slice(end, end + run.start) : '';
    if (run && run.digits.length >= 3 && run.digits.length <= 4 && new RegExp(`^${FILLER}$`, 'iu').test(filler)) {
      spoken.push({ start: end + run.start, end: end + run.end, kind: 'cvv', key: run.digits });
    }
  }
  return [...digits, ...spoken];
}
