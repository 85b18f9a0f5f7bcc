import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
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

  // Issue 11: the key held the clone's absolute path, so every new clone (and CI run) rebuilt for 60–465 s.
  it('a second clone of the same sources reuses the cached build (the key is content, not the clone path)', async () => {
    const clone = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-clone-'));
    try {
      await makeClone(clone);
      const here = await build('--no-install');
      const { stdout } = await run(process.execPath, [path.join(clone, 'scripts/build/build-native.mjs'), '--json', '--quiet', '--no-install'], { cwd: clone });
      const there = JSON.parse(stdout.trim().split('\n').pop()!) as BuildResult;
      expect(there).toMatchObject({ hash: here.hash, built: false, cacheDir: here.cacheDir });
      // A carried patch is part of the key: changing one is a different build.
      await fs.appendFile(path.join(clone, 'native/whisper/patches/0001-abort-reaches-backends.patch'), '\n');
      expect(JSON.parse((await run(process.execPath, [path.join(clone, 'scripts/build/build-native.mjs'), '--key'], { cwd: clone })).stdout).hash).not.toBe(here.hash);
    } finally {
      await fs.rm(clone, { recursive: true, force: true });
    }
  });
});

/** The files a build reads, copied to another path; node_modules linked (its content is identified by the lock). */
async function makeClone(clone: string): Promise<void> {
  for (const rel of ['scripts/build', 'native/whisper/src', 'native/whisper/patches']) await fs.cp(path.join(repoRoot, rel), path.join(clone, rel), { recursive: true });
  for (const rel of ['native/whisper/CMakeLists.txt', 'native/whisper/package.json', 'package-lock.json']) await fs.cp(path.join(repoRoot, rel), path.join(clone, rel));
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
}
