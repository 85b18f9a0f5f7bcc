import { languageName } from '../route/language-names';

/**
 * Whether a reply is in the language that was asked for, by Nito-ELD (`eld`, n-gram language identification, 60
 * languages, ISO 639-1 codes as Sotto uses them). Only a verdict the identifier calls reliable, on text long enough
 * to judge, counts: a short reply or names alone are never refused. Loaded on first use (its tables take a moment).
 */

type Detector = { detect(text: string): { language: string; isReliable(): boolean } };
let detector: Promise<Detector> | null = null;

/** Starts loading the identifier's tables, so the first cloud reply does not wait for them. */
export function preloadLanguageId(): Promise<Detector> {
  detector ??= import('eld/medium').then((m) => m.eld as unknown as Detector);
  return detector;
}

/** Letters a reply needs before its language is judged. */
const MIN_LETTERS = 20;
const MIN_WORDS = 3;

export interface LanguageVerdict {
  ok: boolean;
  /** The language identified, when the verdict was reliable. */
  detected: string | null;
  reason: string | null;
}

const label = (code: string): string => languageName(code) ?? code;

function judgeable(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const words = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
  return letters >= MIN_LETTERS && words >= MIN_WORDS;
}

async function identify(text: string): Promise<string | null> {
  if (!judgeable(text)) return null;
  const result = (await preloadLanguageId()).detect(text);
  return result.language && result.isReliable() ? result.language : null;
}

/**
 * The reply fails when it is reliably in another language than the target. The transcript is judged first: when it
 * does not read as its own language (noise, a garbled transcript), there is no telling what a right reply looks like.
 */
export async function checkReplyLanguage(reply: string, target: string, source: { text: string; language: string | null }): Promise<LanguageVerdict> {
  const text = reply.replace(/⟦[A-Z]+_\d+⟧/g, ' ');
  const detected = await identify(text);
  if (detected === null || detected === target) return { ok: true, detected, reason: null };
  const transcript = source.text.replace(/⟦[A-Z]+_\d+⟧/g, ' ');
  if (source.language && source.language !== 'auto' && judgeable(transcript)) {
    // Long enough to judge, yet not reliably its own language (another one, or none: garbled): no verdict.
    const heard = await identify(transcript);
    if (heard !== source.language) return { ok: true, detected, reason: null };
  }
  return { ok: false, detected, reason: `the reply is in ${label(detected)}, not ${label(target)}` };
}
