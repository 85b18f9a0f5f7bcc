import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test-support/models/test-assets';

const run = promisify(execFile);

interface BuildResult {
  hash: string;
  cacheDir: string;
  installedDir: string;
  built: boolean;
  installed: boolean;
}

const build = async (...args: string[]): Promise<BuildResult> => {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, 'scripts/build/build-native.mjs'), '--json', '--quiet', ...args], { cwd: repoRoot });
  return JSON.parse(stdout.trim().split('\n').pop()!) as BuildResult;
};

describe('build-native', () => {
  // The global setup has built (or found) the addon already, so these runs exercise the cheap path.
  it('is idempotent: a repeat run is a cache hit that rebuilds and reinstalls nothing', async () => {
    await build();
    const again = await build();
    expect(again).toMatchObject({ built: false, installed: false });
    const installed = JSON.parse(await fs.readFile(path.join(again.installedDir, 'manifest.json'), 'utf8')) as { hash: string; files: string[] };
    const cached = JSON.parse(await fs.readFile(path.join(again.cacheDir, 'out', 'manifest.json'), 'utf8')) as { hash: string; files: string[] };
    expect(installed).toEqual(cached);
    expect(installed.hash).toBe(again.hash);
    expect(installed.files).toContain('sotto_whisper.node');
    for (const f of installed.files) {
      expect((await fs.readFile(path.join(again.installedDir, f))).equals(await fs.readFile(path.join(again.cacheDir, 'out', f)))).toBe(true);
    }
  });

  it('--no-install reports the cached build without touching native/build/Release', async () => {
    const before = (await fs.stat(path.join(repoRoot, 'native/build/Release/manifest.json'))).mtimeMs;
    const r = await build('--no-install');
    expect(r).toMatchObject({ built: false, installed: false });
    expect((await fs.stat(path.join(repoRoot, 'native/build/Release/manifest.json'))).mtimeMs).toBe(before);
  });
});
