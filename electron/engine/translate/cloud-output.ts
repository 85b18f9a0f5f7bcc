import { TRANSCRIPT_CLOSE, TRANSCRIPT_OPEN } from './cloud-prompt';

/**
 * What a model's reply needs before it is a caption: its thinking removed (also while it streams), the polite
 * wrapping some models add ("Here is the translation:", quotes, the transcript tags echoed back) taken off.
 */

const THINK_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const THINK_OPEN = /<(think|thinking|reasoning)>/i;

/**
 * The reply without its reasoning blocks. While streaming (`final` false) a block still open hides everything after
 * its opening tag, and a tag still arriving ("<thi") hides too, so a partial never shows a word of the thinking. A
 * final reply with an unclosed block keeps the text before it.
 */
export function stripThinking(text: string, final: boolean): string {
  let out = text.replace(THINK_BLOCK, '');
  const open = THINK_OPEN.exec(out);
  if (open) out = out.slice(0, open.index);
  // Some servers send the closing tag only (the template opened the block): everything before it is thinking.
  const lone = /<\/(think|thinking|reasoning)>/i.exec(out);
  if (lone) out = out.slice(lone.index + lone[0].length);
  if (!final) out = out.replace(/<\/?[a-z]{0,9}$/i, '');
  return out.replace(/^\s+/, '');
}

/** Lead-ins models put before the translation, in the languages Sotto translates into most (one line, ending in ':'). */
const LEAD_IN = new RegExp(
  [
    String.raw`^\s*(?:sure[,!.]?\s*|of course[,!.]?\s*|certainly[,!.]?\s*)?`,
    String.raw`(?:here(?:'s| is)(?: the| your)?(?: \w+)? translation(?: \w+){0,6}|(?:the )?translation(?: \w+){0,4}|`,
    String.raw`hier ist die übersetzung|übersetzung|voici la traduction|traduction|aquí está la traducción|traducción|ecco la traduzione|traduzione)`,
    String.raw`\s*[:：]\s*`,
  ].join(''),
  'iu',
);

const QUOTE_PAIRS: [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '“'],
  ['«', '»'],
  ['‘', '’'],
  ['「', '」'],
];

function unquote(text: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length > 2 && text.startsWith(open) && text.endsWith(close) && !text.slice(1, -1).includes(close)) return text.slice(1, -1).trim();
  }
  return text;
}

/**
 * The translation without what the model wrapped around it: a lead-in line, the transcript tags echoed back (also
 * escaped ones), surrounding quotes. A reply that is only wrapping becomes ''. Applied to partials too, so the caption
 * never shows a lead-in and then drops it.
 */
export function cleanReply(text: string): string {
  let out = text.trim();
  const tags = new RegExp(`${escape(TRANSCRIPT_OPEN)}|${escape(TRANSCRIPT_CLOSE)}|‹\\s*/?\\s*transcript>`, 'gi');
  out = out.replace(tags, '').trim();
  out = out.replace(LEAD_IN, '').trim();
  return unquote(out);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LEAD_IN_START = /^\s*(?:sure|of course|certainly|here|the translation|translation|hier ist|übersetzung|voici|traduction|aquí|traducción|ecco|traduzione)\b[^:：\n]*$/iu;

/** A partial that may still turn out to be a lead-in ("Here is the…" before its colon arrives): not shown yet. */
export function partialReply(text: string): string {
  const clean = cleanReply(stripThinking(text, false));
  return LEAD_IN_START.test(clean) ? '' : clean.replace(/^["'“„«‘「]/, '');
}
