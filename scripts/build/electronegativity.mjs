#!/usr/bin/env node
// Security lint of the Electron shell with @doyensec/electronegativity, through its programmatic API
// (its CLI exits 0 even with HIGH findings). Fails on any HIGH or MEDIUM finding unless the code next to
// it carries `// electronegativity-justified: <CHECK>: <why>` (same line or up to 3 lines above).
// Offline by construction: the network-only AvailableSecurityFixesGlobalCheck is excluded, and the
// locale download the tool attempts at start-up is answered locally (it then uses its bundled en-US).
// Usage: node scripts/build/electronegativity.mjs [--json] [--root <dir>]   (--root scans another tree: the gate's own test)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, root: { type: 'string' } } });
const root = resolve(args.root ?? repo);
/** What is scanned: the shell (main, preload) and the page it loads. */
const INPUTS = ['electron/main', 'electron/preload', 'renderer'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATE = new Set(['HIGH', 'MEDIUM']);
const JUSTIFIED = /electronegativity-justified:\s*([A-Za-z_]+)\s*:\s*\S/;
const asJson = args.json;

const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');
// Answer the tool's locale fetch (`got(<S3 URL>)`) with a local refusal before it loads: no traffic leaves the machine.
const gotPath = createRequire(runnerPath).resolve('got');
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(() => Promise.reject(new Error('offline: locale download disabled')), { default: undefined }),
};
const run = require(runnerPath);

// The tool prints "Could not retrieve updated translations" when the fetch fails: expected here, keep output clean.
const log = console.log;
console.log = (...args) => {
  if (String(args[0]).startsWith('Could not retrieve updated translations')) return;
  log(...args);
};

const electronVersion = JSON.parse(await readFile(join(repo, 'node_modules/electron/package.json'), 'utf8')).version;

// One scan over all inputs: the global checks (navigation limits, permission handler, CSP) must see main and the
// page together, and the tool takes a single folder. Tests are not shipped code: leave them out.
const scanRoot = await mkdtemp(join(tmpdir(), 'sotto-electronegativity-'));
let result;
try {
  for (const input of INPUTS) {
    if (!existsSync(join(root, input))) continue;
    await cp(join(root, input), join(scanRoot, input), { recursive: true, filter: (src) => !/\.test\.tsx?$|[\\/]node_modules([\\/]|$)/.test(src) });
  }
  result = await run({ input: scanRoot, isRelative: true, excludeFromScan: EXCLUDED_CHECKS, electronVersionOverride: electronVersion });
} finally {
  console.log = log;
  await rm(scanRoot, { recursive: true, force: true });
}
const findings = result.issues;
const parseErrors = result.errors.filter((e) => !e.tolerable).map((e) => `${relative(scanRoot, e.file)}: ${e.message}`);

const sourceCache = new Map();
async function justification(issue) {
  const file = join(root, issue.file);
  if (!sourceCache.has(file)) sourceCache.set(file, (await readFile(file, 'utf8').catch(() => '')).split('\n'));
  const lines = sourceCache.get(file);
  const line = issue.location?.line ?? 0;
  for (let l = Math.max(1, line - 3); l <= line; l++) {
    const match = JUSTIFIED.exec(lines[l - 1] ?? '');
    if (match && match[1].toLowerCase() === issue.id.toLowerCase()) return (lines[l - 1] ?? '').trim();
  }
  return null;
}

const report = [];
for (const issue of findings) {
  const severity = issue.severity?.name ?? String(issue.severity);
  const gated = GATE.has(severity);
  const why = gated ? await justification(issue) : null;
  report.push({
    id: issue.id,
    severity,
    confidence: issue.confidence?.name ?? String(issue.confidence),
    file: issue.file,
    line: issue.location?.line ?? null,
    description: issue.description,
    manualReview: Boolean(issue.manualReview),
    blocking: gated && why === null,
    justified: why,
  });
}

const blocking = report.filter((r) => r.blocking);
if (asJson) {
  console.log(JSON.stringify({ electronVersion, inputs: INPUTS, findings: report, parseErrors }, null, 2));
} else {
  for (const r of report) {
    const tag = r.blocking ? 'FAIL' : r.justified ? 'ok (justified)' : 'note';
    console.log(`${tag.padEnd(15)} ${r.severity.padEnd(13)} ${r.id} ${r.file}:${r.line ?? '?'} — ${r.description}`);
  }
  for (const e of parseErrors) console.log(`FAIL            parse error: ${e}`);
  console.log(`electronegativity (Electron ${electronVersion}, ${INPUTS.join(', ')}): ${report.length} finding(s), ${blocking.length} blocking HIGH/MEDIUM, ${parseErrors.length} parse error(s).`);
}
process.exit(blocking.length > 0 || parseErrors.length > 0 ? 1 : 0);
