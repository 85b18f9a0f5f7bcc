import type { CaptionFinal, Lane, LedgerTotals, RedactionReport } from '../../contract';

/** A final transcript on its way to translation (typed lines have no audio). */
export interface LineInput {
  id: string;
  text: string;
  language: string | null;
  meanTokenProb: number;
  noSpeechProb: number;
  audio?: Float32Array;
}

/** The translation-related fields of a final caption. */
export interface LineTranslation {
  translation: string | null;
  lane: Lane | null;
  laneReason: string | null;
  fallback: boolean;
  fallbackReason: string | null;
  redaction: RedactionReport | null;
  bytesSent: number;
  bytesReceived: number;
  translateMs: number;
}

/** Routes, redacts and translates one line; never rejects (a failure comes back untranslated, with the reason). */
export type TranslateLine = (line: LineInput, target: string, onPartial: (textSoFar: string, lane: Lane) => void) => Promise<LineTranslation>;

/** What the session tells the ledger, and reads back for `ledger.updated`. */
export interface CaptionLedger {
  lineQueued(id: string): void;
  recordCaption(caption: CaptionFinal): void;
  totals(): LedgerTotals;
}

export const untranslated = (reason: string | null = null): LineTranslation => ({
  translation: null,
  lane: null,
  laneReason: reason,
  fallback: false,
  fallbackReason: null,
  redaction: null,
  bytesSent: 0,
  bytesReceived: 0,
  translateMs: 0,
});
