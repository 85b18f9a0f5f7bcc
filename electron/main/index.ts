// Composition root of the Electron shell: the ONLY code importing 'electron'. It wires Electron's
// APIs to the engine and holds no logic of its own (that lives in electron/engine, tested in Node).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, Menu, session } from 'electron';
import type { Notice } from '../contract';
import { setNativeDir } from '../../native/whisper/index';
import { createEngineApp } from '../engine/app';
import type { EngineApp } from '../engine/app/types';
import { utilityProbeLauncher } from './gpu-probe-process';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { PushToTalkShortcut } from './push-to-talk';
import { serveIpc, type IpcTransport } from './ipc';
import { menuTemplate } from './menu';
import { startOverlay } from './overlay-electron';
import { accessibilityRefusal, requestMicrophoneAccess } from './os-permissions';
import { appPaths } from './policy';
import { createSafeStorageSecretStore } from './secrets';
import { guardAllWebContents, hardenSession } from './security';
import { createMainWindow, preloadPathBeside } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));

registerAppScheme(); // must happen before 'ready'
guardAllWebContents();

if (!app.requestSingleInstanceLock()) {
  // A second launch just focuses the first window (the hotkey and microphone are single-owner).
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let engine: EngineApp | null = null;
  let hotkey: PushToTalkShortcut | null = null;
  let overlay: ReturnType<typeof startOverlay> | null = null;
  let transport: IpcTransport | null = null;

  const openWindow = () => {
    window = createMainWindow(preloadPathBeside(mainDir));
    // Notices wait until the page (and its preload) can receive them; a reload holds them again.
    window.webContents.on('did-start-loading', () => transport?.windowUnloaded());
    window.webContents.on('did-finish-load', () => transport?.windowLoaded());
    window.on('closed', () => {
      transport?.windowUnloaded();
      window = null;
      // The overlay alone keeps no app alive: closing the main window quits, as window-all-closed would.
      if (process.platform !== 'darwin') app.quit();
    });
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const start = async () => {
    const paths = appPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
    // The whisper addon sits outside app.asar when packaged (dlopen cannot read archives). SOTTO_NATIVE_DIR would
    // load native code from any folder into Sotto (the fuses' onlyLoadAppFromAsar undone): development only.
    if (app.isPackaged) delete process.env.SOTTO_NATIVE_DIR;
    setNativeDir(paths.nativeDir);

    hardenSession(session.defaultSession);
    serveAppProtocol(paths.rendererDir);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isPackaged: app.isPackaged, platform: process.platform })));

    const userDataDir = app.getPath('userData');
    const created: EngineApp = await createEngineApp({
      userDataDir,
      secrets: createSafeStorageSecretStore(userDataDir),
      resourcesDir: paths.resourcesDir,
      requestMicrophoneAccess,
      gpuProbe: utilityProbeLauncher(join(mainDir, 'gpu-probe.mjs'), paths.nativeDir),
    });
    engine = created;
    const ipc = serveIpc(created, () => window, () => overlay?.browserWindow() ?? null);
    transport = ipc;

    hotkey = new PushToTalkShortcut(created, (notice: Notice) => ipc.send(notice), globalShortcut, accessibilityRefusal);
    const settings = await created.invoke('settings.get', {});
    void hotkey.apply(settings.hotkey, settings.mode);
    created.onEvent((event) => {
      if (event.type === 'settings.changed') void hotkey?.apply(event.settings.hotkey, event.settings.mode);
    });
    // The caption overlay follows its settings (button, Alt+Shift+O, its own close); see overlay-link.ts.
    overlay = startOverlay({ engine: created, userDataDir, preloadPath: preloadPathBeside(mainDir), notify: (notice) => ipc.send(notice) });

    openWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Never a silent crash: say what failed, then quit.
      dialog.showErrorBox('Sotto could not start', `${(error as Error)?.message ?? String(error)}\n\nIf this keeps happening, reinstall Sotto or report this message.`);
      app.exit(1);
    });

  app.on('activate', () => {
    // macOS: clicking the dock icon reopens the window.
    if (engine && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    globalShortcut.unregisterAll();
    if (disposed || !engine) return;
    // Give the engine the chance to stop capture and flush files before the process ends.
    event.preventDefault();
    disposed = true;
    hotkey?.dispose();
    overlay?.dispose();
    transport?.dispose();
    engine
      .dispose()
      .catch((error: unknown) => console.error('[main] engine shutdown failed:', error))
      .finally(() => app.quit());
  });
}
