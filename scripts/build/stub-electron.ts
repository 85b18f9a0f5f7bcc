/**
 * Stub Electron folders for the packaging test (electron-builder would otherwise download Electron,
 * which this machine cannot). The layout is the one electron-builder expects of an unpacked
 * Electron, and each fuse-carrying file holds a real fuse wire with Electron's defaults, so
 * electron-builder's `electronFuses` step flips bytes for real and the test can read them back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ResEditModule from 'resedit';

const require = createRequire(join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'package.json'));

export type StubPlatform = 'linux' | 'mac' | 'win';

/**
 * Electron 45's fuse wire as shipped ('1' on, '0' off), in @electron/fuses' FuseV1Options order:
 * RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges, and a ninth fuse
 * (WasmTrapHandlers, Electron ≥ 43) that @electron/fuses 1.8 has no name for and must leave alone.
 */
export const ELECTRON_DEFAULT_FUSES = '101100011';

/** Sentinel, wire version (1), wire length, one state byte per fuse: the layout Electron's binaries carry. */
export function fuseWire(states: string = ELECTRON_DEFAULT_FUSES): Buffer {
  const { SENTINEL } = require('@electron/fuses/dist/constants') as { SENTINEL: string };
  return Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, states.length]), Buffer.from(states, 'ascii')]);
}

/** A file that looks like a binary with the wire somewhere inside, as in Electron's read-only data. */
const withWire = (before: string) => Buffer.concat([Buffer.from(before), fuseWire(), Buffer.from('\n')]);

const plist = (name: string, id: string, executable: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CFBundleDisplayName</key><string>${name}</string>
<key>CFBundleExecutable</key><string>${executable}</string>
<key>CFBundleIdentifier</key><string>${id}</string>
<key>CFBundleName</key><string>${name}</string>
<key>CFBundlePackageType</key><string>APPL</string>
<key>CFBundleVersion</key><string>0.0.0-stub</string>
</dict></plist>
`;

/**
 * A real, empty PE with a version resource (so electron-builder's metadata and asar-integrity
 * edits run for real). The fuse wire sits in an RCDATA resource: inside a section like Electron's,
 * and kept byte for byte when electron-builder rewrites the resources.
 */
function stubWindowsExe(): Buffer {
  const ResEdit = require('resedit') as typeof ResEditModule;
  const exe = ResEdit.NtExecutable.createEmpty(false, false);
  const resources = ResEdit.NtExecutableResource.from(exe);
  const version = ResEdit.Resource.VersionInfo.createEmpty();
  version.lang = 1033;
  version.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'Electron', OriginalFilename: 'electron.exe' });
  version.outputToResourceEntries(resources.entries);
  const RT_RCDATA = 10;
  resources.entries.push({ type: RT_RCDATA, id: 'FUSES', lang: 1033, codepage: 1200, bin: new Uint8Array(fuseWire()).buffer });
  resources.outputResource(exe);
  return Buffer.from(exe.generate());
}

/**
 * Linux `electron`, win `electron.exe`, mac `Electron.app` with its four helper apps and
 * `Electron Framework` (where a Mac build keeps its fuses). Returns the folder.
 */
export function makeStubElectron(root: string, platform: StubPlatform): string {
  const dir = join(root, `electron-stub-${platform}`);
  mkdirSync(dir, { recursive: true });
  if (platform === 'linux') {
    writeFileSync(join(dir, 'electron'), withWire('#!/bin/sh\necho "stub Electron: never shipped"\nexit 0\n# '), { mode: 0o755 });
    mkdirSync(join(dir, 'resources'));
  } else if (platform === 'win') {
    writeFileSync(join(dir, 'electron.exe'), stubWindowsExe());
    mkdirSync(join(dir, 'resources'));
  } else {
    const contents = join(dir, 'Electron.app', 'Contents');
    mkdirSync(join(contents, 'MacOS'), { recursive: true });
    mkdirSync(join(contents, 'Resources'), { recursive: true });
    writeFileSync(join(contents, 'Info.plist'), plist('Electron', 'com.github.Electron', 'Electron'));
    writeFileSync(join(contents, 'MacOS', 'Electron'), 'stub', { mode: 0o755 });
    const framework = join(contents, 'Frameworks', 'Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    writeFileSync(join(framework, 'Electron Framework'), withWire('stub framework '), { mode: 0o755 });
    for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
      const helper = join(contents, 'Frameworks', `Electron Helper${suffix}.app`, 'Contents');
      mkdirSync(join(helper, 'MacOS'), { recursive: true });
      writeFileSync(join(helper, 'Info.plist'), plist(`Electron Helper${suffix}`, 'com.github.Electron.helper', `Electron Helper${suffix}`));
      writeFileSync(join(helper, 'MacOS', `Electron Helper${suffix}`), 'stub', { mode: 0o755 });
    }
  }
  return dir;
}
