import { createRequire } from 'node:module';
import type { UiohookKeyboardEvent, uIOhook as UiohookInstance, UiohookKey as UiohookKeyTable } from 'uiohook-napi';
import { HotkeyParseError, parseAccelerator, type Modifiers, type ParsedHotkey } from './accelerator';
import { globalHookAvailability } from './display';
import { HotkeyMatcher, type HotkeyCodes } from './matcher';

export { HotkeyParseError, parseAccelerator, type ParsedHotkey, type Modifiers } from './accelerator';
export { globalHookAvailability, type HookAvailability } from './display';

export interface PushToTalkHandlers {
  onPress(): void;
  onRelease(): void;
}

export interface PushToTalkHook {
  /** Canonical accelerator being watched. */
  readonly accelerator: string;
  stop(): void;
}

export type StartHookResult =
  | { ok: true; hook: PushToTalkHook }
  /** hotkey_invalid: the accelerator does not parse. hook_unavailable: use a fallback (Electron globalShortcut, toggle). */
  | { ok: false; code: 'hotkey_invalid' | 'hook_unavailable'; reason: string };

interface UiohookModule {
  uIOhook: typeof UiohookInstance;
  UiohookKey: typeof UiohookKeyTable;
}

let loaded: UiohookModule | null = null;
let running = false;
const active = new Set<(type: 'down' | 'up', event: UiohookKeyboardEvent) => void>();

/** Loads uiohook-napi on first use only: parsing and availability checks must not need the addon. */
function loadUiohook(): UiohookModule {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = require('uiohook-napi') as UiohookModule;
    loaded.uIOhook.on('keydown', (e) => active.forEach((l) => l('down', e)));
    loaded.uIOhook.on('keyup', (e) => active.forEach((l) => l('up', e)));
  }
  return loaded;
}

function codesOf(parsed: ParsedHotkey, table: typeof UiohookKeyTable): HotkeyCodes {
  const sides: Record<keyof Modifiers, [number, number]> = {
    ctrl: [table.Ctrl, table.CtrlRight],
    alt: [table.Alt, table.AltRight],
    shift: [table.Shift, table.ShiftRight],
    meta: [table.Meta, table.MetaRight],
  };
  const required = (Object.keys(sides) as Array<keyof Modifiers>).filter((m) => parsed.modifiers[m]);
  return { key: table[parsed.key], modifiers: parsed.modifiers, modifierKeycodes: required.flatMap((m) => sides[m]) };
}

/**
 * Watches a global push-to-talk key with real key-down/key-up (uiohook-napi): onPress when
 * it goes down, onRelease when it or a required modifier goes up. Never starts the hook
 * when it would abort the process (no X display); then returns `hook_unavailable` and the
 * caller falls back to a toggle shortcut.
 */
export interface StartHookOptions {
  /**
   * Extra platform check the caller can do and this layer cannot: on macOS, uIOhook.start()
   * without Accessibility permission aborts the process (uiohook-napi issue #24), so Electron
   * main passes `systemPreferences.isTrustedAccessibilityClient(false)` here. Returns null when
   * allowed, else the reason in words.
   */
  permission?: () => string | null;
}

export async function startPushToTalkHook(accelerator: string, handlers: PushToTalkHandlers, options: StartHookOptions = {}): Promise<StartHookResult> {
  let parsed: ParsedHotkey;
  try {
    parsed = parseAccelerator(accelerator);
  } catch (error) {
    if (error instanceof HotkeyParseError) return { ok: false, code: 'hotkey_invalid', reason: error.message };
    throw error;
  }
  const availability = await globalHookAvailability();
  if (!availability.available) return { ok: false, code: 'hook_unavailable', reason: `Global hotkey unavailable: ${availability.reason}.` };
  const refused = options.permission?.() ?? null;
  if (refused !== null) return { ok: false, code: 'hook_unavailable', reason: `Global hotkey unavailable: ${refused}.` };

  let uiohook: UiohookModule;
  try {
    uiohook = loadUiohook();
  } catch (error) {
    return { ok: false, code: 'hook_unavailable', reason: `Global hotkey unavailable: the key hook library did not load (${(error as Error).message}).` };
  }
  const matcher = new HotkeyMatcher(codesOf(parsed, uiohook.UiohookKey));
  const listener = (type: 'down' | 'up', event: UiohookKeyboardEvent) => {
    const transition = type === 'down' ? matcher.keyDown(event) : matcher.keyUp(event);
    if (transition === 'press') handlers.onPress();
    else if (transition === 'release') handlers.onRelease();
  };
  active.add(listener);
  if (!running) {
    try {
      uiohook.uIOhook.start();
      running = true;
    } catch (error) {
      active.delete(listener);
      return { ok: false, code: 'hook_unavailable', reason: `Global hotkey unavailable: ${(error as Error).message}.` };
    }
  }
  let stopped = false;
  return {
    ok: true,
    hook: {
      accelerator: parsed.accelerator,
      stop() {
        if (stopped) return;
        stopped = true;
        // A release the user is still holding must not be lost: end the utterance now.
        if (matcher.pressed) handlers.onRelease();
        active.delete(listener);
        if (active.size === 0 && running) {
          uiohook.uIOhook.stop();
          running = false;
        }
      },
    },
  };
}
