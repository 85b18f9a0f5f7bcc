import type { Modifiers } from './accelerator';

/** What the matcher needs from a uiohook keyboard event. */
export interface KeyEvent {
  keycode: number;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export interface HotkeyCodes {
  key: number;
  modifiers: Modifiers;
  /** Keycodes (left and right) of each required modifier: releasing any of them ends the press. */
  modifierKeycodes: readonly number[];
}

export type HotkeyTransition = 'press' | 'release' | null;

/**
 * Push-to-talk from raw key events: press when the key goes down with exactly the required
 * modifiers (so "Alt+Space" does not fire on Ctrl+Alt+Space), release when the key or one of
 * those modifiers goes up. Auto-repeat key-downs while held are ignored.
 */
export class HotkeyMatcher {
  private held = false;

  constructor(private readonly codes: HotkeyCodes) {}

  get pressed(): boolean {
    return this.held;
  }

  keyDown(event: KeyEvent): HotkeyTransition {
    if (this.held || event.keycode !== this.codes.key) return null;
    const m = this.codes.modifiers;
    if (event.ctrlKey !== m.ctrl || event.altKey !== m.alt || event.shiftKey !== m.shift || event.metaKey !== m.meta) return null;
    this.held = true;
    return 'press';
  }

  keyUp(event: KeyEvent): HotkeyTransition {
    if (!this.held) return null;
    if (event.keycode !== this.codes.key && !this.codes.modifierKeycodes.includes(event.keycode)) return null;
    this.held = false;
    return 'release';
  }
}
