import type { CaptureMode, Notice, SottoApi } from '../contract';
import { startPushToTalkHook, type PushToTalkHook } from '../../native/hotkey';

/** Electron's globalShortcut (key-down only), injected so this class runs and is tested without Electron. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/**
 * The global push-to-talk key. Preferred: a real key hook (uiohook) with key-down = press and
 * key-up = release. Where no hook can run (Wayland, no X display, macOS without Accessibility
 * permission) Electron's globalShortcut takes over in TOGGLE mode: it has no key-up, so the
 * first press starts and the second stops. In hands-free mode the key toggles listening.
 */
export class PushToTalkShortcut {
  private hook: PushToTalkHook | null = null;
  private shortcut: string | null = null;
  private toggledOn = false;
  private listening = false;
  private mode: CaptureMode = 'push-to-talk';
  private bound: { accelerator: string; mode: CaptureMode } | null = null;
  /** Serializes re-registrations: settings can change faster than a hook starts. */
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: SottoApi,
    private readonly notify: (notice: Notice) => void,
    private readonly shortcuts: ShortcutRegistry,
    /** Platform permission for a global key hook (macOS Accessibility); null = allowed. */
    private readonly hookPermission: () => string | null = () => null,
  ) {
    this.unsubscribe = engine.onEvent((event) => {
      if (event.type === 'status') this.listening = event.state === 'listening';
    });
  }

  /** (Re)binds the key; safe to call on every settings change. */
  apply(accelerator: string, mode: CaptureMode): Promise<void> {
    this.chain = this.chain.then(() => this.bind(accelerator, mode)).catch((error: unknown) => {
      this.notify({ type: 'notice', level: 'warning', code: 'hotkey_failed', message: `The global hotkey could not be set up: ${(error as Error).message}` });
    });
    return this.chain;
  }

  dispose(): void {
    this.unsubscribe();
    this.unbind();
  }

  private async bind(accelerator: string, mode: CaptureMode): Promise<void> {
    if (this.bound?.accelerator === accelerator && this.bound.mode === mode) return;
    this.unbind();
    this.mode = mode;
    this.bound = { accelerator, mode };
    const result = await startPushToTalkHook(accelerator, { onPress: () => this.down(), onRelease: () => this.up() }, { permission: this.hookPermission });
    if (result.ok) {
      this.hook = result.hook;
      return;
    }
    if (result.code === 'hotkey_invalid') {
      this.notify({ type: 'notice', level: 'warning', code: 'hotkey_invalid', message: `${result.reason} Choose another shortcut in Settings.` });
      return;
    }
    // Fallback: toggle shortcut.
    const registered = (() => {
      try {
        return this.shortcuts.register(accelerator, () => this.toggle());
      } catch {
        return false;
      }
    })();
    if (!registered) {
      this.notify({ type: 'notice', level: 'warning', code: 'hotkey_unavailable', message: `${result.reason} "${accelerator}" could not be registered as a shortcut either (another app may use it). Use the on-screen button, or choose another shortcut in Settings.` });
      return;
    }
    this.shortcut = accelerator;
    this.notify({ type: 'notice', level: 'info', code: 'hotkey_toggle_mode', message: `${result.reason} "${accelerator}" works as a toggle instead: press once to start talking, press again to stop.` });
  }

  private unbind(): void {
    this.bound = null;
    this.hook?.stop();
    this.hook = null;
    if (this.shortcut) this.shortcuts.unregister(this.shortcut);
    this.shortcut = null;
    if (this.toggledOn) void this.call('ptt.release');
    this.toggledOn = false;
  }

  private down(): void {
    if (this.mode === 'hands-free') void this.call('listen.set', { on: !this.listening });
    else void this.call('ptt.press');
  }

  private up(): void {
    if (this.mode === 'push-to-talk') void this.call('ptt.release');
  }

  private toggle(): void {
    if (this.mode === 'hands-free') {
      this.down();
      return;
    }
    this.toggledOn = !this.toggledOn;
    void this.call(this.toggledOn ? 'ptt.press' : 'ptt.release');
  }

  private async call(command: 'ptt.press' | 'ptt.release' | 'listen.set', request: object = {}): Promise<void> {
    try {
      await this.engine.invoke(command, request as never);
    } catch (error) {
      // The engine reports its own failures as events; a hotkey must never throw into the hook thread.
      console.warn(`[hotkey] ${command} failed:`, (error as Error).message);
    }
  }
}
