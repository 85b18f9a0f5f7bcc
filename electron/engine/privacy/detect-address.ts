import validator from 'validator';
import type { Entities } from './nlp';
import { matches, normalKey, regexSpans, type Span } from './spans';

/**
 * Street addresses and postcodes. English streets come from compromise ("221B Baker Street"); German, French
 * and Spanish ones, which it does not read, from their street words. Postcodes: UK ones have a shape of their
 * own (checked by validator); five-digit ones (US, DE, FR, ES) only next to an address, a state, a postcode word,
 * a known place, or after "I live in".
 */

/** Both cases of the first letter only: the `i` flag would also make \p{Lu} match lower case. */
const cap = (word: string): string => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const NAME = String.raw`[\p{Lu}][\p{L}'’-]*`;

const GERMAN_STREET = new RegExp(
  String.raw`(?<![\p{L}])(?:${NAME}(?:straße|strasse|str\.|allee|gasse|platz|weg|ring|damm|ufer|chaussee)|${NAME}(?:er|e|es)? (?:Straße|Strasse|Allee|Gasse|Platz|Weg|Ring|Damm))\s+\d{1,3}(?: ?[a-z](?![\p{L}]))?(?![\p{N}])(?!\s*(?:Minuten|Stunden|Euro|Prozent|km|Meter|%))`,
  'gu',
);
const FRENCH_LINK = String.raw`(?:(?:de la|de l'|du|des|de|d'|la|le|les)\s*)`;
const FRENCH_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,4}(?: ?(?:bis|ter)(?![\p{L}]))?,?\s+(?:${['rue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'impasse', 'quai', 'route', 'cours', 'square', 'passage'].map(cap).join('|')}|bd|av\.)\s+${FRENCH_LINK}?${NAME}(?:[ -]${FRENCH_LINK}?${NAME})*`,
  'gu',
);
const SPANISH_LINK = String.raw`(?:(?:de la|de los|de las|del|de|la|los|las|y)\s+)`;
const SPANISH_STREET = new RegExp(
  String.raw`(?<![\p{L}])(?:${['calle', 'avenida', 'plaza', 'paseo', 'camino', 'carrera', 'ronda', 'travesía'].map(cap).join('|')}|C\/|Avda\.)\s+${SPANISH_LINK}?${NAME}(?:\s+${SPANISH_LINK}?${NAME})*,?\s+(?:n[ºo°]\.?\s*|número\s+)?\d{1,4}(?: ?[A-Z](?![\p{L}]))?(?![\p{N}])`,
  'gu',
);

export function streetSpans(text: string, nlp: Entities): Span[] {
  const english = nlp.addresses.map((r): Span => ({ start: r.start, end: r.end, kind: 'address', key: normalKey(r.text) }));
  return [...english, ...[GERMAN_STREET, FRENCH_STREET, SPANISH_STREET].flatMap((re) => regexSpans(re, text, 'address'))];
}

const UK_POSTCODE = /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![\p{L}\p{N}])/gu;
const FIVE_DIGITS = /(?<![\p{L}\p{N}.,-])\d{5}(?:-\d{4})?(?![\p{N}]|[.,-]\p{N})/gu;

const US_STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const STATE_BEFORE = new RegExp(String.raw`(?<![\p{L}])(?:${US_STATES}|California|Texas|Florida|New York|Illinois|Ohio|Washington|Massachusetts|Oregon|Colorado|Georgia|Virginia),?\s+$`, 'u');
const POSTCODE_WORD_BEFORE = /(?<![\p{L}])(?:zip(?: code)?|post ?code|postal code|plz|postleitzahl|code postal|cp|código postal)\s*(?:is|ist|est|es|:)?\s*$/iu;
const LIVING_BEFORE = /(?<![\p{L}])(?:live[sd]? in|living in|wohne[n]? in|wohnt in|lebe in|lebt in|habite à|habitons à|vis à|vit à|vivo en|vive en|vivimos en)\s+$/iu;
const CITY_AFTER = /^\s+[\p{Lu}][\p{L}-]+/u;

/** Does the five-digit number at [start, end) stand where a postcode stands? */
function postcodeContext(text: string, start: number, end: number, streets: Span[], nlp: Entities): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (STATE_BEFORE.test(before) || POSTCODE_WORD_BEFORE.test(before) || LIVING_BEFORE.test(before)) return true;
  // "Hauptstraße 5, 10115 Berlin": right after a street.
  if (streets.some((s) => s.end <= start && /^[\s,]*$/.test(text.slice(s.end, start)))) return true;
  // "75008 Paris": followed by a place compromise knows.
  const city = CITY_AFTER.exec(text.slice(end));
  return city !== null && nlp.places.some((p) => p.start >= end && p.start <= end + city[0].length);
}

export function postcodeSpans(text: string, nlp: Entities, streets: Span[]): Span[] {
  const uk = regexSpans(UK_POSTCODE, text, 'postcode', (m) => (validator.isPostalCode(m, 'GB') ? m.replace(' ', '').toUpperCase() : null));
  const five: Span[] = [];
  for (const m of matches(FIVE_DIGITS, text)) {
    const end = m.index + m[0].length;
    if (postcodeContext(text, m.index, end, streets, nlp)) five.push({ start: m.index, end, kind: 'postcode', key: m[0] });
  }
  return [...uk, ...five];
}

export function addressSpans(text: string, nlp: Entities): Span[] {
  const streets = streetSpans(text, nlp);
  return [...streets, ...postcodeSpans(text, nlp, streets)];
}
