// Issue 11: the release layout (shared libraries + ggml backend modules loaded at run time) checked from a copy, the
// way an installed app holds it (test-support/models/release-build.ts: one CPU library, and Vulkan on Linux x86).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoModule, runIsolated } from '../../test-support/models/isolated';
import { ensureReleaseBuild, releaseHasVulkan } from '../../test-support/models/release-build';
import { ensureTestWhisperModel } from '../../test-support/models/test-assets';

const run = promisify(execFile);
const linux = process.platform === 'linux';

let releaseOut: string;
let cacheRoot: string;
let dir: string;
beforeAll(async () => {
  ({ out: releaseOut, cacheRoot } = await ensureReleaseBuild());
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-release-'));
}, 900_000);
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** The release folder copied elsewhere, minus the files `drop` matches. */
async function copyLayout(name: string, drop: RegExp | null = null): Promise<string> {
  const to = path.join(dir, name);
  await fs.cp(releaseOut, to, { recursive: true, filter: (src) => !drop?.test(path.basename(src)) });
  return to;
}

/** Loads the test model through the facade from `nativeDir` in a child; reports the error, or where ggml came from. */
const loadFrom = async (nativeDir: string) =>
  runIsolated(
    `import fs from 'node:fs';
import { loadWhisperModel } from ${repoModule('native/whisper/index.ts')};
try {
  const m = await loadWhisperModel(${JSON.stringify(await ensureTestWhisperModel('test'))});
  const r = await m.transcribe(new Float32Array(16000), { language: 'en', threads: 1, maxTokens: 2, audioCtx: 128 });
  const libs = [...new Set(fs.readFileSync('/proc/self/maps', 'utf8').split('\\n').map((l) => l.split(/\\s+/)[5]).filter((p) => p && /ggml|whisper|vulkan/.test(p)))];
  console.log(JSON.stringify({ segments: r.segments.length, libs }));
} catch (e) {
  console.log(JSON.stringify({ code: e.code, message: e.message }));
}
`,
    { env: { SOTTO_NATIVE_DIR: nativeDir } },
  );

describe.runIf(linux)('release layout (linux)', { timeout: 120_000 }, () => {
  it('every library and backend module looks for its siblings beside itself only (RUNPATH $ORIGIN)', async () => {
    const files = (await fs.readdir(releaseOut, { recursive: true })).map(String);
    const libs = files.filter((f) => /\.(so(\.\d+)?|node)$/.test(f));
    expect(libs.some((f) => f.startsWith('libggml-cpu'))).toBe(true);
    if (releaseHasVulkan) expect(libs).toContain(path.join('gpu', 'libggml-vulkan.so'));
    for (const lib of libs) {
      const { stdout } = await run('readelf', ['-d', path.join(releaseOut, lib)]);
      const paths = [...stdout.matchAll(/\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]/g)].map((m) => m[1]);
      expect({ lib, paths }).toEqual({ lib, paths: ['$ORIGIN'] });
    }
  });

  it('a copy of the folder loads and transcribes with every ggml/whisper library from the copy', async () => {
    const copy = await copyLayout('installed');
    const r = await loadFrom(copy);
    expect({ code: r.code, signal: r.signal }, r.stderr).toEqual({ code: 0, signal: null });
    const report = r.report as { segments: number; libs: string[] };
    expect(report.libs.length).toBeGreaterThan(2);
    // The GPU module (and through it the Vulkan loader and drivers) stays out until asked for: see devices.ts.
    expect(report.libs.filter((l) => /vulkan/.test(l))).toEqual([]);
    for (const lib of report.libs) {
      expect(lib.startsWith(copy + path.sep)).toBe(true);
      expect(lib.startsWith(cacheRoot)).toBe(false);
    }
  });

  it('a folder without its CPU backend module gives a typed error naming the folder, not an abort', async () => {
    const copy = await copyLayout('quarantined', /^libggml-cpu/);
    const r = await loadFrom(copy);
    expect({ code: r.code, signal: r.signal }, r.stderr).toEqual({ code: 0, signal: null });
    expect(r.report).toMatchObject({ code: 'backend_missing' });
    expect((r.report as { message: string }).message).toContain(copy);
  });
});
