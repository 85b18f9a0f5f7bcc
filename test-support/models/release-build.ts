/**
 * The release layout of the whisper addon (shared libraries, ggml backend modules loaded at run time), built into the
 * native cache for tests: one CPU library instead of ~14 variants (the same loading path, a fraction of the build time)
 * and, on Linux x86, the Vulkan backend module in gpu/ (smoke-tested on Mesa's software Vulkan driver, lavapipe).
 * Every test file asks for the same flags, so the first builds it (under build-native's lock) and the others reuse it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot } from './test-assets';

const run = promisify(execFile);

/** Vulkan is built where CI and `npm run setup` install its headers and shader compiler: Linux on x86-64. */
export const releaseHasVulkan = process.platform === 'linux' && process.arch === 'x64';

export interface ReleaseBuild {
  /** The built folder (what an installed app holds beside its addon). */
  out: string;
  /** The native cache root, which nothing in an installed app may point into. */
  cacheRoot: string;
}

export async function ensureReleaseBuild(): Promise<ReleaseBuild> {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, 'scripts/build/build-native.mjs'), '--release', '--no-install', '--json', '--quiet'], {
    cwd: repoRoot,
    env: { ...process.env, SOTTO_WHISPER_CPU_VARIANTS: '0', SOTTO_WHISPER_VULKAN: releaseHasVulkan ? '1' : '0' },
    maxBuffer: 64 << 20,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as { cacheDir: string };
  return { out: path.join(result.cacheDir, 'out'), cacheRoot: path.dirname(result.cacheDir) };
}

// `npm run -s build:test-release`: built before the test suites (scripts/test/run-tests.sh), so the first build of the
// day (about 6 minutes on 2 cores with Vulkan) is not spent inside a test's time limit.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureReleaseBuild().then(
    (b) => console.log(`release layout for the tests: ${b.out}${releaseHasVulkan ? ' (with the Vulkan module)' : ''}`),
    (e: unknown) => {
      console.error(`building the release layout for the tests failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
