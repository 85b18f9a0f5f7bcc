import type { UiohookKey } from 'uiohook-napi';

/** Key names of uiohook-napi's `UiohookKey` table (type only: parsing must not load the addon). */
export type HookKeyName = keyof typeof UiohookKey;

export interface Modifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export interface ParsedHotkey {
  /** The non-modifier key, as uiohook names it. */
  key: HookKeyName;
  modifiers: Modifiers;
  /** Canonical Electron accelerator ("Ctrl+Shift+F8"), usable with globalShortcut. */
  accelerator: string;
}

export class HotkeyParseError extends Error {
  override readonly name = 'HotkeyParseError';
  readonly code = 'hotkey_invalid';
  readonly action = 'Choose a shortcut such as "Alt+Space", "Ctrl+Shift+F8" or "F8" in Settings.';
}

const MODIFIERS: Record<string, keyof Modifiers | 'cmdOrCtrl'> = {
  command: 'meta', cmd: 'meta', super: 'meta', meta: 'meta', win: 'meta',
  control: 'ctrl', ctrl: 'ctrl',
  commandorcontrol: 'cmdOrCtrl', cmdorctrl: 'cmdOrCtrl',
  alt: 'alt', option: 'alt',
  shift: 'shift',
};

/** Electron accelerator key names (lower-cased) → [uiohook key name, Electron's canonical spelling]. */
const NAMED_KEYS: Record<string, [HookKeyName, string]> = {
  space: ['Space', 'Space'], tab: ['Tab', 'Tab'], backspace: ['Backspace', 'Backspace'], delete: ['Delete', 'Delete'],
  insert: ['Insert', 'Insert'], return: ['Enter', 'Enter'], enter: ['Enter', 'Enter'], escape: ['Escape', 'Esc'],
  esc: ['Escape', 'Esc'], capslock: ['CapsLock', 'Capslock'], numlock: ['NumLock', 'Numlock'],
  scrolllock: ['ScrollLock', 'Scrolllock'], printscreen: ['PrintScreen', 'PrintScreen'],
  up: ['ArrowUp', 'Up'], down: ['ArrowDown', 'Down'], left: ['ArrowLeft', 'Left'], right: ['ArrowRight', 'Right'],
  home: ['Home', 'Home'], end: ['End', 'End'], pageup: ['PageUp', 'PageUp'], pagedown: ['PageDown', 'PageDown'],
  plus: ['Equal', 'Plus'], '=': ['Equal', '='], '-': ['Minus', '-'], ',': ['Comma', ','], '.': ['Period', '.'],
  '/': ['Slash', '/'], ';': ['Semicolon', ';'], "'": ['Quote', "'"], '[': ['BracketLeft', '['],
  ']': ['BracketRight', ']'], '\\': ['Backslash', '\\'], '`': ['Backquote', '`'],
  numadd: ['NumpadAdd', 'numadd'], numsub: ['NumpadSubtract', 'numsub'], nummult: ['NumpadMultiply', 'nummult'],
  numdiv: ['NumpadDivide', 'numdiv'], numdec: ['NumpadDecimal', 'numdec'],
};

/** Canonical spelling of a modifier in the normalized accelerator (Electron accepts these on every OS). */
const MODIFIER_LABEL: Record<keyof Modifiers, string> = { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Super' };

function keyOf(token: string): { key: HookKeyName; label: string } | null {
  const lower = token.toLowerCase();
  const named = NAMED_KEYS[lower];
  if (named) return { key: named[0], label: named[1] };
  if (/^[a-z0-9]$/.test(lower)) return { key: lower.toUpperCase() as HookKeyName, label: lower.toUpperCase() };
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower);
  if (f) return { key: `F${f[1]}` as HookKeyName, label: `F${f[1]}` };
  const num = /^num([0-9])$/.exec(lower);
  if (num) return { key: `Numpad${num[1]}` as HookKeyName, label: `num${num[1]}` };
  return null;
}

/**
 * Parses an Electron-style accelerator ("Alt+Space", "CmdOrCtrl+Shift+F8", "F8") into the
 * key and modifiers the global hook matches. Case-insensitive like Electron. Exactly one
 * non-modifier key is required: a modifier alone cannot be told apart from typing.
 */
export function parseAccelerator(text: string, platform: NodeJS.Platform = process.platform): ParsedHotkey {
  const fail = (why: string) => new HotkeyParseError(`The shortcut "${text}" is not valid: ${why}.`);
  // "+" is both the separator and a key ("Ctrl++" is Electron's spelling of Ctrl+Plus).
  const tokens = text.trim().replace(/\+\+$/, '+Plus').split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) throw fail('it has an empty part');
  const modifiers: Modifiers = { ctrl: false, alt: false, shift: false, meta: false };
  let key: { key: HookKeyName; label: string } | null = null;
  for (const token of tokens) {
    const modifier = MODIFIERS[token.toLowerCase()];
    if (modifier) {
      const which = modifier === 'cmdOrCtrl' ? (platform === 'darwin' ? 'meta' : 'ctrl') : modifier;
      if (modifiers[which]) throw fail(`"${token}" repeats a modifier`);
      modifiers[which] = true;
      continue;
    }
    const found = keyOf(token);
    if (!found) throw fail(`"${token}" is not a key name Sotto knows`);
    if (key) throw fail('it has more than one key besides the modifiers');
    key = found;
  }
  if (!key) throw fail('it needs one key besides the modifiers (for example "Alt+Space")');
  const labels = (Object.keys(MODIFIER_LABEL) as Array<keyof Modifiers>).filter((m) => modifiers[m]).map((m) => MODIFIER_LABEL[m]);
  return { key: key.key, modifiers, accelerator: [...labels, key.label].join('+') };
}
