import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, menuTemplate } from './menu';

/** Every item of the menu, submenus included. */
const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.role).filter(Boolean);

// viewMenu expands (inside Electron) to reload, forceReload and toggleDevTools.
const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];
const DEVTOOLS_KEYS = /^(F12|F5|(CmdOrCtrl|CommandOrControl|Ctrl|Cmd)\+(Shift\+)?(I|R|Alt\+I))$/i;

describe.each(['darwin', 'win32', 'linux'] as const)('application menu on %s', (platform) => {
  it('packaged: no DevTools, no reload, no hand-made item that could open them', () => {
    const items = flatten(menuTemplate({ isPackaged: true, platform }));
    expect(roles(items).filter((role) => DEVELOPER_ROLES.includes(role!))).toEqual([]);
    // Role items only: a click handler or accelerator would be a way around the roles.
    expect(items.filter((item) => item.click !== undefined)).toEqual([]);
    expect(items.map((item) => item.accelerator).filter((key) => key && DEVTOOLS_KEYS.test(String(key)))).toEqual([]);
  });

  it('packaged: still has the menus people use (edit for copy and paste, window, quit)', () => {
    const found = roles(menuTemplate({ isPackaged: true, platform }));
    expect(found).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', platform === 'darwin' ? 'appMenu' : 'quit']));
  });

  it('in development: reload and DevTools are there', () => {
    expect(roles(menuTemplate({ isPackaged: false, platform }))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('is plain data (buildable by Electron, printable here)', () => {
    const template = menuTemplate({ isPackaged: true, platform });
    expect(JSON.parse(JSON.stringify(template))).toEqual(template);
  });
});

describe('devToolsAllowed (webPreferences.devTools)', () => {
  it('is off in a packaged app and on in development', () => {
    expect(devToolsAllowed({ isPackaged: true })).toBe(false);
    expect(devToolsAllowed({ isPackaged: false })).toBe(true);
  });
});
