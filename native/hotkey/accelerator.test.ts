import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { UiohookKey as UiohookKeyTable } from 'uiohook-napi';
import { HotkeyParseError, parseAccelerator } from './accelerator';

const none = { ctrl: false, alt: false, shift: false, meta: false };

describe('parseAccelerator', () => {
  it.each([
    ['Alt+Space', 'Space', { ...none, alt: true }, 'Alt+Space'],
    ['Ctrl+Shift+F8', 'F8', { ...none, ctrl: true, shift: true }, 'Ctrl+Shift+F8'],
    ['F8', 'F8', none, 'F8'],
    ['shift+control+f24', 'F24', { ...none, ctrl: true, shift: true }, 'Ctrl+Shift+F24'],
    ['Option+a', 'A', { ...none, alt: true }, 'Alt+A'],
    ['Super+1', '1', { ...none, meta: true }, 'Super+1'],
    ['Ctrl+Plus', 'Equal', { ...none, ctrl: true }, 'Ctrl+Plus'],
    ['Ctrl++', 'Equal', { ...none, ctrl: true }, 'Ctrl+Plus'],
    ['Alt+Up', 'ArrowUp', { ...none, alt: true }, 'Alt+Up'],
    ['Ctrl+Return', 'Enter', { ...none, ctrl: true }, 'Ctrl+Enter'],
    ['Esc', 'Escape', none, 'Esc'],
    ['Alt+num5', 'Numpad5', { ...none, alt: true }, 'Alt+num5'],
    ['Ctrl+/', 'Slash', { ...none, ctrl: true }, 'Ctrl+/'],
    [' Alt + Space ', 'Space', { ...none, alt: true }, 'Alt+Space'],
  ])('%s', (text, key, modifiers, accelerator) => {
    expect(parseAccelerator(text, 'linux')).toEqual({ key, modifiers, accelerator });
  });

  it('maps CmdOrCtrl to Command on macOS and Ctrl elsewhere', () => {
    expect(parseAccelerator('CmdOrCtrl+K', 'darwin').modifiers).toEqual({ ...none, meta: true });
    expect(parseAccelerator('CommandOrControl+K', 'win32').modifiers).toEqual({ ...none, ctrl: true });
  });

  it.each([
    ['', /empty part/],
    ['Alt+', /empty part/],
    ['Alt', /needs one key besides the modifiers/],
    ['Ctrl+Shift', /needs one key/],
    ['Alt+Space+F8', /more than one key/],
    ['Ctrl+Ctrl+A', /repeats a modifier/],
    ['Hyper+A', /"Hyper" is not a key name/],
    ['F25', /"F25" is not a key name/],
    ['Alt+Spacebar', /"Spacebar"/],
  ])('rejects %j with a typed error', (text, why) => {
    let error: unknown;
    try {
      parseAccelerator(text, 'linux');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HotkeyParseError);
    expect((error as HotkeyParseError).message).toMatch(why);
    expect((error as HotkeyParseError).code).toBe('hotkey_invalid');
    expect((error as HotkeyParseError).action).toMatch(/Alt\+Space/);
  });

  it('only produces key names that exist in the real uiohook-napi table', () => {
    const { UiohookKey } = createRequire(import.meta.url)('uiohook-napi') as { UiohookKey: typeof UiohookKeyTable };
    const samples = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
      ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `num${i}`),
      'Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Return', 'Esc', 'Capslock', 'Numlock', 'Scrolllock', 'PrintScreen',
      'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Plus',
      '=', '-', ',', '.', '/', ';', "'", '[', ']', '\\', '`', 'numadd', 'numsub', 'nummult', 'numdiv', 'numdec',
    ];
    for (const s of samples) expect(typeof UiohookKey[parseAccelerator(`Ctrl+${s}`, 'linux').key], s).toBe('number');
  });
});
