/**
 * Packs Sotto with electron-builder (--dir, stub Electron; see pack-test.ts) for linux, mac and
 * win, then checks what would ship: the asar contents, that every native file is unpacked, that
 * each platform carries its own native binaries and not the others', the mac/win metadata, and
 * the Electron fuses electron-builder flipped in each packed binary (the stubs carry Electron's
 * default fuse wire, see stub-electron.ts).
 * Skips, saying why, when the read-only bind mount of node_modules is not allowed (needs root).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as AsarModule from '@electron/asar';
import type * as FusesModule from '@electron/fuses';
import type * as ResEditModule from 'resedit';
import { makeTempProject, packAll, repoRoot, type PackPlatform, type PackResult, type TempProject } from './pack-test';

const require = createRequire(join(repoRoot, 'package.json'));
const asar = require('@electron/asar') as typeof AsarModule;
const fuses = require('@electron/fuses') as typeof FusesModule;

let project: TempProject | null = null;
let packed: PackResult | null = null;
let skipReason = '';

beforeAll(async () => {
  try {
    project = makeTempProject();
  } catch (error) {
    skipReason = (error as Error).message;
    return;
  }
  packed = await packAll(project);
}, 240_000);

afterAll(() => project?.dispose());

const walk = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)))
    : [];

function contents(platform: PackPlatform) {
  const resources = packed!.resourcesDirs[platform];
  const archive = join(resources, 'app.asar');
  const listed = asar.listPackage(archive, { isPack: false }).map((p) => p.replace(/\\/g, '/').replace(/^\//, ''));
  const unpacked = walk(join(resources, 'app.asar.unpacked')).map((p) => p.replace(/\\/g, '/'));
  return { archive, listed, unpacked };
}

const main = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string }).main;

/** Native files each platform must carry unpacked, and the foreign ones it must not carry at all. */
const natives: Record<PackPlatform, { must: string[]; mustNot: RegExp[] }> = {
  linux: {
    must: ['node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node', 'node_modules/@picovoice/pvrecorder-node/lib/linux/x86_64/pv_recorder.node', 'node_modules/uiohook-napi/prebuilds/linux-x64/uiohook-napi.node'],
    mustNot: [/onnxruntime-node\/bin\/napi-v\d+\/(darwin|win32|linux\/arm64)\//, /pvrecorder-node\/lib\/(mac|windows|raspberry-pi)\//, /uiohook-napi\/prebuilds\/(darwin|win32|linux-arm64|linux-loong64)/],
  },
  mac: {
    must: ['node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/onnxruntime_binding.node', 'node_modules/@picovoice/pvrecorder-node/lib/mac/arm64/pv_recorder.node', 'node_modules/uiohook-napi/prebuilds/darwin-arm64/uiohook-napi.node'],
    mustNot: [/onnxruntime-node\/bin\/napi-v\d+\/(linux|win32)\//, /pvrecorder-node\/lib\/(linux|windows|raspberry-pi)\//, /uiohook-napi\/prebuilds\/(linux|win32|darwin-x64)/, /@img\/sharp-(libvips-)?(linux|win32)/],
  },
  win: {
    must: ['node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime_binding.node', 'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll', 'node_modules/@picovoice/pvrecorder-node/lib/windows/amd64/pv_recorder.node', 'node_modules/uiohook-napi/prebuilds/win32-x64/uiohook-napi.node'],
    mustNot: [/onnxruntime-node\/bin\/napi-v\d+\/(linux|darwin|win32\/arm64)\//, /pvrecorder-node\/lib\/(linux|mac|raspberry-pi)\//, /uiohook-napi\/prebuilds\/(linux|darwin|win32-arm64)/, /@img\/sharp-(libvips-)?(linux|darwin)/],
  },
};

describe.each(['linux', 'mac', 'win'] as const)('electron-builder --dir (%s, stub Electron)', (platform) => {
  it('puts the app, its bundles and its production dependencies in app.asar, and nothing of the build tools', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const { listed } = contents(platform);
    expect(listed).toEqual(expect.arrayContaining(['package.json', 'dist/index.html', main, 'resources/models.json']));
    // Production dependencies, including transitive ones (transformers.js → sharp, onnxruntime-common).
    for (const dep of ['zod', 'openai', 'p-retry', 'wavefile', '@huggingface/transformers', 'onnxruntime-common', 'sharp', '@huggingface/jinja']) {
      expect(listed.some((p) => p.startsWith(`node_modules/${dep}/`)), dep).toBe(true);
    }
    expect(listed).toContain('node_modules/@huggingface/transformers/dist/transformers.node.mjs');
    // Only what the app runs: no sources (the temp project has decoys), no lockfile, no build config.
    const topLevel = new Set(listed.map((p) => p.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['dist', 'dist-electron', 'native', 'node_modules', 'package.json', 'resources']);
    expect(listed.filter((p) => p.startsWith('native/') && !p.startsWith('native/build'))).toEqual([]);
    expect(listed.filter((p) => p.startsWith('resources/') && p !== 'resources/models.json' && !p.endsWith('.wav'))).toEqual([]);
    const forbidden = [/^node_modules\/onnxruntime-web\//, /^node_modules\/(electron|electron-builder|vitest|typescript|eslint|vite|react|playwright-core)\//, /transformers\/dist\/transformers\.web/, /\.map$/, /^(electron|renderer|e2e|scripts|bench)\//];
    for (const pattern of forbidden) expect(listed.filter((p) => pattern.test(p)), String(pattern)).toEqual([]);
  });

  it('unpacks every native file, its own platform only', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const { archive, listed, unpacked } = contents(platform);
    const nodeFiles = listed.filter((p) => p.endsWith('.node'));
    expect(nodeFiles.length).toBeGreaterThan(3);
    for (const file of nodeFiles) {
      expect((asar.statFile(archive, file) as { unpacked?: boolean }).unpacked, file).toBe(true);
      expect(unpacked, file).toContain(file);
    }
    expect(unpacked).toContain('native/build/Release/sotto_whisper.node');
    expect(unpacked.some((p) => /@ricky0123\/vad-web\/dist\/silero_vad_v5\.onnx$/.test(p))).toBe(true);
    for (const file of natives[platform].must) expect(unpacked, file).toContain(file);
    for (const pattern of natives[platform].mustNot) {
      expect([...listed, ...unpacked].filter((p) => pattern.test(p)), String(pattern)).toEqual([]);
    }
    expect([...listed, ...unpacked].filter((p) => /providers_(cuda|tensorrt)/i.test(p))).toEqual([]);
  });
});

describe('platform metadata', () => {
  it('mac: bundle id, microphone text, renamed helpers, icon', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const app = packed.appDirs.mac;
    const info = readFileSync(join(app, 'Contents', 'Info.plist'), 'utf8');
    expect(info).toContain('<string>app.sotto.desktop</string>');
    expect(info).toMatch(/<key>NSMicrophoneUsageDescription<\/key>\s*<string>[^<]*microphone[^<]*<\/string>/);
    expect(existsSync(join(app, 'Contents', 'MacOS', 'Sotto'))).toBe(true);
    expect(existsSync(join(app, 'Contents', 'Frameworks', 'Sotto Helper (Renderer).app'))).toBe(true);
    expect(statSync(join(app, 'Contents', 'Resources', 'icon.icns')).size).toBeGreaterThan(1000);
  });

  it('win: Sotto.exe carries the product name', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const ResEdit = require('resedit') as typeof ResEditModule;
    const exe = ResEdit.NtExecutable.from(readFileSync(join(packed.appDirs.win, 'Sotto.exe')));
    const resources = ResEdit.NtExecutableResource.from(exe);
    const [version] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
    const strings = version!.getStringValues(version!.getAllLanguagesForStringValues()[0]!);
    expect(strings.ProductName).toBe('Sotto');
  });

  it('linux: the stub executable took the product name', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    expect(existsSync(join(packed.appDirs.linux, 'sotto'))).toBe(true);
  });
});

/**
 * Every fuse of the wire, decided: nothing lets local code run as Sotto (ELECTRON_RUN_AS_NODE,
 * NODE_OPTIONS, --inspect) or swap its code (only a validated app.asar loads). Index 8 is
 * Electron's WasmTrapHandlers, unknown to @electron/fuses 1.8: it must keep its default.
 */
const { FuseV1Options: F } = fuses;
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
const fusePolicy: [name: string, index: number, state: number][] = [
  ['RunAsNode', F.RunAsNode, OFF],
  ['EnableCookieEncryption', F.EnableCookieEncryption, ON],
  ['EnableNodeOptionsEnvironmentVariable', F.EnableNodeOptionsEnvironmentVariable, OFF],
  ['EnableNodeCliInspectArguments', F.EnableNodeCliInspectArguments, OFF],
  ['EnableEmbeddedAsarIntegrityValidation', F.EnableEmbeddedAsarIntegrityValidation, ON],
  ['OnlyLoadAppFromAsar', F.OnlyLoadAppFromAsar, ON],
  ['LoadBrowserProcessSpecificV8Snapshot', F.LoadBrowserProcessSpecificV8Snapshot, OFF],
  ['GrantFileProtocolExtraPrivileges', F.GrantFileProtocolExtraPrivileges, OFF],
  ['WasmTrapHandlers (Electron default)', 8, ON],
];

/** SHA-256 of app.asar's header: what Electron compares with the recorded integrity before it loads the app. */
const asarHeaderHash = (archive: string) => createHash('sha256').update(asar.getRawHeader(archive).headerString).digest('hex');

describe.each(['linux', 'mac', 'win'] as const)('Electron fuses (%s)', (platform) => {
  it('flips every fuse of the packed binary to the hardened policy', async (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const wire = await fuses.getCurrentFuseWire(packed.fuseTargets[platform]);
    expect(wire.version).toBe(fuses.FuseVersion.V1);
    const actual = Object.fromEntries(fusePolicy.map(([name, index]) => [name, String.fromCharCode(wire[index as FusesModule.FuseV1Options]!)]));
    const expected = Object.fromEntries(fusePolicy.map(([name, , state]) => [name, String.fromCharCode(state)]));
    expect(actual).toEqual(expected);
  });
});

describe('asar integrity (validated at launch by the EnableEmbeddedAsarIntegrityValidation fuse)', () => {
  it('mac: Info.plist records the hash of the shipped app.asar header', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const info = readFileSync(join(packed.appDirs.mac, 'Contents', 'Info.plist'), 'utf8');
    const entry = /<key>ElectronAsarIntegrity<\/key>\s*<dict>\s*<key>Resources\/app\.asar<\/key>\s*<dict>([\s\S]*?)<\/dict>/.exec(info);
    expect(entry, 'ElectronAsarIntegrity for Resources/app.asar').not.toBeNull();
    expect(entry![1]).toContain('<string>SHA256</string>');
    expect(entry![1]).toContain(`<string>${asarHeaderHash(join(packed.resourcesDirs.mac, 'app.asar'))}</string>`);
  });

  it('win: the INTEGRITY resource records the hash of the shipped app.asar header', (ctx) => {
    if (!packed) return ctx.skip(skipReason);
    const ResEdit = require('resedit') as typeof ResEditModule;
    const resources = ResEdit.NtExecutableResource.from(ResEdit.NtExecutable.from(readFileSync(join(packed.appDirs.win, 'Sotto.exe'))));
    const integrity = resources.entries.find((e) => e.type === 'INTEGRITY')!;
    expect(JSON.parse(Buffer.from(integrity.bin).toString())).toEqual([{ file: 'resources\\app.asar', alg: 'SHA256', value: asarHeaderHash(join(packed.resourcesDirs.win, 'app.asar')) }]);
  });
});
