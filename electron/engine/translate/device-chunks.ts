/**
 * Long lines are cut into pieces the model can take: sentences first (Intl.Segmenter, so abbreviations and other
 * scripts are handled by ICU), then groups of words, then, for a "word" longer than the limit, runs of characters.
 * Nothing is dropped: joining the pieces with spaces gives back the text up to whitespace.
 */

export function splitForTranslation(
  text: string,
  maxTokens: number,
  countTokens: (piece: string) => number,
  language: string,
): string[] {
  const pieces: string[] = [];
  for (const sentence of sentencesOf(text, language)) {
    if (countTokens(sentence) <= maxTokens) pieces.push(sentence);
    else pieces.push(...packWords(sentence, maxTokens, countTokens));
  }
  return pieces;
}

function sentencesOf(text: string, language: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    // An unknown locale tag: the root locale's rules are fine for splitting.
    segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}

/** Greedy packing of whole words into pieces of at most maxTokens. */
function packWords(sentence: string, maxTokens: number, countTokens: (piece: string) => number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/).filter(Boolean).flatMap((w) => splitLongWord(w, maxTokens, countTokens))) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && countTokens(candidate) > maxTokens) {
      pieces.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** A single word over the limit (a URL, a pasted hash) is cut into character runs that fit. */
function splitLongWord(word: string, maxTokens: number, countTokens: (piece: string) => number): string[] {
  if (countTokens(word) <= maxTokens) return [word];
  const runs: string[] = [];
  const chars = [...word];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    // Halve until the run fits; at least one character always goes, so this ends.
    while (end - start > 1 && countTokens(chars.slice(start, end).join('')) > maxTokens) end = start + Math.ceil((end - start) / 2);
    runs.push(chars.slice(start, end).join(''));
    start = end;
  }
  return runs;
}
