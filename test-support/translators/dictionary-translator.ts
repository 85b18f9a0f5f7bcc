import type { Lane } from '../../electron/contract';
import type { TranslationRequest, TranslationResult, Translator } from '../../electron/engine/translate/types';

/**
 * A second, tiny implementation of the Translator interface: word-by-word en→de from a dictionary,
 * deterministic and in-process. Its mean log-probability falls with the share of unknown words,
 * which is what the cascade looks at. For tests of the lanes around the device translator (the real
 * device lane is transformers.js in device.ts); it is not a mock: it really translates its vocabulary.
 */
export class DictionaryTranslator implements Translator {
  readonly lane: Lane = 'device';
  calls = 0;
  fail: Error | null = null;
  private readonly words: Record<string, string> = { hello: 'hallo', world: 'welt', the: 'die', meeting: 'besprechung', is: 'ist', at: 'um', ten: 'zehn', call: 'ruf', me: 'mich', mail: 'schreib', to: 'an', about: 'wegen', good: 'gut', morning: 'morgen' };
  supports(source: string, target: string): boolean {
    return source === 'en' && target === 'de';
  }
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    this.calls++;
    if (this.fail) throw this.fail;
    const tokens = request.text.trim().split(/\s+/);
    let unknown = 0;
    const out = tokens.map((t) => {
      const bare = t.toLowerCase().replace(/[^\p{L}]/gu, '');
      const hit = this.words[bare];
      if (!hit) unknown++;
      return hit ?? t;
    });
    const text = out.join(' ');
    request.onPartial?.(text);
    return { text, lane: 'device', meanLogprob: -3 * (unknown / Math.max(1, tokens.length)), bytesSent: 0, bytesReceived: 0, ms: 0 };
  }
}
