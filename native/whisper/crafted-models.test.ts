// Issue 11, "Crafted model files kill the process": each file below once passed the facade's check and then aborted
// or faulted inside whisper.cpp. Each is loaded in a child process, so a regression shows up as a failed test (exit
// code or signal), not as a dead test runner.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAFTED_CASES, craftModel, type CraftedCase } from '../../test-support/models/crafted-models';
import { repoModule, runIsolated } from '../../test-support/models/isolated';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-crafted-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Loads the file through the facade in a child and transcribes a second; reports the typed error (or success). */
const loadInChild = (file: string) =>
  runIsolated(
    `import { loadWhisperModel } from ${repoModule('native/whisper/index.ts')};
try {
  const m = await loadWhisperModel(${JSON.stringify(file)});
  await m.transcribe(new Float32Array(16000), { language: 'en', threads: 1, maxTokens: 4, audioCtx: 128, timeoutMs: 10000 });
  console.log(JSON.stringify({ transcribed: true }));
} catch (e) {
  console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message }));
}
process.exit(0);
`,
    { hangGuardMs: 45_000 },
  );

describe('crafted model files end in a typed error, never in a dead process', { timeout: 90_000 }, () => {
  const cases = Object.keys(CRAFTED_CASES) as CraftedCase[];
  it.each(cases)('%s', async (which) => {
    const file = await craftModel(dir, which);
    const r = await loadInChild(file);
    const outcome = { code: r.code, signal: r.signal, killed: r.killed };
    expect(outcome, `${CRAFTED_CASES[which].whisperDid}\n${r.stderr.slice(-2000)}`).toEqual({ code: 0, signal: null, killed: false });
    expect(r.report).toMatchObject({ name: 'WhisperError', code: CRAFTED_CASES[which].code });
    expect((r.report as { message: string }).message).toContain(file);
  });
});
