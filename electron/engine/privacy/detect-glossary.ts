import { regexSpans, type Span } from './spans';

/** The user's glossary terms (product names, clients, code words): whole words, any case, any script. */

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function glossaryRegExp(terms: readonly string[]): RegExp | null {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  // No letter, digit or underscore right before or after the term.
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${cleaned.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

export function glossarySpans(text: string, terms: readonly string[]): Span[] {
  const re = glossaryRegExp(terms);
  return re ? regexSpans(re, text, 'glossary', (m) => m.toLowerCase()) : [];
}
