// The overlay window's behaviour, with Electron injected (a BrowserWindow and the screen module in the app, stand-ins
// in the test): always on top, optional click-through, opened on the display the user is on, at the place it had
// there, which is saved whenever it is moved or resized.
import type { OverlaySettings } from '../contract';
import { boundsOn, displayKey, OVERLAY_MIN, type DisplayLike, type Rect, type SavedBounds } from './overlay-bounds';

/** The part of BrowserWindow the overlay uses. */
export interface OverlayWindowLike {
  setAlwaysOnTop(flag: boolean, level?: 'screen-saver' | 'floating'): void;
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
  setIgnoreMouseEvents(ignore: boolean, options?: { forward?: boolean }): void;
  getBounds(): Rect;
  close(): void;
  isDestroyed(): boolean;
  on(event: 'moved' | 'resized' | 'closed', listener: () => void): unknown;
}

/** The part of Electron's screen module it uses. */
export interface ScreenLike {
  getCursorScreenPoint(): { x: number; y: number };
  getDisplayNearestPoint(point: { x: number; y: number }): DisplayLike;
  getDisplayMatching(rect: Rect): DisplayLike;
}

/** The window's creation flags: frameless, transparent, on top, out of the taskbar; placed where it belongs. */
export function overlayWindowOptions(bounds: Rect) {
  return {
    ...bounds,
    minWidth: OVERLAY_MIN.width,
    minHeight: OVERLAY_MIN.height,
    title: 'Sotto captions',
    frame: false,
    transparent: true,
    backgroundColor: '#00000000',
    hasShadow: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: true,
    fullscreenable: false,
    show: false,
  } as const;
}
export type OverlayWindowOptions = ReturnType<typeof overlayWindowOptions>;

export interface OverlayWindowDeps {
  create(options: OverlayWindowOptions): OverlayWindowLike;
  screen: ScreenLike;
  bounds: { load(): Promise<SavedBounds>; save(bounds: SavedBounds): Promise<void> };
  /** The user closed the window itself (not through the setting): the setting must follow. */
  onClosedByUser(): void;
  /** Waits before saving a move, so a drag writes once. */
  saveDelayMs?: number;
}

/** Opens, closes and configures the one overlay window as the overlay settings say. */
export class OverlayWindow {
  private window: OverlayWindowLike | null = null;
  private opening: Promise<void> | null = null;
  private closingOurselves = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saved: SavedBounds = {};
  private pending: Rect | null = null;
  private wanted: OverlaySettings | null = null;

  constructor(private readonly deps: OverlayWindowDeps) {}

  get current(): OverlayWindowLike | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Brings the window in line with the settings (call on start and on every settings change). */
  async apply(settings: OverlaySettings): Promise<void> {
    this.wanted = settings;
    if (!settings.open) return this.close();
    if (!this.current) await (this.opening ??= this.open().finally(() => (this.opening = null)));
    // Settings may have changed while the window was being made: the latest wins.
    if (!this.wanted?.open) return this.close();
    // Forwarded mouse moves keep hover working in the page while clicks go to what is underneath.
    this.current?.setIgnoreMouseEvents(this.wanted.clickThrough, { forward: true });
  }

  close(): void {
    const window = this.current;
    if (!window) return;
    this.closingOurselves = true;
    window.close();
  }

  dispose(): void {
    this.flushSave();
    this.close();
  }

  private async open(): Promise<void> {
    this.saved = await this.deps.bounds.load();
    const display = this.deps.screen.getDisplayNearestPoint(this.deps.screen.getCursorScreenPoint());
    const window = this.deps.create(overlayWindowOptions(boundsOn(display, this.saved)));
    // Above full-screen apps and on every desktop (macOS spaces): captions must not vanish behind what they caption.
    window.setAlwaysOnTop(true, 'screen-saver');
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    window.on('moved', () => this.scheduleSave());
    window.on('resized', () => this.scheduleSave());
    window.on('closed', () => this.closed(window));
    this.window = window;
  }

  private closed(window: OverlayWindowLike): void {
    if (this.window !== window) return;
    this.window = null;
    this.flushSave();
    if (!this.closingOurselves) this.deps.onClosedByUser();
    this.closingOurselves = false;
  }

  /** Notes the place now (a closed window has none) and saves it once the moving stops. */
  private scheduleSave(): void {
    if (!this.current) return;
    this.pending = this.current.getBounds();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), this.deps.saveDelayMs ?? 500);
  }

  /** Saves the pending place under the display the window is mostly on. */
  private flushSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const bounds = this.pending;
    this.pending = null;
    if (!bounds) return;
    this.saved = { ...this.saved, [displayKey(this.deps.screen.getDisplayMatching(bounds))]: bounds };
    this.deps.bounds.save(this.saved).catch((error: unknown) => console.warn('[overlay] could not save its place:', (error as Error).message));
  }
}
