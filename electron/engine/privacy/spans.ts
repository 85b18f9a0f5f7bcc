import { priority, type RedactionKind } from './kinds';

/** One sensitive stretch of the line, in UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
  /** What identifies "the same value" within a line, so a repeated value repeats its placeholder. */
  key: string;
}

/** Every non-empty match of a global regex (its lastIndex is reset first, so shared regexes are safe). */
export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    else yield m;
  }
}

/** Lower case, single spaces: the key of values whose spelling may vary in case or spacing. */
export const normalKey = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Spans for every match of `re` that `accept` turns into a key (null: not this kind after all). */
export function regexSpans(re: RegExp, text: string, kind: RedactionKind, accept: (match: string) => string | null = normalKey): Span[] {
  const out: Span[] = [];
  for (const m of matches(re, text)) {
    const key = accept(m[0]);
    if (key !== null) out.push({ start: m.index, end: m.index + m[0].length, kind, key });
  }
  return out;
}

/**
 * Overlapping spans become one span covering all of them, named by the highest-priority kind: a partial overlap
 * between two detectors must never leave part of either value in the clear.
 */
export function mergeSpans(spans: readonly Span[], text: string): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  let group: Span[] = [];
  const flush = (): void => {
    if (group.length > 0) merged.push(combine(group, text));
    group = [];
  };
  let groupEnd = -1;
  for (const s of sorted) {
    if (s.start >= groupEnd) flush();
    group.push(s);
    groupEnd = Math.max(groupEnd, s.end);
  }
  flush();
  return merged;
}

function combine(group: readonly Span[], text: string): Span {
  const start = Math.min(...group.map((s) => s.start));
  const end = Math.max(...group.map((s) => s.end));
  const best = [...group].sort((a, b) => priority(a.kind) - priority(b.kind) || b.end - b.start - (a.end - a.start))[0]!;
  // The winner's key still names the value when it covers the whole merged span.
  const key = best.start === start && best.end === end ? best.key : normalKey(text.slice(start, end));
  return { start, end, kind: best.kind, key };
}

/**
 * Values announced by a keyword ("CVV 123", "passport number C01X00T47"). `value` is sticky with the `d` flag: it
 * is tried right where the keyword ends, and its first group is the span (what comes before it is filler).
 */
export function keyedSpans(text: string, keyword: RegExp, value: RegExp, kind: RedactionKind, accept: (match: string) => string | null = normalKey): Span[] {
  const out: Span[] = [];
  for (const k of matches(keyword, text)) {
    value.lastIndex = k.index + k[0].length;
    const v = value.exec(text);
    const at = v?.indices?.[1];
    if (!v || !at) continue;
    const key = accept(text.slice(at[0], at[1]));
    if (key !== null) out.push({ start: at[0], end: at[1], kind, key });
  }
  return out;
}
