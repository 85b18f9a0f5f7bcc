import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScriptedEngine } from '../../test-support/engines/scripted-engine';
import type { Notice } from '../contract';
import { OverlayBoundsFile, OVERLAY_BOUNDS_FILE } from './overlay-bounds-file';
import { linkOverlay } from './overlay-link';
import type { OverlayWindowLike } from './overlay-window';

class StandInWindow extends EventEmitter implements OverlayWindowLike {
  destroyed = false;
  setAlwaysOnTop() {}
  setVisibleOnAllWorkspaces() {}
  setIgnoreMouseEvents() {}
  getBounds() { return { x: 0, y: 0, width: 600, height: 150 }; }
  isDestroyed() { return this.destroyed; }
  close() { this.destroyed = true; this.emit('closed'); }
}

/** Electron's globalShortcut, standing in: keys already taken by other apps refuse. */
function shortcuts(taken: string[] = []) {
  const bound = new Map<string, () => void>();
  return {
    bound,
    register: (key: string, cb: () => void) => (taken.includes(key) ? false : (bound.set(key, cb), true)),
    unregister: (key: string) => void bound.delete(key),
    press: (key: string) => bound.get(key)?.(),
  };
}

const display = { id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 }, workArea: { x: 0, y: 0, width: 1280, height: 760 } };
const screen = { getCursorScreenPoint: () => ({ x: 0, y: 0 }), getDisplayNearestPoint: () => display, getDisplayMatching: () => display };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

let dir: string;
let engine: ReturnType<typeof createScriptedEngine> | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
  rmSync(dir, { recursive: true, force: true });
});

function start(taken: string[] = []) {
  dir = mkdtempSync(join(tmpdir(), 'sotto-overlay-'));
  engine = createScriptedEngine();
  const windows: StandInWindow[] = [];
  const keys = shortcuts(taken);
  const notices: Notice[] = [];
  const linked = linkOverlay(engine!, { create: () => windows[windows.push(new StandInWindow()) - 1]!, screen, bounds: new OverlayBoundsFile(dir) }, keys, (n) => notices.push(n));
  const overlay = async () => (await engine!.invoke('settings.get', {})).overlay;
  return { engine: engine!, windows, keys, notices, linked, overlay };
}

describe('overlay ↔ engine', () => {
  it('the button (the setting), the hotkey and the window close all go through overlay.open', async () => {
    const { engine, windows, keys, linked, overlay } = start();
    await until(() => keys.bound.has('Alt+Shift+O'));
    await engine.invoke('settings.update', { patch: { overlay: { open: true } } });
    await until(() => linked.window() !== null);
    keys.press('Alt+Shift+O');
    await until(() => linked.window() === null);
    expect((await overlay()).open).toBe(false);
    keys.press('Alt+Shift+O');
    await until(() => linked.window() !== null);
    windows.at(-1)!.close();
    await until(() => engine.calls.filter((c) => c.command === 'settings.update').length === 4);
    expect((await overlay()).open).toBe(false);
    linked.dispose();
    expect(keys.bound.size).toBe(0);
  });

  it('a changed hotkey moves; a taken one is said once, as a notice', async () => {
    const { engine, keys, notices, linked } = start(['F9']);
    await until(() => keys.bound.has('Alt+Shift+O'));
    await engine.invoke('settings.update', { patch: { overlay: { hotkey: 'F8' } } });
    await until(() => keys.bound.has('F8') && !keys.bound.has('Alt+Shift+O'));
    await engine.invoke('settings.update', { patch: { overlay: { hotkey: 'F9' } } });
    await until(() => notices.length === 1);
    expect(notices[0]).toMatchObject({ code: 'overlay_hotkey_unavailable', message: expect.stringContaining('"F9"') });
    linked.dispose();
  });
});

describe('overlay bounds file', () => {
  it('round-trips; a missing or broken file is no places', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sotto-overlay-'));
    const file = new OverlayBoundsFile(dir);
    expect(await file.load()).toEqual({});
    await file.save({ '1@1280x800': { x: 1, y: 2, width: 300, height: 100 } });
    expect(await file.load()).toEqual({ '1@1280x800': { x: 1, y: 2, width: 300, height: 100 } });
    writeFileSync(join(dir, OVERLAY_BOUNDS_FILE), '{ broken');
    expect(await file.load()).toEqual({});
  });
});
