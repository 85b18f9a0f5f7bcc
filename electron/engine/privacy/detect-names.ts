import type { Entities } from './nlp';
import { normalKey, regexSpans, type Span } from './spans';

/**
 * Person names. compromise finds most (first-name lexicon + grammar, in English and often beyond); the
 * patterns add what it cannot know: a title or an introduction in German, French or Spanish followed by a
 * capitalised word ("Herr Schmidt", "Mme Lefèvre", "me llamo Lucía"). Titles stay outside the placeholder so
 * the translation can still translate them.
 */

const TITLES = [
  'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Sir', 'Dame', 'Lady', 'Lord',
  'Herr', 'Herrn', 'Frau', 'Fräulein',
  'Monsieur', 'Madame', 'Mademoiselle', 'M', 'Mme', 'Mlle', 'Maître',
  'Señor', 'Señora', 'Señorita', 'Sr', 'Sra', 'Srta', 'Don', 'Doña', 'señor', 'señora', 'señorita', 'don', 'doña',
];
const TITLE = String.raw`(?:${TITLES.join('|')})\.?`;
const WORD = String.raw`[\p{Lu}][\p{L}'’-]*\p{Ll}`;
const LEADING_TITLES = new RegExp(String.raw`^(?:${TITLE}\s+)+`, 'u');

// A capitalised word or two after a title ("Dr. Anna Keller", "Herr Dr. Schmidt"), the second title not a name.
const NOT_TITLE = String.raw`(?!(?:${TITLES.join('|')})\.?(?!\p{L}))`;
const AFTER_TITLE = new RegExp(String.raw`(?<=(?<![\p{L}])${TITLE}\s+(?:(?:Dr|Prof)\.?\s+)?)${NOT_TITLE}${WORD}(?:\s+${WORD})?`, 'gu');
// "my name is …", "ich heiße …", "je m'appelle …", "me llamo …": one to three capitalised words.
const INTRO = new RegExp(
  String.raw`(?<=(?<![\p{L}])(?:[Mm]y name is|[Mm]ein Name ist|[Ii]ch heiße|[Ii]ch heisse|[Jj]e m'appelle|[Jj]e m’appelle|[Mm]on nom est|[Mm]e llamo|[Mm]i nombre es|[Ss]oy)\s+)${WORD}(?:\s+(?:de\s+|van\s+|von\s+)?${WORD}){0,2}`,
  'gu',
);

/** compromise's mistakes that would cost a translation word: months and weekdays ("June", "April", "Mai"). */
const NOT_NAMES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mai', 'juni', 'juli',
]);

/**
 * compromise also tags lower-case words that are names elsewhere (German "allen" = all, "Allen"). Transcripts
 * and typed lines are capitalised, so a lower-case name counts only in a line written all in lower case.
 */
const capitalised = (s: string): boolean => /(?<!\p{L})\p{Lu}/u.test(s);

function fromCompromise(text: string, nlp: Entities): Span[] {
  const lowerCaseLine = !capitalised(text);
  const out: Span[] = [];
  for (const p of nlp.people) {
    const title = LEADING_TITLES.exec(p.text);
    const start = p.start + (title ? title[0].length : 0);
    const name = p.text.slice(start - p.start);
    if (name === '' || NOT_NAMES.has(name.toLowerCase()) || !/\p{L}/u.test(name) || (!lowerCaseLine && !capitalised(name))) continue;
    out.push({ start, end: p.end, kind: 'name', key: normalKey(name) });
  }
  return out;
}

export function nameSpans(text: string, nlp: Entities): Span[] {
  const patterns = [AFTER_TITLE, INTRO].flatMap((re) => regexSpans(re, text, 'name', (m) => (NOT_NAMES.has(m.toLowerCase()) ? null : normalKey(m))));
  return [...fromCompromise(text, nlp), ...patterns];
}
