// Push-to-talk wiring against a scripted engine, on a machine without a usable global key hook (no X display),
// so the globalShortcut TOGGLE fallback is exercised. globalShortcut itself is Electron's and cannot run here:
// a registry that keeps the callbacks stands in for it, and the test presses the key by calling them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../contract';
import { createScriptedEngine } from '../../test-support/engines/scripted-engine';
import { PushToTalkShortcut, type ShortcutRegistry } from './push-to-talk';

const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
beforeAll(() => {
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
});
afterAll(() => {
  Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
});

class Registry implements ShortcutRegistry {
  readonly keys = new Map<string, () => void>();
  refuse = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.refuse.has(accelerator) || this.keys.has(accelerator)) return false;
    this.keys.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.keys.delete(accelerator);
  }
  press(accelerator: string): void {
    const callback = this.keys.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

function setup() {
  const engine = createScriptedEngine();
  const notices: Notice[] = [];
  const registry = new Registry();
  const ptt = new PushToTalkShortcut(engine, (n) => notices.push(n), registry);
  const commands = () => engine.calls.map((c) => c.command);
  return { engine, notices, registry, ptt, commands };
}

describe.skipIf(process.platform !== 'linux')('PushToTalkShortcut without a key hook', () => {
  it('falls back to a toggle shortcut and says so', async () => {
    const { notices, registry, ptt, commands } = setup();
    await ptt.apply('Alt+Space', 'push-to-talk');
    expect([...registry.keys.keys()]).toEqual(['Alt+Space']);
    expect(notices).toEqual([expect.objectContaining({ code: 'hotkey_toggle_mode', level: 'info', message: expect.stringMatching(/Global hotkey unavailable: .*DISPLAY is not set.*press once to start talking, press again to stop/) })]);

    registry.press('Alt+Space');
    await vi.waitFor(() => expect(commands()).toEqual(['ptt.press']));
    registry.press('Alt+Space');
    await vi.waitFor(() => expect(commands()).toEqual(['ptt.press', 'ptt.release']));
    ptt.dispose();
    expect(registry.keys.size).toBe(0);
  });

  it('re-binds on a new accelerator, ending a toggled-on utterance first', async () => {
    const { registry, ptt, commands } = setup();
    await ptt.apply('Alt+Space', 'push-to-talk');
    registry.press('Alt+Space');
    await ptt.apply('Alt+Space', 'push-to-talk'); // unchanged: no re-bind
    await ptt.apply('F8', 'push-to-talk');
    expect([...registry.keys.keys()]).toEqual(['F8']);
    await vi.waitFor(() => expect(commands()).toEqual(['ptt.press', 'ptt.release']));
  });

  it('in hands-free mode the key toggles listening', async () => {
    const { registry, ptt, engine } = setup();
    await ptt.apply('F8', 'hands-free');
    registry.press('F8');
    await vi.waitFor(() => expect(engine.calls).toEqual([{ command: 'listen.set', request: { on: true } }]));
    registry.press('F8');
    await vi.waitFor(() => expect(engine.calls.at(-1)).toEqual({ command: 'listen.set', request: { on: false } }));
  });

  it('reports an invalid accelerator and a taken shortcut without throwing', async () => {
    const { notices, registry, ptt } = setup();
    await ptt.apply('Alt+Nope', 'push-to-talk');
    expect(notices.at(-1)).toMatchObject({ code: 'hotkey_invalid', message: expect.stringMatching(/"Nope"/) });
    registry.refuse.add('Ctrl+F9');
    await ptt.apply('Ctrl+F9', 'push-to-talk');
    expect(notices.at(-1)).toMatchObject({ code: 'hotkey_unavailable', level: 'warning', message: expect.stringMatching(/could not be registered/) });
    expect(registry.keys.size).toBe(0);
  });
});
