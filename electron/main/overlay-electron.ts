// The overlay's Electron glue, and nothing else: the real BrowserWindow, screen and globalShortcut handed to the
// tested parts (overlay-window.ts, overlay-hotkey.ts, overlay-link.ts).
import { globalShortcut, screen, type BrowserWindow } from 'electron';
import type { Notice, SottoApi } from '../contract';
import { OverlayBoundsFile } from './overlay-bounds-file';
import { linkOverlay, type LinkedOverlay } from './overlay-link';
import { APP_ENTRY_URL } from './policy';
import { createAppWindow } from './window';

/** The overlay page: the renderer's overlay route. */
export const OVERLAY_URL = `${APP_ENTRY_URL}#view=overlay`;

export function startOverlay(options: { engine: SottoApi; userDataDir: string; preloadPath: string; notify: (notice: Notice) => void }): LinkedOverlay & { browserWindow(): BrowserWindow | null } {
  let browserWindow: BrowserWindow | null = null;
  const linked = linkOverlay(
    options.engine,
    {
      create: (windowOptions) => {
        browserWindow = createAppWindow(options.preloadPath, windowOptions, OVERLAY_URL, 'showInactive');
        return browserWindow;
      },
      screen,
      bounds: new OverlayBoundsFile(options.userDataDir),
    },
    globalShortcut,
    options.notify,
  );
  return { ...linked, browserWindow: () => (linked.window() ? browserWindow : null) };
}
