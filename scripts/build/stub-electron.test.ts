// The stub Electron folders must carry Electron's unflipped fuse wire where @electron/fuses looks for it,
// or the packaging test's fuse assertions would prove nothing about electron-builder's flipping.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as FusesModule from '@electron/fuses';
import type * as ResEditModule from 'resedit';
import { repoRoot } from './pack-test';
import { ELECTRON_DEFAULT_FUSES, makeStubElectron } from './stub-electron';

const require = createRequire(join(repoRoot, 'package.json'));
const fuses = require('@electron/fuses') as typeof FusesModule;

const root = mkdtempSync(join(tmpdir(), 'sotto-stub-electron-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const targets = {
  linux: (dir: string) => join(dir, 'electron'),
  win: (dir: string) => join(dir, 'electron.exe'),
  mac: (dir: string) => join(dir, 'Electron.app'),
} as const;

describe.each(['linux', 'mac', 'win'] as const)('stub Electron (%s)', (platform) => {
  const target = targets[platform](makeStubElectron(root, platform));

  it("carries Electron 45's default fuse wire, version 1, nine fuses", async () => {
    const wire = await fuses.getCurrentFuseWire(target);
    expect(wire.version).toBe(fuses.FuseVersion.V1);
    const states = Object.entries(wire).filter(([key]) => /^\d+$/.test(key)).map(([, state]) => String.fromCharCode(state as number));
    expect(states.join('')).toBe(ELECTRON_DEFAULT_FUSES);
  });

  it('lets @electron/fuses flip a fuse in place', async () => {
    const copy = join(root, `flip-${platform}`);
    makeStubElectron(copy, platform);
    const flipped = targets[platform](join(copy, `electron-stub-${platform}`));
    await fuses.flipFuses(flipped, { version: fuses.FuseVersion.V1, [fuses.FuseV1Options.RunAsNode]: false });
    expect((await fuses.getCurrentFuseWire(flipped))[fuses.FuseV1Options.RunAsNode]).toBe('0'.charCodeAt(0));
  });
});

it('win: the stub stays a PE with a version resource (electron-builder edits it)', () => {
  const ResEdit = require('resedit') as typeof ResEditModule;
  const exe = ResEdit.NtExecutable.from(readFileSync(targets.win(join(root, 'electron-stub-win'))));
  const resources = ResEdit.NtExecutableResource.from(exe);
  expect(ResEdit.Resource.VersionInfo.fromEntries(resources.entries)).toHaveLength(1);
});
