import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { OverlaySettings } from '../contract';
import { displayKey, type DisplayLike, type Rect, type SavedBounds } from './overlay-bounds';
import { OverlayWindow, type OverlayWindowLike, type OverlayWindowOptions } from './overlay-window';

/** A stand-in for BrowserWindow: records what the overlay asked of it and lets the test move or close it. */
class FakeWindow extends EventEmitter implements OverlayWindowLike {
  readonly calls: string[] = [];
  destroyed = false;
  constructor(
    readonly options: OverlayWindowOptions,
    public bounds: Rect = { x: options.x, y: options.y, width: options.width, height: options.height },
  ) {
    super();
  }
  setAlwaysOnTop(flag: boolean, level?: string) { this.calls.push(`alwaysOnTop ${flag} ${level}`); }
  setVisibleOnAllWorkspaces(visible: boolean) { this.calls.push(`allWorkspaces ${visible}`); }
  setIgnoreMouseEvents(ignore: boolean, options?: { forward?: boolean }) { this.calls.push(`ignoreMouse ${ignore} forward=${options?.forward}`); }
  getBounds() { return this.bounds; }
  isDestroyed() { return this.destroyed; }
  close() { this.destroyed = true; this.emit('closed'); }
  /** The user drags it to `to`. */
  moveTo(to: Rect) { this.bounds = to; this.emit('moved'); }
}

const left: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const right: DisplayLike = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
const settings = (o: Partial<OverlaySettings> = {}) => OverlaySettings.parse({ open: true, ...o });

function setup(saved: SavedBounds = {}) {
  const windows: FakeWindow[] = [];
  const store = { saved, load: vi.fn(async () => store.saved), save: vi.fn(async (b: SavedBounds) => void (store.saved = b)) };
  let cursor = { x: 10, y: 10 };
  const onClosedByUser = vi.fn();
  const displayAt = (p: { x: number }) => (p.x >= 1920 ? right : left);
  const overlay = new OverlayWindow({
    create: (options) => windows[windows.push(new FakeWindow(options)) - 1]!,
    screen: { getCursorScreenPoint: () => cursor, getDisplayNearestPoint: displayAt, getDisplayMatching: (r) => displayAt({ x: r.x + r.width / 2 }) },
    bounds: store,
    onClosedByUser,
    saveDelayMs: 5,
  });
  return { overlay, windows, store, onClosedByUser, moveCursor: (to: { x: number; y: number }) => (cursor = to) };
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('overlay window (Electron stand-in)', () => {
  it('opens frameless, transparent, always on top (above full screen), out of the taskbar; click-through off', async () => {
    const { overlay, windows } = setup();
    await overlay.apply(settings());
    const [w] = windows;
    expect(w!.options).toMatchObject({ frame: false, transparent: true, alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(w!.calls).toEqual(['alwaysOnTop true screen-saver', 'allWorkspaces true', 'ignoreMouse false forward=true']);
  });

  it('click-through passes clicks on (mouse moves still forwarded) and off again, without a new window', async () => {
    const { overlay, windows } = setup();
    await overlay.apply(settings({ clickThrough: true }));
    await overlay.apply(settings({ clickThrough: false }));
    expect(windows).toHaveLength(1);
    expect(windows[0]!.calls.slice(-2)).toEqual(['ignoreMouse true forward=true', 'ignoreMouse false forward=true']);
  });

  it('remembers its place per display: moved on one, reopened there; another display has its own', async () => {
    const { overlay, windows, store, moveCursor } = setup();
    await overlay.apply(settings());
    windows[0]!.moveTo({ x: 200, y: 300, width: 700, height: 150 });
    await settle();
    expect(store.saved).toEqual({ [displayKey(left)]: { x: 200, y: 300, width: 700, height: 150 } });
    await overlay.apply(settings({ open: false }));
    await overlay.apply(settings());
    expect(windows[1]!.bounds).toEqual({ x: 200, y: 300, width: 700, height: 150 });

    await overlay.apply(settings({ open: false }));
    moveCursor({ x: 3000, y: 500 });
    await overlay.apply(settings());
    const third = windows[2]!.bounds;
    expect(third.x).toBeGreaterThanOrEqual(1920); // the default place on the display the user is on
    windows[2]!.moveTo({ x: 2500, y: 1000, width: 800, height: 200 });
    windows[2]!.close();
    expect(Object.keys(store.saved).sort()).toEqual([displayKey(left), displayKey(right)].sort());
  });

  it('closing the window itself tells the settings; closing it through the settings does not', async () => {
    const { overlay, windows, onClosedByUser } = setup();
    await overlay.apply(settings());
    await overlay.apply(settings({ open: false }));
    expect(windows[0]!.destroyed).toBe(true);
    expect(onClosedByUser).not.toHaveBeenCalled();
    await overlay.apply(settings());
    windows[1]!.close();
    expect(onClosedByUser).toHaveBeenCalledTimes(1);
    expect(overlay.current).toBeNull();
  });

  it('open then close before the window exists: the latest setting wins', async () => {
    const { overlay, windows } = setup();
    const opening = overlay.apply(settings());
    await overlay.apply(settings({ open: false }));
    await opening;
    expect(windows.every((w) => w.destroyed)).toBe(true);
    expect(overlay.current).toBeNull();
  });
});
