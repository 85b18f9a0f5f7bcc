/**
 * Packaging check helpers: packs Sotto with electron-builder `--dir` for linux, mac and win against
 * stub Electron folders (stub-electron.ts), in a temporary project, never in the repo. Used by
 * scripts/build/packaging.test.ts.
 *
 * The temp project holds copies of package.json, the lockfile, electron-builder.yml, resources and
 * the native addon build, plus placeholder renderer/main bundles when the real ones are not built.
 * Its node_modules is the repo's, bind-mounted READ-ONLY: a symlink makes `npm ls` (which
 * electron-builder uses to collect production dependencies) lose every transitive dependency,
 * and a copy would be gigabytes. Read-only, so no cleanup can ever delete the repo's modules.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Builder from 'electron-builder';
import type { Arch, Configuration, Platform } from 'electron-builder';
import { makeStubElectron, type StubPlatform } from './stub-electron';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(repoRoot, 'package.json'));

export type PackPlatform = StubPlatform;

export interface TempProject {
  root: string;
  projectDir: string;
  /** Which bundles are placeholders (the real build was absent). */
  placeholders: string[];
  dispose(): void;
}

const isMounted = (path: string): boolean => readFileSync('/proc/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === path);

/** Builds the temp project; throws when the read-only bind mount is not allowed (the test then skips). */
export function makeTempProject(): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'sotto-pack-'));
  const projectDir = join(root, 'project');
  const modules = join(projectDir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const dispose = () => {
    if (isMounted(modules)) execFileSync('umount', [modules]);
    // Never delete through a mount: if it is still there, leave the folder.
    if (!isMounted(modules)) rmSync(root, { recursive: true, force: true });
  };
  try {
    execFileSync('mount', ['--bind', join(repoRoot, 'node_modules'), modules], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'remount,ro,bind', modules], { stdio: 'pipe' });
  } catch (error) {
    dispose();
    throw new Error(`cannot bind-mount node_modules read-only (needs root): ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(repoRoot, file), join(projectDir, file));
    for (const dir of ['resources', 'native/build/Release']) {
      if (existsSync(join(repoRoot, dir))) cpSync(join(repoRoot, dir), join(projectDir, dir), { recursive: true });
    }
    // Decoys: sources that exist in every checkout and must never reach the package.
    for (const decoy of ['electron/engine/decoy.ts', 'renderer/decoy.tsx', 'scripts/decoy.mjs', 'native/whisper/src/decoy.cc']) {
      mkdirSync(dirname(join(projectDir, decoy)), { recursive: true });
      writeFileSync(join(projectDir, decoy), '// must not be packaged\n');
    }
    const placeholders: string[] = [];
    const main = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string }).main;
    for (const [dir, file, text] of [
      ['dist', 'dist/index.html', '<!doctype html><title>Sotto placeholder renderer (packaging test)</title>\n'],
      ['dist-electron', main, '// Placeholder main bundle for the packaging test; the real one comes from the build.\n'],
    ] as const) {
      if (existsSync(join(repoRoot, dir))) cpSync(join(repoRoot, dir), join(projectDir, dir), { recursive: true });
      if (!existsSync(join(projectDir, file))) {
        mkdirSync(dirname(join(projectDir, file)), { recursive: true });
        writeFileSync(join(projectDir, file), text);
        placeholders.push(file);
      }
    }
    return { root, projectDir, placeholders, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

export interface PackResult {
  /** Output folder per platform: linux-unpacked, mac-arm64/Sotto.app, win-unpacked. */
  appDirs: Record<PackPlatform, string>;
  /** Folder holding app.asar and app.asar.unpacked, per platform. */
  resourcesDirs: Record<PackPlatform, string>;
  /** What @electron/fuses reads per platform: the executables, and on mac the .app (its framework holds the fuses). */
  fuseTargets: Record<PackPlatform, string>;
}

/** Runs electron-builder --dir for linux x64, mac arm64 and win x64 in one build (one dependency scan). */
export async function packAll(project: TempProject): Promise<PackResult> {
  const builder = require('electron-builder') as typeof Builder;
  const { build } = builder;
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(project.projectDir, 'electron-builder.yml'), 'utf8')) as Configuration;
  const stubs: Record<string, string> = {
    linux: makeStubElectron(project.root, 'linux'),
    darwin: makeStubElectron(project.root, 'mac'),
    win32: makeStubElectron(project.root, 'win'),
  };
  const output = join(project.root, 'release');
  await build({
    projectDir: project.projectDir,
    publish: 'never',
    targets: new Map<Platform, Map<Arch, string[]>>([
      [builder.Platform.LINUX, new Map([[builder.Arch.x64, ['dir']]])],
      [builder.Platform.MAC, new Map([[builder.Arch.arm64, ['dir']]])],
      [builder.Platform.WINDOWS, new Map([[builder.Arch.x64, ['dir']]])],
    ]),
    config: {
      ...config,
      directories: { ...config.directories, output },
      electronDist: (options) => stubs[options.platformName]!,
      // No identity in the test: do not look for one in a keychain.
      mac: { ...config.mac, identity: null },
    },
  });
  const macApp = join(output, 'mac-arm64', 'Sotto.app');
  return {
    appDirs: { linux: join(output, 'linux-unpacked'), mac: macApp, win: join(output, 'win-unpacked') },
    resourcesDirs: { linux: join(output, 'linux-unpacked', 'resources'), mac: join(macApp, 'Contents', 'Resources'), win: join(output, 'win-unpacked', 'resources') },
    fuseTargets: { linux: join(output, 'linux-unpacked', 'sotto'), mac: macApp, win: join(output, 'win-unpacked', 'Sotto.exe') },
  };
}
