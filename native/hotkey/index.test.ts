import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { globalHookAvailability, xDisplayTarget } from './display';

const child = fileURLToPath(new URL('./fixtures/hotkey-child.ts', import.meta.url));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const xvfbMissing = !has('xvfb-run') || !has('xdotool') ? 'xvfb-run or xdotool is not installed (apt: xvfb xauth xdotool)' : null;
if (xvfbMissing && process.platform === 'linux') console.warn(`[hotkey] skipping the X11 hook test: ${xvfbMissing}`);

type Line = { event: string; [k: string]: unknown };

/** A child process printing JSON lines; `next()` waits for the next one. */
class LineReader {
  private lines: Line[] = [];
  private waiters: Array<(l: Line) => void> = [];
  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on('line', (text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        return; // libX11 chatter, not ours
      }
      const waiter = this.waiters.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
  }
  next(): Promise<Line> {
    const line = this.lines.shift();
    if (line) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      this.proc.once('exit', (code, signal) => reject(new Error(`hotkey child exited (${code ?? signal}) before printing a line`)));
    });
  }
}

const spawned: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  // A child that is ending is let end: killing xvfb-run while it cleans up leaves its Xvfb server running.
  const exited = (p: ChildProcessWithoutNullStreams) => new Promise<boolean>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), 5000);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  for (const p of spawned.splice(0)) if (!(await exited(p))) p.kill();
});

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): LineReader {
  const proc = spawn(command, args, { env });
  spawned.push(proc);
  return new LineReader(proc);
}

describe('globalHookAvailability (real sockets)', () => {
  it('is unavailable without DISPLAY, and says Wayland when that is the reason', async () => {
    expect(await globalHookAvailability({}, 'linux')).toEqual({ available: false, reason: expect.stringMatching(/DISPLAY is not set/) });
    expect(await globalHookAvailability({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ available: false, reason: expect.stringMatching(/Wayland/) });
  });

  it('is unavailable when nothing listens at DISPLAY, or DISPLAY is malformed', async () => {
    expect(await globalHookAvailability({ DISPLAY: ':987' }, 'linux')).toMatchObject({ available: false, reason: expect.stringMatching(/does not accept connections/) });
    expect(await globalHookAvailability({ DISPLAY: 'garbage' }, 'linux')).toMatchObject({ available: false, reason: expect.stringMatching(/not an X display name/) });
  });

  it('is available when an X server-like listener accepts connections (TCP display)', async () => {
    const server: Server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await globalHookAvailability({ DISPLAY: `127.0.0.1:${port - 6000}.0` }, 'linux')).toEqual({ available: true });
    } finally {
      server.close();
    }
  });

  it('parses display names', () => {
    expect(xDisplayTarget(':0')).toEqual([{ path: '/tmp/.X11-unix/X0' }, { path: '\0/tmp/.X11-unix/X0' }]);
    expect(xDisplayTarget('unix:3.1')).toEqual([{ path: '/tmp/.X11-unix/X3' }, { path: '\0/tmp/.X11-unix/X3' }]);
    expect(xDisplayTarget('localhost:10.0')).toEqual([{ host: 'localhost', port: 6010 }]);
    expect(xDisplayTarget('wayland-0')).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux')('startPushToTalkHook in a child process', () => {
  it('reports hook_unavailable instead of aborting when there is no display', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const reader = runChild(process.execPath, ['--import', 'tsx', child, 'Alt+Space'], env);
    expect(await reader.next()).toMatchObject({ event: 'unavailable', code: 'hook_unavailable', reason: expect.stringMatching(/^Global hotkey unavailable: .*DISPLAY is not set/) });
  });

  it('does not start the hook when the platform permission check refuses (macOS Accessibility)', async () => {
    // A listener that looks like an X server passes the display check; the refusal must stop us before start().
    const server: Server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const env = { ...process.env, DISPLAY: `127.0.0.1:${port - 6000}`, HOTKEY_REFUSE: 'no Accessibility permission' };
      const reader = runChild(process.execPath, ['--import', 'tsx', child, 'F8'], env);
      expect(await reader.next()).toMatchObject({ event: 'unavailable', code: 'hook_unavailable', reason: 'Global hotkey unavailable: no Accessibility permission.' });
    } finally {
      server.close();
    }
  });

  it('reports an invalid accelerator', async () => {
    const reader = runChild(process.execPath, ['--import', 'tsx', child, 'Alt+Nope'], { ...process.env, DISPLAY: '' });
    expect(await reader.next()).toMatchObject({ event: 'unavailable', code: 'hotkey_invalid', reason: expect.stringMatching(/"Nope"/) });
  });

  it.skipIf(xvfbMissing !== null)('emits press on key down and release on key up under Xvfb (xdotool)', async () => {
    const reader = runChild('xvfb-run', ['-a', '-s', '-screen 0 320x240x24', process.execPath, '--import', 'tsx', child, 'Ctrl+Shift+F8'], { ...process.env });
    const ready = await reader.next();
    expect(ready).toMatchObject({ event: 'ready', accelerator: 'Ctrl+Shift+F8' });
    const xenv = { ...process.env, DISPLAY: String(ready.display), XAUTHORITY: String(ready.xauthority ?? '') };
    const keys = (...args: string[]) => {
      const r = spawnSync('xdotool', args, { env: xenv, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`xdotool ${args.join(' ')} failed: ${r.stderr}`);
    };

    // Plain hold: one press (the repeated key down is ignored), one release.
    keys('keydown', 'ctrl', 'keydown', 'shift', 'keydown', 'F8', 'keydown', 'F8', 'keyup', 'F8', 'keyup', 'shift', 'keyup', 'ctrl');
    expect(await reader.next()).toEqual({ event: 'press' });
    expect(await reader.next()).toEqual({ event: 'release' });

    // Wrong modifiers do nothing; then releasing a modifier first ends the press.
    keys('keydown', 'F8', 'keyup', 'F8', 'keydown', 'ctrl', 'keydown', 'F8', 'keyup', 'F8', 'keyup', 'ctrl');
    keys('keydown', 'ctrl', 'keydown', 'shift', 'keydown', 'F8', 'keyup', 'shift', 'keyup', 'F8', 'keyup', 'ctrl');
    expect(await reader.next()).toEqual({ event: 'press' });
    expect(await reader.next()).toEqual({ event: 'release' });

    // Stopping while held delivers the pending release, then the hook shuts down cleanly.
    keys('keydown', 'ctrl', 'keydown', 'shift', 'keydown', 'F8');
    expect(await reader.next()).toEqual({ event: 'press' });
    reader.proc.stdin.end();
    expect(await reader.next()).toEqual({ event: 'release' });
    expect(await reader.next()).toEqual({ event: 'stopped' });
    // The X server goes away with the child (xvfb-run), keys still held down included.
  });
});
