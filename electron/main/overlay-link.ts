import type { Notice, OverlaySettings, SottoApi } from '../contract';
import { OverlayHotkey } from './overlay-hotkey';
import { OverlayWindow, type OverlayWindowDeps, type OverlayWindowLike } from './overlay-window';
import type { ShortcutRegistry } from './push-to-talk';

export interface LinkedOverlay {
  /** The overlay window while it is open (the IPC transport serves it too). */
  window(): OverlayWindowLike | null;
  dispose(): void;
}

/**
 * Connects the overlay to the engine: the window and the shortcut follow the overlay settings, and every way of
 * opening or closing it (the button, the shortcut, the window's own close) goes through that one setting.
 */
export function linkOverlay(engine: SottoApi, deps: Omit<OverlayWindowDeps, 'onClosedByUser'>, shortcuts: ShortcutRegistry, notify: (notice: Notice) => void): LinkedOverlay {
  let current: OverlaySettings | null = null;
  const setOpen = (open: boolean) =>
    engine.invoke('settings.update', { patch: { overlay: { open } } }).catch((error: unknown) => console.warn('[overlay] settings.update failed:', (error as Error).message));
  const window = new OverlayWindow({ ...deps, onClosedByUser: () => void setOpen(false) });
  const hotkey = new OverlayHotkey(shortcuts, () => void setOpen(!(current?.open ?? false)), notify);
  const follow = (overlay: OverlaySettings) => {
    current = overlay;
    hotkey.apply(overlay.hotkey);
    void window.apply(overlay);
  };
  const unsubscribe = engine.onEvent((event) => {
    if (event.type === 'settings.changed') follow(event.settings.overlay);
  });
  void engine.invoke('settings.get', {}).then((s) => follow(s.overlay), () => undefined);
  return {
    window: () => window.current,
    dispose() {
      unsubscribe();
      hotkey.dispose();
      window.dispose();
    },
  };
}
