/**
 * The release workflow cannot run here (it needs macOS and Windows runners): parse it, the CI
 * mirror and electron-builder.yml, and check the decisions they encode, so an edit that drops a
 * platform, ungates signing or re-enables the native rebuild fails here first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../build/pack-test';

const yaml = createRequire(join(repoRoot, 'package.json'))('js-yaml') as { load(text: string): unknown };
const load = (file: string) => yaml.load(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }

describe('.github/workflows/release.yml', () => {
  const wf = load('.github/workflows/release.yml');
  const steps = (job: string): Step[] => wf.jobs[job].steps;

  it('runs on v* tags and builds mac arm64 + x64 and windows x64 with Node 22', () => {
    expect(wf.on.push.tags).toEqual(['v*']);
    expect(wf.jobs.mac.strategy.matrix.include.map((e: { arch: string }) => e.arch).sort()).toEqual(['arm64', 'x64']);
    expect(wf.jobs.windows['runs-on']).toBe('windows-latest');
    for (const job of ['mac', 'windows']) {
      expect(steps(job).find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version']).toBe(22);
      expect(steps(job).some((s) => s.run?.includes('npm ci'))).toBe(true);
      expect(steps(job).find((s) => s.run === 'npm run build:native')!.env!.SOTTO_WHISPER_RELEASE).toBe('1');
      expect(steps(job).some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    }
    // electron-builder must download the real Electron on the runners.
    expect(JSON.stringify(wf)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD: ');
  });

  it('windows ships the Vulkan module, built with the SDK and smoke-tested through the GPU probe; macOS does not', () => {
    const build = steps('windows').find((s) => s.run === 'npm run build:native')!;
    expect(build.env).toMatchObject({ SOTTO_WHISPER_VULKAN: '1', SOTTO_WHISPER_TOOLSET: 'ClangCL' });
    const sdk = steps('windows').findIndex((s) => s.run?.includes('VulkanSDK-Installer.exe'));
    expect(sdk).toBeGreaterThan(-1);
    expect(sdk).toBeLessThan(steps('windows').indexOf(build));
    expect(steps('windows').some((s) => s.run?.includes('native-smoke.ts') && s.run.includes('--gpu'))).toBe(true);
    expect(steps('mac').find((s) => s.run === 'npm run build:native')!.env!.SOTTO_WHISPER_VULKAN).toBeUndefined();
  });

  it('signs only when the secrets exist, and never publishes by itself', () => {
    const signedMac = steps('mac').find((s) => s.env?.CSC_LINK)!;
    expect(signedMac.if).toBe("env.HAS_MAC_CERT == 'true'");
    expect(Object.keys(signedMac.env!)).toEqual(expect.arrayContaining(['CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']));
    expect(steps('mac').find((s) => s.if === "env.HAS_MAC_CERT != 'true'")!.run).toContain('-c.mac.identity=-');
    expect(steps('windows').find((s) => s.env?.WIN_CSC_LINK)!.if).toBe("env.HAS_WIN_CERT == 'true'");
    for (const job of ['mac', 'windows']) {
      for (const s of steps(job).filter((s) => s.run?.includes('electron-builder'))) expect(s.run).toContain('--publish never');
    }
  });
});

describe('.github/workflows/ci.yml', () => {
  it('mirrors .ci/run in a privileged Debian container with Node 20', () => {
    const wf = load('.github/workflows/ci.yml');
    expect(wf.jobs.test.container.image).toMatch(/^node:20-bookworm/);
    expect(wf.jobs.test.container.options).toContain('--privileged');
    expect((wf.jobs.test.steps as Step[]).some((s) => s.run === 'bash .ci/run')).toBe(true);
  });
});

describe('electron-builder.yml', () => {
  const config = load('electron-builder.yml');

  it('encodes the packaging decisions', () => {
    expect(config).toMatchObject({ appId: 'app.sotto.desktop', productName: 'Sotto', npmRebuild: false, directories: { output: 'release' } });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    for (const file of [config.mac.entitlements, config.mac.icon, config.win.icon, config.linux.icon]) expect(existsSync(join(repoRoot, file)), file).toBe(true);
    const entitlements = readFileSync(join(repoRoot, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
  });

  it('keeps the app files identical in every platform list (a platform list replaces the top-level one)', () => {
    const appFiles = (list: unknown[]) => list.filter((p): p is string => typeof p === 'string' && !p.includes('node_modules'));
    for (const platform of ['mac', 'win', 'linux']) expect(appFiles(config[platform].files), platform).toEqual(appFiles(config.files).filter((p) => !p.startsWith('!**/{test')));
  });
});
