import { describe, expect, it } from 'vitest';
import { CLEAN_LINES, CORPUS_GLOSSARY, PII_LINES } from './corpus';
import { KINDS, PROMISED_KINDS } from './kinds';
import { detectSpans, redact } from './redact';
import { exactRate, locate, recall, scoreCorpus } from './score';

// The hand-marked corpus: the promised kinds must all be found with their exact bounds; the rest are reported
// here and measured by `npm run bench:privacy`.

const score = scoreCorpus(PII_LINES, CLEAN_LINES, (text) => detectSpans(text, CORPUS_GLOSSARY));

describe('privacy corpus', () => {
  it('has at least 80 marked lines in each of en, de, fr, es and 40 clean ones', () => {
    expect(PII_LINES.length).toBeGreaterThanOrEqual(80);
    expect(CLEAN_LINES).toHaveLength(40);
    for (const lang of ['en', 'de', 'fr', 'es'] as const) expect(PII_LINES.filter((l) => l.lang === lang).length).toBeGreaterThanOrEqual(20);
    // Every marked text is really in its line (locate throws otherwise), and every kind is exercised.
    for (const line of PII_LINES) expect(locate(line)).toHaveLength(line.spans.length);
    for (const kind of KINDS) expect(score.kinds[kind].expected, kind).toBeGreaterThan(0);
  });

  it.each(PROMISED_KINDS)('finds every %s, with its kind and exact bounds', (kind) => {
    const misses = score.misses.filter((m) => m.kind === kind);
    expect(misses).toEqual([]);
    expect(exactRate(score.kinds[kind])).toBe(1);
  });

  it('reports recall on the other kinds', () => {
    const others = KINDS.filter((k) => !PROMISED_KINDS.includes(k));
    const table = Object.fromEntries(others.map((k) => [k, { ...score.kinds[k], recall: recall(score.kinds[k]) }]));
    console.info('privacy corpus, best-effort kinds:', table, 'misses:', score.misses.filter((m) => others.includes(m.kind)));
    for (const k of others) expect(recall(score.kinds[k])).not.toBeNull();
  });

  it('leaves at most 5 % of the clean lines with any redaction', () => {
    console.info('clean lines redacted:', score.clean.flagged);
    expect(score.clean.rate).toBeLessThanOrEqual(0.05);
  });

  it('no value of a marked line reaches the redacted text', () => {
    for (const line of PII_LINES) {
      const sent = redact(line.text, CORPUS_GLOSSARY).text;
      for (const span of line.spans.filter((s) => PROMISED_KINDS.includes(s.kind))) expect(sent, line.text).not.toContain(span.text);
    }
  });
});
