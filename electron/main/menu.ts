// The application menu as plain data (type-only Electron import), so it is unit-tested without Electron.
// Without a menu of its own, Electron installs its default one, whose View menu has Reload and
// Toggle Developer Tools even in a packaged app.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuContext {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

/** DevTools (and reload) exist only in development: a packaged Sotto offers no console into the window. */
export const devToolsAllowed = ({ isPackaged }: { isPackaged: boolean }): boolean => !isPackaged;

/** Role items only: Electron supplies labels, accelerators and behaviour per platform. */
export function menuTemplate({ isPackaged, platform }: MenuContext): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = devToolsAllowed({ isPackaged })
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    // macOS puts About, Hide and Quit in the app menu; elsewhere Quit lives in File.
    platform === 'darwin' ? { role: 'appMenu' } : { label: 'File', submenu: [{ role: 'quit' }] },
    // Without an Edit menu, copy and paste shortcuts do nothing on macOS (in the API key field, for one).
    { role: 'editMenu' },
    // Not the 'viewMenu' role: Electron fills that one with Reload and Toggle Developer Tools.
    {
      label: 'View',
      submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}
