import { describe, expect, it } from 'vitest';
import { HotkeyMatcher } from './matcher';

// Keycodes as uiohook reports them: Space 57, Alt 56 / AltRight 3640, A 30.
const SPACE = 57;
const ALT = 56;
const ALT_RIGHT = 3640;
const ev = (keycode: number, mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({
  keycode, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods,
});
const altSpace = () => new HotkeyMatcher({ key: SPACE, modifiers: { ctrl: false, alt: true, shift: false, meta: false }, modifierKeycodes: [ALT, ALT_RIGHT] });

describe('HotkeyMatcher', () => {
  it('presses on key down with the modifier and releases on key up', () => {
    const m = altSpace();
    expect(m.keyDown(ev(ALT, { altKey: true }))).toBeNull();
    expect(m.keyDown(ev(SPACE, { altKey: true }))).toBe('press');
    expect(m.pressed).toBe(true);
    expect(m.keyUp(ev(SPACE, { altKey: true }))).toBe('release');
    expect(m.keyUp(ev(ALT))).toBeNull();
  });

  it('ignores auto-repeat key downs while held', () => {
    const m = altSpace();
    expect(m.keyDown(ev(SPACE, { altKey: true }))).toBe('press');
    expect(m.keyDown(ev(SPACE, { altKey: true }))).toBeNull();
    expect(m.keyDown(ev(SPACE, { altKey: true }))).toBeNull();
    expect(m.keyUp(ev(SPACE, { altKey: true }))).toBe('release');
  });

  it('releases when a required modifier (either side) goes up first', () => {
    const m = altSpace();
    m.keyDown(ev(SPACE, { altKey: true }));
    expect(m.keyUp(ev(ALT_RIGHT))).toBe('release');
    expect(m.keyUp(ev(SPACE))).toBeNull();
  });

  it('needs exactly the required modifiers', () => {
    const m = altSpace();
    expect(m.keyDown(ev(SPACE))).toBeNull();
    expect(m.keyDown(ev(SPACE, { altKey: true, ctrlKey: true }))).toBeNull();
    expect(m.keyDown(ev(30, { altKey: true }))).toBeNull();
    expect(m.pressed).toBe(false);
  });

  it('ignores other keys going up while held', () => {
    const m = altSpace();
    m.keyDown(ev(SPACE, { altKey: true }));
    expect(m.keyUp(ev(30, { altKey: true }))).toBeNull();
    expect(m.pressed).toBe(true);
  });
});
