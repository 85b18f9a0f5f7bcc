/**
 * `npm run bench:privacy [-- --rounds N]` → bench/privacy.json: how much personal data redaction catches on the
 * hand-marked corpus (electron/engine/privacy/corpus.ts), per kind, and how often it touches a clean line.
 * Recall is "covered": every character of the value replaced, so nothing of it reaches the cloud. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CLEAN_LINES, CORPUS_GLOSSARY, PII_LINES } from '../../electron/engine/privacy/corpus';
import { KINDS, PROMISED_KINDS, type RedactionKind } from '../../electron/engine/privacy/kinds';
import { detectSpans, redact } from '../../electron/engine/privacy/redact';
import { figures, scoreCorpus, type CorpusScore } from '../../electron/engine/privacy/score';
import { loadAverage, machineInfo, medianOf, printSummary, progress, round, runMain, writeBenchJson } from './common';
import { Machine } from './schema';

const share = z.number().min(0).max(1);
const count = z.number().int().nonnegative();
const Kind = z.object({ expected: count, covered: count, exact: count, recall: share, exact_rate: share });

export const PrivacyBench = z.object({
  benchmark: z.literal('privacy'),
  date: z.string(),
  machine: Machine,
  notes: z.array(z.string()),
  corpus: z.object({ marked_lines: count, clean_lines: count, values: count, lines_by_language: z.record(z.string(), count), glossary: z.array(z.string()) }),
  recall_promised_min: share,
  recall_other_min: share,
  false_positive_rate: share,
  redact_ms_median: z.number().nonnegative(),
  kinds: z.record(z.string(), Kind),
  targets: z.record(z.string(), z.string()),
  met: z.record(z.string(), z.boolean().nullable()),
  raw: z.object({
    misses: z.array(z.object({ line: z.string(), kind: z.string(), text: z.string(), got: z.string() })),
    unexpected_on_marked_lines: z.array(z.object({ line: z.string(), kind: z.string(), text: z.string() })),
    clean_lines_flagged: z.array(z.object({ line: z.string(), kinds: z.array(z.string()), texts: z.array(z.string()) })),
    redact_ms_per_round: z.array(z.number().nonnegative()),
  }),
});

const TARGETS = {
  recall_promised_min: '= 1 (email, phone, url, card, iban, glossary)',
  recall_other_min: '≥ 0.9 (ip, id, expiry, cvv, dob, postcode, address, name)',
  false_positive_rate: '≤ 0.05 (clean lines with any span)',
  redact_ms_median: 'lower is better',
};

const OTHER_KINDS = KINDS.filter((k) => !PROMISED_KINDS.includes(k));

/** Median wall time of redact() per line, over every corpus line, `rounds` times (after one warm-up pass). */
function timeRedact(rounds: number): { perRound: number[]; median: number } {
  const lines = [...PII_LINES.map((l) => l.text), ...CLEAN_LINES.map((l) => l.text)];
  const pass = (): number => {
    const t0 = performance.now();
    for (const text of lines) redact(text, CORPUS_GLOSSARY);
    return (performance.now() - t0) / lines.length;
  };
  pass();
  const perRound = Array.from({ length: rounds }, () => round(pass(), 4));
  return { perRound, median: round(medianOf(perRound, 'redact'), 4) };
}

function kindTable(score: CorpusScore): Record<string, z.input<typeof Kind>> {
  const table: Record<string, z.input<typeof Kind>> = {};
  for (const kind of KINDS) {
    const k = score.kinds[kind];
    if (k.expected > 0) table[kind] = { ...k, recall: round(k.covered / k.expected, 4), exact_rate: round(k.exact / k.expected, 4) };
  }
  return table;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Math.max(1, Number(values.rounds));
  const machine = machineInfo({ whisper: false });
  progress(`scoring ${PII_LINES.length} marked and ${CLEAN_LINES.length} clean lines`);
  const score = scoreCorpus(PII_LINES, CLEAN_LINES, (text) => detectSpans(text, CORPUS_GLOSSARY));
  const f = figures(score);
  progress(`timing redact() over ${rounds} rounds`);
  const timing = timeRedact(rounds);
  machine.load_average_end = loadAverage();

  const result = {
    recall_promised_min: round(f.recallMin(PROMISED_KINDS), 4),
    recall_other_min: round(f.recallMin(OTHER_KINDS), 4),
    false_positive_rate: round(f.falsePositiveRate, 4),
    redact_ms_median: timing.median,
  };
  const met = {
    recall_promised_min: result.recall_promised_min === 1,
    recall_other_min: result.recall_other_min >= 0.9,
    false_positive_rate: result.false_positive_rate <= 0.05,
    redact_ms_median: null,
  };
  const byLanguage: Record<string, number> = {};
  for (const l of PII_LINES) byLanguage[l.lang] = (byLanguage[l.lang] ?? 0) + 1;
  const file = await writeBenchJson('privacy', PrivacyBench, {
    benchmark: 'privacy',
    date: new Date().toISOString(),
    machine,
    notes: [
      'recall per kind = values whose every character was redacted (under any kind) ÷ values marked by hand; exact_rate = values redacted as one span of their own kind with their exact bounds (what corpus.test.ts requires of the promised kinds).',
      'false_positive_rate = clean lines (no personal data) with any span ÷ clean lines.',
      'raw.misses lists every marked value not found exactly; raw.unexpected_on_marked_lines lists spans touching no marked value. The corpus is made up, so these texts are shown.',
      `redact_ms_median: wall time of redact() per line (compromise parse included), ${rounds} rounds over all ${PII_LINES.length + CLEAN_LINES.length} lines after a warm-up; the machine is shared, read it against the load averages.`,
    ],
    corpus: { marked_lines: PII_LINES.length, clean_lines: CLEAN_LINES.length, values: PII_LINES.reduce((n, l) => n + l.spans.length, 0), lines_by_language: byLanguage, glossary: [...CORPUS_GLOSSARY] },
    ...result,
    kinds: kindTable(score),
    targets: TARGETS,
    met,
    raw: { misses: score.misses, unexpected_on_marked_lines: score.unexpected, clean_lines_flagged: score.clean.flagged, redact_ms_per_round: timing.perRound },
  });
  printSummary(
    `Sotto privacy benchmark (${PII_LINES.length} marked lines, ${CLEAN_LINES.length} clean)`,
    [
      ...(Object.keys(result) as (keyof typeof result)[]).map((k) => ({ figure: k, value: result[k], unit: k === 'redact_ms_median' ? 'ms' : '', target: TARGETS[k], met: met[k] })),
      ...KINDS.map((k: RedactionKind) => ({ figure: `recall ${k}`, value: f.recall[k] === undefined ? null : round(f.recall[k]!, 4), unit: '', target: PROMISED_KINDS.includes(k) ? '= 1' : '≥ 0.9', met: f.recall[k] === undefined ? null : f.recall[k]! >= (PROMISED_KINDS.includes(k) ? 1 : 0.9) })),
    ],
    file,
  );
}

runMain(main);
