import type { CorpusLine } from './corpus';
import { KINDS, type RedactionKind } from './kinds';
import type { Span } from './spans';

/**
 * How well detected spans match a hand-marked corpus. A value is *covered* when every character of it was
 * redacted (under any kind): nothing of it reaches the cloud. It is *exact* when one span has its kind and its
 * exact bounds. Used by corpus.test.ts and scripts/bench/privacy.ts.
 */

export interface Located {
  kind: RedactionKind;
  start: number;
  end: number;
  text: string;
}

export interface KindScore {
  expected: number;
  covered: number;
  exact: number;
}

export interface Miss {
  line: string;
  kind: RedactionKind;
  text: string;
  /** What was redacted where this value is: none, part of it, or all of it under another kind or other bounds. */
  got: 'nothing' | 'partly' | 'other bounds or kind';
}

export interface CorpusScore {
  kinds: Record<RedactionKind, KindScore>;
  misses: Miss[];
  /** Spans on marked lines that touch no marked value. */
  unexpected: { line: string; kind: RedactionKind; text: string }[];
  clean: { lines: number; flagged: { line: string; kinds: RedactionKind[]; texts: string[] }[]; rate: number };
}

/** Finds each expected text in its line, in order; a text marked twice is its first and second occurrence. */
export function locate(line: CorpusLine): Located[] {
  const nextFrom = new Map<string, number>();
  return line.spans.map(({ kind, text }) => {
    const start = line.text.indexOf(text, nextFrom.get(text) ?? 0);
    if (start < 0) throw new Error(`corpus: "${text}" is not in "${line.text}"`);
    nextFrom.set(text, start + text.length);
    return { kind, start, end: start + text.length, text };
  });
}

function coveredChars(expected: Located, detected: readonly Span[]): number {
  let n = 0;
  for (let i = expected.start; i < expected.end; i++) if (detected.some((s) => s.start <= i && i < s.end)) n++;
  return n;
}

const emptyKinds = (): Record<RedactionKind, KindScore> =>
  Object.fromEntries(KINDS.map((k) => [k, { expected: 0, covered: 0, exact: 0 }])) as Record<RedactionKind, KindScore>;

/** Adds one marked line's results to `score`. */
export function scoreLine(line: CorpusLine, detected: readonly Span[], score: CorpusScore): void {
  const expected = locate(line);
  for (const e of expected) {
    const k = score.kinds[e.kind];
    k.expected++;
    const chars = coveredChars(e, detected);
    const exact = detected.some((s) => s.start === e.start && s.end === e.end && s.kind === e.kind);
    if (chars === e.end - e.start) k.covered++;
    if (exact) k.exact++;
    if (!exact) score.misses.push({ line: line.text, kind: e.kind, text: e.text, got: chars === 0 ? 'nothing' : chars < e.end - e.start ? 'partly' : 'other bounds or kind' });
  }
  for (const s of detected) {
    if (!expected.some((e) => s.start < e.end && e.start < s.end)) score.unexpected.push({ line: line.text, kind: s.kind, text: line.text.slice(s.start, s.end) });
  }
}

export function scoreCorpus(
  marked: readonly CorpusLine[],
  clean: readonly { text: string }[],
  detect: (text: string) => readonly Span[],
): CorpusScore {
  const score: CorpusScore = { kinds: emptyKinds(), misses: [], unexpected: [], clean: { lines: clean.length, flagged: [], rate: 0 } };
  for (const line of marked) scoreLine(line, detect(line.text), score);
  for (const { text } of clean) {
    const spans = detect(text);
    if (spans.length > 0) score.clean.flagged.push({ line: text, kinds: spans.map((s) => s.kind), texts: spans.map((s) => text.slice(s.start, s.end)) });
  }
  score.clean.rate = clean.length === 0 ? 0 : score.clean.flagged.length / clean.length;
  return score;
}

/** covered ÷ expected (the privacy figure), or null for a kind the corpus does not contain. */
export const recall = (k: KindScore): number | null => (k.expected === 0 ? null : k.covered / k.expected);
export const exactRate = (k: KindScore): number | null => (k.expected === 0 ? null : k.exact / k.expected);

export interface ScoreFigures {
  /** Per kind present in the corpus: covered ÷ expected, and exact ÷ expected. */
  recall: Partial<Record<RedactionKind, number>>;
  exact: Partial<Record<RedactionKind, number>>;
  /** The lowest recall among the given kinds (1 when none is in the corpus). */
  recallMin: (kinds: readonly RedactionKind[]) => number;
  falsePositiveRate: number;
}

export function figures(score: CorpusScore): ScoreFigures {
  const recallByKind: Partial<Record<RedactionKind, number>> = {};
  const exactByKind: Partial<Record<RedactionKind, number>> = {};
  for (const kind of KINDS) {
    const r = recall(score.kinds[kind]);
    const e = exactRate(score.kinds[kind]);
    if (r !== null) recallByKind[kind] = r;
    if (e !== null) exactByKind[kind] = e;
  }
  return {
    recall: recallByKind,
    exact: exactByKind,
    recallMin: (kinds) => Math.min(1, ...kinds.map((k) => recallByKind[k] ?? 1)),
    falsePositiveRate: score.clean.rate,
  };
}
