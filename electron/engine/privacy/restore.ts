import { TAG } from './kinds';
import { matches } from './spans';

/** Putting the originals back into the cloud's translation, strictly: a lost or garbled placeholder is an error. */

export type PlaceholderProblem = 'dropped' | 'duplicated' | 'mangled';

/** The translation lost, repeated or garbled a placeholder: restoring would corrupt the line. */
export class PlaceholderError extends Error {
  readonly code = 'PLACEHOLDER_MISMATCH';
  readonly problem: PlaceholderProblem;
  constructor(problem: PlaceholderProblem, detail: string) {
    super(`The cloud translation ${problem} a placeholder (${detail}); the line is translated on the device instead.`);
    this.name = 'PlaceholderError';
    this.problem = problem;
  }
}

/** Any placeholder-like token; used to neutralise lookalikes in the input and to check the output. */
export const PLACEHOLDER = /⟦([A-Z]+)_(\d+)⟧/g;

const TAGS = Object.values(TAG).join('|');
/** A placeholder whose brackets or spelling were changed: "EMAIL_1", "[EMAIL_1]", "⟦email 1⟧", a lone ⟦. */
const MANGLED = new RegExp(`[⟦⟧]|(?<![\\p{L}\\p{N}])(?:${TAGS})[ _-]?\\d+(?![\\p{N}])`, 'gu');

export interface Restorable {
  /** placeholder → original text, kept on the device. */
  map: ReadonlyMap<string, string>;
  /** How often each placeholder occurs in the text that was sent. */
  occurrences: ReadonlyMap<string, number>;
}

/** Puts the originals back. Throws PlaceholderError unless every placeholder came back exactly as often as it was sent. */
export function restore(translation: string, redaction: Restorable): string {
  if (redaction.map.size === 0) return translation;
  const seen = new Map<string, number>();
  for (const m of matches(PLACEHOLDER, translation)) {
    if (!redaction.map.has(m[0])) throw new PlaceholderError('mangled', `unknown ${m[0]}`);
    seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
  }
  const leftover = translation.replace(PLACEHOLDER, '');
  const garbled = leftover.match(MANGLED);
  if (garbled) throw new PlaceholderError('mangled', `found "${garbled[0]}"`);
  for (const [placeholder, expected] of redaction.occurrences) {
    const got = seen.get(placeholder) ?? 0;
    if (got < expected) throw new PlaceholderError('dropped', `${placeholder} ${got}× of ${expected}×`);
    if (got > expected) throw new PlaceholderError('duplicated', `${placeholder} ${got}× of ${expected}×`);
  }
  return translation.replace(PLACEHOLDER, (p) => redaction.map.get(p) ?? p);
}
