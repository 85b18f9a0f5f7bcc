/**
 * Numbers read out as words ("five five five one two three four", "zéro six douze trente-quatre", "treinta y
 * cuatro"): Whisper often writes digits as words, and a phone or card number in words is still that number.
 * Covers 0–99 in English, German, French and Spanish, which is how people read numbers out: digit by digit or
 * in pairs.
 */

const WORDS: Record<string, number> = {
  // English
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  // German (21–99 are compounds, see GERMAN_COMPOUND)
  null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
  zehn: 10, elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
  zwanzig: 20, dreißig: 30, dreissig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
  // French (hyphenated compounds are summed, see frenchCompound)
  zéro: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  // Spanish
  cero: 0, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciséis: 16, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veinte: 20, veintiuno: 21, veintiún: 21, veintidós: 22, veintidos: 22, veintitrés: 23, veintitres: 23, veinticuatro: 24, veinticinco: 25,
  veintiséis: 26, veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29,
  treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
};

const GERMAN_COMPOUND = /^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)$/;
const GERMAN_UNIT: Record<string, number> = { ein: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9 };

/** "soixante-dix-huit" = 78, "quatre-vingt-dix" = 90, "vingt-et-un" = 21, "twenty-one" = 21. */
function hyphenCompound(word: string): number | null {
  const parts = word.replace(/quatre-vingts?/g, 'quatrevingt').split('-').filter((p) => p !== 'et');
  let sum = 0;
  for (const p of parts) {
    const v = p === 'quatrevingt' ? 80 : WORDS[p];
    if (v === undefined) return null;
    sum += v;
  }
  return parts.length > 1 && sum < 100 ? sum : null;
}

/** The value 0–99 of one number word, or null. */
export function numberWordValue(token: string): number | null {
  const word = token.toLowerCase();
  const direct = WORDS[word];
  if (direct !== undefined) return direct;
  const german = GERMAN_COMPOUND.exec(word);
  if (german) return GERMAN_UNIT[german[1]!]! + WORDS[german[2]!]!;
  return word.includes('-') ? hyphenCompound(word) : null;
}

export interface NumberRun {
  start: number;
  end: number;
  /** The digits the run reads out, in order ("double five" → "55", "twelve" → "12"). */
  digits: string;
  /** How many tokens were words rather than digits. */
  words: number;
  /** It began with "+" or "plus": a phone number with its country code. */
  international: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /\+|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/** What may stand between two numbers of one run: spaces, commas, dashes, brackets, slashes. */
const GAP_RE = /^[ ,\-–()/]*$/;
const JOINERS = new Set(['y', 'et', 'and']);
const REPEATS: Record<string, number> = { double: 2, triple: 3 };

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN_RE)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Builds runs of number tokens; a run ends at a gap that is not a separator or at a token that is no number. */
export function numberRuns(text: string): NumberRun[] {
  const all = tokens(text);
  const runs: NumberRun[] = [];
  let i = 0;
  while (i < all.length) {
    const run = readRun(all, i, text);
    if (run) {
      runs.push(run.run);
      i = run.next;
    } else i++;
  }
  return runs;
}

/** The run starting at token `from`, if any: "plus" / "+" may lead, "double"/"triple" repeat, "y"/"et" join tens and units. */
function readRun(all: Token[], from: number, text: string): { run: NumberRun; next: number } | null {
  let i = from;
  let digits = '';
  let words = 0;
  let lastTens = false;
  const first = all[i]!;
  const international = first.text === '+' || first.text.toLowerCase() === 'plus';
  if (international) i++;
  let end = -1;
  while (i < all.length) {
    const t = all[i]!;
    if (end >= 0 && !GAP_RE.test(text.slice(end, t.start))) break;
    const lower = t.text.toLowerCase();
    const repeat = REPEATS[lower];
    const next = all[i + 1];
    const nextValue = next ? numberWordValue(next.text) : null;
    if (repeat && next && nextValue !== null && nextValue < 10) {
      digits += String(nextValue).repeat(repeat);
      words += 2;
      end = next.end;
      i += 2;
      lastTens = false;
      continue;
    }
    // "treinta y cuatro": the joiner only counts between tens and a unit.
    if (JOINERS.has(lower) && lastTens && next && nextValue !== null && nextValue >= 1 && nextValue <= 9) {
      digits = digits.slice(0, -1) + String(nextValue);
      words += 2;
      end = next.end;
      i += 2;
      lastTens = false;
      continue;
    }
    const piece = tokenDigits(t, text, lastTens);
    if (piece === null) break;
    digits = piece.replacesLast ? digits.slice(0, -1) + piece.digits : digits + piece.digits;
    if (piece.word) words++;
    lastTens = piece.tens;
    end = t.end;
    i++;
  }
  if (digits === '') return null;
  return { run: { start: first.start, end, digits, words, international }, next: i };
}

/** One token's digits: a number word, or a group of 1–4 digits. "twenty one" merges into 21. */
function tokenDigits(t: Token, text: string, afterTens: boolean): { digits: string; word: boolean; tens: boolean; replacesLast: boolean } | null {
  if (/^\d{1,4}$/.test(t.text)) return { digits: t.text, word: false, tens: false, replacesLast: false };
  // "oh," is an interjection, not a zero.
  if (t.text.toLowerCase() === 'oh' && /^[,!]/.test(text.slice(t.end))) return null;
  const v = numberWordValue(t.text);
  if (v === null) return null;
  if (afterTens && v >= 1 && v <= 9) return { digits: String(v), word: true, tens: false, replacesLast: true };
  const tens = v >= 20 && v % 10 === 0;
  return { digits: String(v), word: true, tens, replacesLast: false };
}
