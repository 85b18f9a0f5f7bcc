import validator from 'validator';
import { matches, regexSpans, type Span } from './spans';

/**
 * Passport, identity-card and similar document numbers. Most have no shape of their own (C01X00T47 could be a
 * part number), so they count after a document word; the few that do (Spanish DNI/NIE with its check letter,
 * US SSN, UK National Insurance) count anywhere.
 */

const DOCUMENT_WORD = new RegExp(
  [
    String.raw`passport(?: number| no\.?)?`, String.raw`(?:id|identity) card(?: number)?`, String.raw`id number`, String.raw`national id(?: number)?`,
    String.raw`driver'?s licen[cs]e(?: number)?`, String.raw`social security number`, String.raw`national insurance number`, String.raw`tax id`,
    String.raw`reisepass(?:nummer)?`, String.raw`passnummer`, String.raw`pass(?:-?nr\.?)?`, String.raw`personalausweis(?:nummer)?`, String.raw`ausweis(?:nummer|-?nr\.?)?`,
    String.raw`führerschein(?:nummer)?`, String.raw`steuer-?id`, String.raw`sozialversicherungsnummer`,
    String.raw`(?:numéro de )?passeport`, String.raw`carte d'identité`, String.raw`numéro d'identité`, String.raw`permis de conduire`, String.raw`numéro de sécurité sociale`,
    String.raw`(?:número de )?pasaporte`, String.raw`dni`, String.raw`documento (?:nacional )?de identidad`, String.raw`número de documento`, String.raw`carné de conducir`,
  ].map((w) => `(?<![\\p{L}])${w}(?![\\p{L}])`).join('|'),
  'giu',
);

// Words between the document word and the number ("passport number is …", "Ausweisnummer lautet …").
const FILLER = /(?:\s*[:#-]?\s*(?:number|no\.?|nr\.?|nummer|numéro|número|n[º°o]\.?|is|ist|lautet|est|es|de mi|du|del)(?!\p{L}))*\s*[:#-]?\s*/iuy;
// Upper-case letters and digits in groups; the case matters ("is", "today" are not part of it).
const CANDIDATE = /[A-Z0-9]+(?:[ -][A-Z0-9]+)*/y;

/** Keeps the groups that belong to the number: groups with digits, short letter prefixes, one final check letter. */
function trimDocumentNumber(raw: string): string | null {
  const groups = raw.split(/([ -])/);
  let kept = '';
  for (let i = 0; i < groups.length; i += 2) {
    const g = groups[i]!;
    const lastLetter = /^[A-Z]$/.test(g) && i === groups.length - 1 && /\d$/.test(kept);
    const prefix = /^[A-Z]{1,3}$/.test(g) && i === 0 && /\d/.test(groups[2] ?? '');
    if (!/\d/.test(g) && !lastLetter && !prefix) break;
    kept += (i > 0 ? groups[i - 1]! : '') + g;
  }
  const compact = kept.replace(/[ -]/g, '');
  return compact.length >= 5 && compact.length <= 18 && (compact.match(/\d/g)?.length ?? 0) >= 2 ? kept : null;
}

function keyedDocumentSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const k of matches(DOCUMENT_WORD, text)) {
    FILLER.lastIndex = k.index + k[0].length;
    FILLER.exec(text);
    CANDIDATE.lastIndex = FILLER.lastIndex;
    const start = FILLER.lastIndex;
    const m = CANDIDATE.exec(text);
    const kept = m ? trimDocumentNumber(m[0]) : null;
    if (kept && !/[\p{L}\p{N}]/u.test(text[start + kept.length] ?? '')) {
      out.push({ start, end: start + kept.length, kind: 'id', key: kept.replace(/[ -]/g, '') });
    }
  }
  return out;
}

const compactUpper = (s: string): string => s.replace(/[ -]/g, '').toUpperCase();
const DNI_RE = /(?<![\p{L}\p{N}])[XYZ]?\d{7,8}[- ]?[A-Z](?![\p{L}\p{N}])/gu;
const SSN_RE = /(?<![\p{N}-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\p{N}-])/gu;
const NINO_RE = /(?<![\p{L}\p{N}])[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu;

export function idSpans(text: string): Span[] {
  return [
    ...keyedDocumentSpans(text),
    // The DNI's letter is a checksum of its digits: validator checks it.
    ...regexSpans(DNI_RE, text, 'id', (m) => (validator.isIdentityCard(compactUpper(m), 'ES') ? compactUpper(m) : null)),
    ...regexSpans(SSN_RE, text, 'id', compactUpper),
    ...regexSpans(NINO_RE, text, 'id', compactUpper),
  ];
}
