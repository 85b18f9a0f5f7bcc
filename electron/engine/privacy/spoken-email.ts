import validator from 'validator';
import { regexSpans, type Span } from './spans';

/**
 * Email addresses as they are spoken and transcribed: "john dot smith at gmail dot com", "anna punkt berg ät
 * gmx punkt de", "jean point dupont arobase orange point fr", "carlos punto ruiz arroba gmail punto com".
 * The words are turned back into an address, which validator must accept.
 */

const DOT = String.raw`(?:\.|\s+(?:dot|punkt|point|punto)\s+)`;
const AT = String.raw`(?:\s*@\s*|\s+(?:at|ät|arobase|arroba|at-zeichen)\s+)`;
// "tiret bas" before "tiret": alternation takes the first that fits.
const UNDERSCORE_WORDS = 'underscore|unterstrich|tiret bas|guion bajo';
const DASH_WORDS = 'dash|hyphen|minus|bindestrich|tiret|guion|guión';
const JOIN = String.raw`(?:\s+(?:${UNDERSCORE_WORDS}|${DASH_WORDS})\s+)`;
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}_%+-]*`;
const TLD = '(?:com|org|net|edu|gov|io|co|uk|de|fr|es|eu|info|biz|me|at|ch|be|nl|it|us|ca|au|app|dev|mx|ar|pt|pl|se|dk|no|fi|ie)';

const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${WORD}(?:(?:${DOT}|${JOIN})${WORD})*${AT}${WORD}(?:${DOT}${WORD})*${DOT}${TLD}(?![\p{L}\p{N}])`,
  'giu',
);

const SPOKEN_WORD = new RegExp(String.raw`\s+(?:dot|punkt|point|punto|at|ät|arobase|arroba|at-zeichen|${UNDERSCORE_WORDS}|${DASH_WORDS})\s+`, 'iu');

/** "john dot smith at gmail dot com" → "john.smith@gmail.com". */
export function spokenToEmail(spoken: string): string {
  return spoken
    .replace(new RegExp(AT, 'iu'), '@')
    .replace(new RegExp(DOT, 'giu'), '.')
    .replace(new RegExp(String.raw`\s+(?:${UNDERSCORE_WORDS})\s+`, 'giu'), '_')
    .replace(new RegExp(String.raw`\s+(?:${DASH_WORDS})\s+`, 'giu'), '-')
    .toLowerCase();
}

export function spokenEmailSpans(text: string): Span[] {
  return regexSpans(SPOKEN_EMAIL, text, 'email', (m) => {
    if (!SPOKEN_WORD.test(m)) return null; // a written address: emailSpans has it
    const email = spokenToEmail(m);
    return validator.isEmail(email) ? email : null;
  });
}
