import { join } from 'node:path';
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { devToolsAllowed } from './menu';
import { APP_ENTRY_URL } from './policy';

/** The caption window: shown once its first paint is ready. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  return createAppWindow(preloadPath, { width: 960, height: 640, minWidth: 480, minHeight: 320, title: 'Sotto', show: false, backgroundColor: '#111318' }, APP_ENTRY_URL);
}

/**
 * Every app window (the caption window, the overlay). Web content runs isolated and sandboxed with no Node: all it
 * can do is the preload's `window.sotto` (invoke + onEvent). `showInactive` opens it without taking the focus.
 */
export function createAppWindow(preloadPath: string, options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, url: string, show: 'show' | 'showInactive' = 'show'): BrowserWindow {
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      // electronegativity-justified: PRELOAD_JS_CHECK: the preload exposes only invoke/onEvent, validated both ways with the contract's zod schemas; no ipcRenderer, no Node.
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would open links in a new window; the window-open handler denies it too.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // No DevTools in a packaged app, not even through webContents.openDevTools().
      devTools: devToolsAllowed({ isPackaged: app.isPackaged }),
    },
  });
  window.once('ready-to-show', () => (show === 'show' ? window.show() : window.showInactive()));
  void window.loadURL(url);
  return window;
}

/** dist-electron/preload.cjs beside the bundled main. */
export const preloadPathBeside = (mainDir: string) => join(mainDir, 'preload.cjs');
