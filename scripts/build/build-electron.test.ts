// Builds the Electron shell for real and inspects the output. Electron itself cannot run here, so the preload
// bundle is evaluated in a Node vm with a stand-in for the two Electron objects a sandboxed preload receives.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestWhisperModel } from '../../test-support/models/test-assets';

const root = fileURLToPath(new URL('../..', import.meta.url));
let outdir: string;

beforeAll(async () => {
  // Inside the repo, so the bundles resolve their external dependencies (zod) from its node_modules, as in the app.
  await mkdir(join(root, '.cache'), { recursive: true });
  outdir = await mkdtemp(join(root, '.cache', 'build-electron-'));
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build/build-electron.mjs'), '--outdir', outdir], { cwd: root });
});
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

interface Exposed {
  invoke(command: string, request: unknown): Promise<unknown>;
  onEvent(listener: (e: unknown) => void): () => void;
  pathForFile(file: unknown): string | null;
}

function loadPreload(code: string) {
  const exposed = new Map<string, unknown>();
  const sent: Array<[string, unknown]> = [];
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const picked = { name: 'ggml-base.bin' };
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    webUtils: {
      getPathForFile: (file: unknown) => {
        if (file === picked) return '/home/me/ggml-base.bin';
        throw new TypeError('not a File');
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, envelope: { id: number }) => {
        sent.push([channel, envelope]);
        return { id: envelope.id, ok: true, response: { ok: true } };
      },
      on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, l),
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const warnings: string[] = [];
  const console = { warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')), log: () => undefined, error: () => undefined };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, sent, listeners, required, warnings, picked };
}

describe('build-electron', () => {
  it('writes main.mjs, the GPU probe, preload.cjs and their source maps, nothing else', async () => {
    expect((await readdir(outdir)).sort()).toEqual(['gpu-probe.mjs', 'gpu-probe.mjs.map', 'main.mjs', 'main.mjs.map', 'preload.cjs', 'preload.cjs.map']);
  });

  it('the bundled GPU probe runs on its own in Node, and reports a build without GPU modules instead of failing', async () => {
    const model = await ensureTestWhisperModel('test');
    const { stdout } = await promisify(execFile)(process.execPath, [join(outdir, 'gpu-probe.mjs'), JSON.stringify({ model, setting: 'auto', flashAttn: true })], {
      cwd: root,
      env: { ...process.env, SOTTO_NATIVE_DIR: join(root, 'native', 'build', 'Release') },
    });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 3)).toEqual([{ step: 'start' }, { step: 'backends' }, { step: 'devices' }]);
    expect(lines[3]).toMatchObject({ result: { ok: false, reason: 'no_backend', backends: [] } });
  });

  it('the main bundle is ESM and leaves electron and the native addons external', async () => {
    const code = await readFile(join(outdir, 'main.mjs'), 'utf8');
    expect(code).toMatch(/from "electron"/);
    expect(code).not.toMatch(/electron\/engine\/app\/types/);
    // Our own modules are inside; the uiohook addon is loaded by the facade at run time, not bundled.
    expect(code).toContain('sotto:invoke');
    expect(code).not.toMatch(/uiohook-napi\.node/);
  });

  it('the preload is one CommonJS file that exposes exactly invoke, onEvent and pathForFile', async () => {
    const { exposed, sent, listeners, required, warnings, picked } = loadPreload(await readFile(join(outdir, 'preload.cjs'), 'utf8'));
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['sotto']);
    const api = exposed.get('sotto') as Exposed;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'pathForFile']);
    // A picked file's path, and nothing for anything else the page might pass.
    expect(api.pathForFile(picked)).toBe('/home/me/ggml-base.bin');
    expect(api.pathForFile({ name: 'not a file' })).toBeNull();

    // Validation runs inside the bundle: a bad call never reaches IPC.
    const bad = await api.invoke('settings.update', { patch: { asrThreads: -1 } }).catch((e: Error) => JSON.parse(e.message));
    expect(bad).toMatchObject({ code: 'invalid_request' });
    expect(sent).toEqual([]);
    await expect(api.invoke('ptt.press', {})).resolves.toEqual({ ok: true });
    expect(sent).toEqual([['sotto:invoke', { id: 1, command: 'ptt.press', request: {} }]]);

    // The preload listens before the page does: an early notice waits for the page's first listener.
    const early = { type: 'notice', level: 'warning', code: 'settings_corrupt', message: 'reset' };
    listeners.get('sotto:event')!({}, early);
    const got: unknown[] = [];
    const off = api.onEvent((e) => got.push(e));
    listeners.get('sotto:event')!({}, { type: 'mic.level', rms: 0.5, peak: 0.6 });
    listeners.get('sotto:event')!({}, { type: 'mic.level', rms: 'loud' });
    expect(got).toEqual([early, { type: 'mic.level', rms: 0.5, peak: 0.6 }]);
    expect(warnings).toEqual([expect.stringMatching(/dropped an invalid engine event/)]);
    off();
    listeners.get('sotto:event')!({}, { type: 'mic.level', rms: 0.1, peak: 0.1 });
    expect(got).toHaveLength(2);
  });
});
