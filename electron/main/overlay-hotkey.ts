import type { Notice } from '../contract';
import type { ShortcutRegistry } from './push-to-talk';

/**
 * The overlay's global shortcut: a key-down toggle, so Electron's globalShortcut is enough (no key-up needed, unlike
 * push-to-talk). Re-registered when the setting changes; a taken or invalid key is said once, never thrown.
 */
export class OverlayHotkey {
  private bound: string | null = null;

  constructor(
    private readonly shortcuts: ShortcutRegistry,
    private readonly toggle: () => void,
    private readonly notify: (notice: Notice) => void,
  ) {}

  apply(accelerator: string): void {
    if (accelerator === this.bound) return;
    this.dispose();
    let registered = false;
    try {
      registered = this.shortcuts.register(accelerator, this.toggle);
    } catch {
      registered = false; // Electron throws on an accelerator it cannot parse
    }
    if (registered) this.bound = accelerator;
    else this.notify({ type: 'notice', level: 'warning', code: 'overlay_hotkey_unavailable', message: `"${accelerator}" could not be set up as the overlay shortcut (another app may use it). Use the Overlay button, or choose another shortcut.` });
  }

  dispose(): void {
    if (this.bound) this.shortcuts.unregister(this.bound);
    this.bound = null;
  }
}
