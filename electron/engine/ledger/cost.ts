import type { LedgerTotals, TokenUsage } from '../../contract';

export interface Price {
  /** US dollars per million prompt (input) and completion (output) tokens. */
  input: number;
  output: number;
}

/** Bytes of transcript per prompt token before any cloud line has shown the real ratio (English-ish text). */
const DEFAULT_BYTES_PER_TOKEN = 4;

/**
 * What the cloud cost, from the tokens the server billed, and what the lines kept on the device would have cost
 * there: their transcript bytes turned into tokens at the ratio the cloud lines showed (prompt tokens per transcript
 * byte, instruction included), with completions assumed as long as the cloud lines' were on average.
 */
export class CostMeter {
  private prompt = 0;
  private completion = 0;
  private cloudTranscriptBytes = 0;
  private cloudLines = 0;
  private localTranscriptBytes = 0;
  private localLines = 0;

  addCloud(usage: TokenUsage, transcriptBytes: number): void {
    this.prompt += usage.prompt_tokens;
    this.completion += usage.completion_tokens;
    this.cloudTranscriptBytes += transcriptBytes;
    this.cloudLines++;
  }

  /** A translated line whose text never left the device. */
  addLocal(transcriptBytes: number): void {
    this.localTranscriptBytes += transcriptBytes;
    this.localLines++;
  }

  totals(price: Price | null): LedgerTotals['cost'] {
    const avoided = this.avoidedTokens();
    const usd = (prompt: number, completion: number) => (price ? (prompt * price.input + completion * price.output) / 1e6 : null);
    return {
      prompt_tokens: this.prompt,
      completion_tokens: this.completion,
      usd: usd(this.prompt, this.completion),
      avoided_tokens_estimate: Math.round(avoided.prompt + avoided.completion),
      avoided_usd: usd(avoided.prompt, avoided.completion),
    };
  }

  private avoidedTokens(): { prompt: number; completion: number } {
    if (this.localLines === 0) return { prompt: 0, completion: 0 };
    if (this.cloudLines === 0 || this.cloudTranscriptBytes === 0) {
      const prompt = this.localTranscriptBytes / DEFAULT_BYTES_PER_TOKEN;
      return { prompt, completion: prompt };
    }
    return {
      prompt: (this.prompt / this.cloudTranscriptBytes) * this.localTranscriptBytes,
      completion: (this.completion / this.cloudLines) * this.localLines,
    };
  }
}
