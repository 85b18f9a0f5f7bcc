// The one test that launches the real Electron app (Playwright's _electron). It needs the Electron binary,
// which `ELECTRON_SKIP_BINARY_DOWNLOAD=1` installs leave out: then it SKIPS, saying why. Everything the shell
// does besides Electron itself is tested in Node (policy, IPC dispatch, preload bundle, settings, hotkey).
// Linux CI: run under xvfb-run (Electron has no headless mode).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Electron executable, found the way the electron package does it, without its download fallback. */
function findElectron(): { path: string } | { missing: string } {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: `the Electron binary is not installed (${pathFile} is missing: installs here use ELECTRON_SKIP_BINARY_DOWNLOAD=1)` };
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { missing: `the Electron binary ${binary} is missing or not executable` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'no display for Electron (run the e2e suite under xvfb-run)' };
  }
  return { path: binary };
}

/** Builds the shell and the page if they are not built yet (CI builds them first). */
function ensureBuilt(): void {
  if (!existsSync(join(root, 'dist-electron', 'main.mjs')) || !existsSync(join(root, 'dist-electron', 'preload.cjs'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  }
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    execFileSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  }
}

test('the Electron app opens its window and exposes only window.sotto.invoke/onEvent', async () => {
  const found = findElectron();
  if ('missing' in found) console.log(`[electron-smoke] skipped: ${found.missing}`);
  test.skip('missing' in found, 'missing' in found ? found.missing : '');
  if (!('path' in found)) return;
  ensureBuilt();

  const profile = mkdtempSync(join(tmpdir(), 'sotto-electron-smoke-'));
  const args = [root, `--user-data-dir=${profile}`];
  // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer's sandbox option stays on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const app = await electron.launch({ executablePath: found.path, args, cwd: root, env: { ...process.env, XDG_CONFIG_HOME: profile }, timeout: 60_000 });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Sotto');
    expect(page.url()).toBe('app://sotto/index.html');

    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const sotto = w.sotto as Record<string, unknown> | undefined;
      return {
        keys: sotto ? Object.keys(sotto).sort() : null,
        types: sotto ? [typeof sotto.invoke, typeof sotto.onEvent] : null,
        node: [typeof w.require, typeof w.process, typeof w.ipcRenderer, typeof w.electron],
      };
    });
    expect(surface).toEqual({ keys: ['invoke', 'onEvent'], types: ['function', 'function'], node: ['undefined', 'undefined', 'undefined', 'undefined'] });

    // A real round trip through preload → IPC → engine.
    const status = await page.evaluate(() => (window as unknown as { sotto: { invoke(c: string, r: object): Promise<{ type: string }> } }).sotto.invoke('status.get', {}));
    expect(status.type).toBe('status');

    // The shell's CSP header is on the page: an inline script is refused.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
  } finally {
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
