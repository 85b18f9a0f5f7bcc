/**
 * The Vite dev server of `npm run dev:web` (the project's vite.config.ts, for real) serves the
 * renderer and what it imports, and nothing else of the disk: not the checkout's other files, not
 * the engine's user data, and no log, settings or secret file even inside an allowed folder.
 * Canary files carry a random token that no refusal's body may hold.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDevUserDataDir } from './dev-user-data';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const token = `canary-${randomBytes(8).toString('hex')}`;
const id = `.sotto-fs-canary-${process.pid}-${randomBytes(3).toString('hex')}`;

// The user data folder inside the checkout that dev:web used before, and the one it uses now.
const oldUserData = join(repo, '.cache', id);
const outside = mkdtempSync(join(tmpdir(), 'sotto-fs-test-'));
const newUserData = defaultDevUserDataDir('linux', { XDG_CACHE_HOME: outside });
// A folder the renderer may read (packages), holding files that must stay private anyway.
const inAllowed = join(repo, 'node_modules', id);
const privateInAllowed = ['audit.jsonl', 'settings.json', 'secrets/apiKey.enc', '.cache/x.js', 'test-results/results.json', '.env', 'key.pem'];

let server: ViteDevServer;
let port = 0;

const write = (file: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`);
};

beforeAll(async () => {
  for (const dir of [oldUserData, newUserData]) write(join(dir, 'audit.jsonl'));
  write(join(inAllowed, 'served.txt'));
  for (const file of privateInAllowed) write(join(inAllowed, file));
  server = await createServer({
    configFile: join(repo, 'vite.config.ts'),
    logLevel: 'silent',
    // A private optimizer cache, so a developer's running dev server is not disturbed (still under node_modules).
    cacheDir: join(inAllowed, 'vite-cache'),
    server: { port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  port = (server.httpServer!.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await server?.close();
  for (const dir of [oldUserData, outside, inAllowed]) rmSync(dir, { recursive: true, force: true });
});

/** A raw GET: the path goes out exactly as written (no client-side normalisation of "..", "%2e"). */
const get = (path: string) =>
  new Promise<{ status: number; body: string }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { accept: '*/*' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });

const fs = (file: string) => `/@fs${file}`;

const isAppPage = (body: string) => body.includes('<div id="root"></div>');

/**
 * Never the file. A /@fs/ path names an existing file, so Vite must say 403; any other path names
 * nothing under the renderer, and may get the SPA fallback (the app's page) or a 404.
 */
const expectRefused = async (path: string, secret: string = token) => {
  const { status, body } = await get(path);
  if (path.startsWith('/@fs/')) expect(status, path).toBe(403);
  else expect(status === 404 || (status === 200 && isAppPage(body)), `${path} → ${status}`).toBe(true);
  expect(body, path).not.toContain(secret);
};

describe('Vite dev server (vite.config.ts): what it serves', () => {
  it("loads the app's page, its entry module, the contract and packages", async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(isAppPage(page.body)).toBe(true);
    expect((await get('/main.tsx')).status).toBe(200);
    expect((await get(fs(join(repo, 'electron/contract/index.ts')))).status).toBe(200);
    const served = await get(fs(join(inAllowed, 'served.txt')));
    expect(served.status).toBe(200);
    expect(served.body).toContain(token);
  });

  it('serves every module the page imports (the allow list is not too tight for dev:web)', async () => {
    const seen = new Set<string>();
    const failed: string[] = [];
    const queue = ['/main.tsx', '/styles.css', '/favicon.svg'];
    while (queue.length > 0 && seen.size < 1000) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { status, body } = await get(path);
      if (status !== 200) failed.push(`${path} → ${status}`);
      // Vite rewrites imports to absolute URLs; pre-bundled chunks import each other as ./chunk-X.js
      // (a relative name without an extension is example code in a comment).
      for (const [, spec] of body.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
        if (!spec!.startsWith('/') && !/^\.\.?\/.*\.m?js(\?|$)/.test(spec!)) continue;
        const url = new URL(spec!, `http://vite${path}`);
        queue.push(url.pathname + url.search);
      }
    }
    expect(failed).toEqual([]);
    // The contract and a pre-bundled package were among them.
    expect([...seen].some((p) => p.includes('/electron/contract/'))).toBe(true);
    expect([...seen].some((p) => p.includes('/deps/react'))).toBe(true);
  });

  it('refuses the engine user data, in the old folder inside the checkout and in the new one outside it', async () => {
    await expectRefused(fs(join(oldUserData, 'audit.jsonl')));
    await expectRefused(fs(join(newUserData, 'audit.jsonl')));
  });

  it('refuses the rest of the checkout: package.json, engine sources, build config', async () => {
    for (const file of ['package.json', 'electron/engine/app/index.ts', 'electron-builder.yml']) {
      await expectRefused(fs(join(repo, file)), file === 'package.json' ? '"name": "sotto"' : 'import');
    }
    // The same file through query and path tricks that have slipped past Vite's checks before.
    for (const path of [`${fs(join(repo, 'package.json'))}?raw`, `${fs(join(repo, 'package.json'))}?import&raw`, `${fs(join(repo, 'renderer'))}/../package.json?raw`, '/../package.json?raw', '/..%2fpackage.json?raw']) {
      await expectRefused(path, '"name": "sotto"');
    }
  });

  it('refuses logs, settings, secrets and caches even inside an allowed folder', async () => {
    for (const file of privateInAllowed) {
      await expectRefused(fs(join(inAllowed, file)));
      await expectRefused(`${fs(join(inAllowed, file))}?raw`);
    }
  });
});
