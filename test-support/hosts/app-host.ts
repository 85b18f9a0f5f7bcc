/**
 * Starts Sotto for browser tests: an EngineApp (the real createEngineApp by default) behind the
 * WebSocket dev host, which also serves the built renderer (dist/) on the same 127.0.0.1 origin.
 * Plain Node (no Playwright import), so vitest can use it too; Playwright fixtures are in sotto-test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsPatch } from '../../electron/contract';
import type { EngineApp, EngineAppOptions } from '../../electron/engine/app/types';
import { startWsHost, type WsHost } from '../../electron/engine/host/ws-host';
import { MemorySecretStore } from '../../electron/engine/settings/memory-secrets';
import { spawn } from 'node:child_process';
import { WebSocket } from 'ws';
import { createWsAdapter, type SocketLike, type WsAdapter } from '../../renderer/transport/ws-adapter';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIST = path.join(REPO_ROOT, 'dist');

export type EngineFactory = (options: EngineAppOptions) => Promise<EngineApp>;

export interface AppHostOptions {
  /** Settings, models and the audit log live here. Default: a fresh temp folder, removed on close. */
  userDataDir?: string;
  /** Overrides the models folder (e.g. a shared cache of generated test models). */
  modelsDir?: string;
  resourcesDir?: string;
  /** Set on process.env before the engine starts (PULSE_SERVER for the virtual mic, ...), restored on close. */
  env?: Record<string, string>;
  /** OpenAI-compatible test server (test-support/servers/openai-server.ts): sets cloud.baseUrl and turns all-local off. */
  openaiBaseUrl?: string;
  /** Stored through `apikey.set` like the UI does. */
  apiKey?: string;
  /** Applied through `settings.update` after the engine starts (e.g. { firstRunDone: true, targetLanguage: 'de' }). */
  settings?: SettingsPatch;
  /** Default: createEngineApp from electron/engine/app. */
  engine?: EngineFactory;
  /** Absolute path of a module exporting `createEngineApp` (used instead of `engine` across a process boundary). */
  engineModule?: string;
  /** Built renderer folder. Default: <repo>/dist (run `npm run build:renderer`, or use buildRenderer()). */
  staticDir?: string;
}

export interface AppHost {
  engine: EngineApp;
  host: WsHost;
  userDataDir: string;
  /** Open this in the browser: the page, with the token in the fragment (never sent over HTTP). */
  pageUrl: string;
  close(): Promise<void>;
}

// A variable specifier keeps this file compiling while the engine app is still being written.
const ENGINE_APP_MODULE = '../../electron/engine/app/index';

/** `createEngineApp` from a module (default: the real engine app), or a clear error when it is not there. */
export async function loadEngineFactory(modulePath: string = ENGINE_APP_MODULE): Promise<EngineFactory> {
  let mod: { createEngineApp?: EngineFactory };
  try {
    mod = (await import(/* @vite-ignore */ modulePath)) as { createEngineApp?: EngineFactory };
  } catch (err) {
    throw new Error(`Cannot load createEngineApp from ${modulePath} (${(err as Error).message}). Pass options.engine, or add the engine app.`);
  }
  if (typeof mod.createEngineApp !== 'function') throw new Error(`${modulePath} does not export createEngineApp.`);
  return mod.createEngineApp;
}

/** Builds the renderer into dist/ with Vite. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), root: path.join(REPO_ROOT, 'renderer'), logLevel: 'warn' });
}

/** Playwright's globalSetup (playwright.config.ts): a fresh renderer build, unless CI already made one. */
export default async function globalSetup(): Promise<void> {
  if (process.env.SOTTO_E2E_SKIP_BUILD === '1' && existsSync(path.join(RENDERER_DIST, 'index.html'))) return;
  await buildRenderer();
}

export async function startAppHost(options: AppHostOptions = {}): Promise<AppHost> {
  const staticDir = options.staticDir ?? RENDERER_DIST;
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`No built renderer in ${staticDir}. Run \`npm run build:renderer\` first.`);
  }
  const ownsDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'sotto-e2e-')));
  const previousEnv: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(options.env ?? {})) {
    previousEnv[key] = process.env[key];
    process.env[key] = value;
  }
  const restoreEnv = (): void => {
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  let engine: EngineApp | null = null;
  try {
    const factory = options.engine ?? (await loadEngineFactory(options.engineModule));
    engine = await factory({
      userDataDir,
      secrets: new MemorySecretStore(),
      ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
      ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
    });
    if (options.openaiBaseUrl) {
      await engine.invoke('settings.update', { patch: { allLocal: false, cloud: { baseUrl: options.openaiBaseUrl } } });
    }
    if (options.apiKey) await engine.invoke('apikey.set', { key: options.apiKey });
    if (options.settings) await engine.invoke('settings.update', { patch: options.settings });
    const host = await startWsHost(engine, { staticDir });
    const app = engine;
    return {
      engine: app,
      host,
      userDataDir,
      pageUrl: `${host.pageUrl}#token=${encodeURIComponent(host.token)}`,
      async close() {
        await host.close();
        await app.dispose();
        restoreEnv();
        if (ownsDir) await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await engine?.dispose().catch(() => undefined);
    restoreEnv();
    if (ownsDir) await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/** An app host running in its own Node process (tsx), driven from the test through the real WebSocket transport. */
export interface AppHostProcess {
  /** The engine's API over the WebSocket adapter (the same code the browser runs). */
  api: WsAdapter;
  pageUrl: string;
  url: string;
  origin: string;
  port: number;
  token: string;
  userDataDir: string;
  pid: number;
  close(): Promise<void>;
}

const CHILD_ENTRY = path.join(REPO_ROOT, 'test-support', 'hosts', 'app-host-process.ts');

/**
 * startAppHost in a child process: native crashes (whisper, PulseAudio) can't take the test runner down,
 * `env` becomes the child's own environment (PULSE_SERVER, ...), and modules resolve exactly as with
 * tsx/vitest. Options must be JSON (no `engine` function: use `engineModule`).
 */
export async function startAppHostProcess(options: Omit<AppHostOptions, 'engine'> = {}, { readyTimeoutMs = 120_000 } = {}): Promise<AppHostProcess> {
  const { env, ...rest } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, SOTTO_APP_HOST_OPTIONS: JSON.stringify(rest) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = await new Promise<ChildReady>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app host process did not start within ${readyTimeoutMs} ms.\n${stderrTail}`));
    }, readyTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let message: ChildReady | ChildFailed | null = null;
        try {
          message = JSON.parse(line) as ChildReady | ChildFailed;
        } catch {
          process.stdout.write(`${line}\n`); // the engine's own logging
          continue;
        }
        clearTimeout(timer);
        if (message.ready) resolve(message);
        else reject(new Error(`The app host process failed to start: ${message.error}`));
        return;
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The app host process exited (code ${code}) before it was ready.\n${stderrTail}`));
    });
  });

  const api = createWsAdapter({
    url: ready.url,
    token: ready.token,
    createSocket: (u) => new WebSocket(u, { origin: ready.origin }) as unknown as SocketLike,
  });
  let closing: Promise<void> | null = null;
  return {
    ...ready,
    api,
    pid: child.pid!,
    close() {
      closing ??= (async () => {
        api.close();
        child.stdin!.end(); // the child closes its host and engine when stdin ends
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}

type ChildReady = { ready: true } & Pick<AppHostProcess, 'pageUrl' | 'url' | 'origin' | 'port' | 'token' | 'userDataDir'>;
interface ChildFailed {
  ready: false;
  error: string;
}
