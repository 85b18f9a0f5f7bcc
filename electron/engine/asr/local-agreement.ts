/**
 * LocalAgreement-2 (Macháček et al., whisper_streaming): a word becomes "committed" once two
 * consecutive decoding passes over the growing window agree on it. Committed text never changes
 * again, so the UI can show it solid while the rest stays provisional.
 */
export interface Agreement {
  /** Words two passes agreed on, in the latest pass's spelling. */
  committed: string;
  /** The latest pass's words beyond the committed prefix. */
  tentative: string;
}

/** Splits a transcript into words, keeping their punctuation for display. */
export function toWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** Comparison key: case and surrounding punctuation don't count as disagreement. */
function key(word: string): string {
  return word.toLowerCase().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

export class LocalAgreement {
  private committedWords: string[] = [];
  private previous: string[] | null = null;

  /** Feeds one decoding pass of the whole window; returns what is committed and what is still tentative. */
  update(hypothesisText: string): Agreement {
    const current = toWords(hypothesisText);
    if (this.previous) {
      // Extend the committed prefix while the previous and current passes agree beyond it,
      // and both still agree with what was committed (a pass that rewrites the past commits nothing new).
      const start = this.committedWords.length;
      const consistent = this.committedWords.every((w, i) => key(current[i] ?? '') === key(w) && key(this.previous![i] ?? '') === key(w));
      if (consistent) {
        let n = start;
        while (n < current.length && n < this.previous.length && key(current[n]!) === key(this.previous[n]!)) n++;
        this.committedWords = this.committedWords.concat(current.slice(start, n));
      }
    }
    this.previous = current;
    return this.snapshot(current);
  }

  /** Current committed text and the tentative rest of the given pass. */
  private snapshot(current: string[]): Agreement {
    const committed = this.committedWords.join(' ');
    // When the latest pass disagrees with the committed prefix, show nothing tentative rather
    // than words that would contradict the committed ones.
    const aligned = this.committedWords.every((w, i) => key(current[i] ?? '') === key(w));
    const tentative = aligned ? current.slice(this.committedWords.length).join(' ') : '';
    return { committed, tentative };
  }

  get committedText(): string {
    return this.committedWords.join(' ');
  }

  reset(): void {
    this.committedWords = [];
    this.previous = null;
  }
}
