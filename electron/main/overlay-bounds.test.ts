import { describe, expect, it } from 'vitest';
import { boundsOn, defaultBounds, displayKey, fitInside, OVERLAY_MIN } from './overlay-bounds';

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 850 } };

describe('overlay bounds', () => {
  it('defaults to a strip at the bottom centre of the work area', () => {
    const b = defaultBounds(laptop.workArea);
    expect(b.x + b.width / 2).toBeCloseTo(720, 0);
    expect(b.y + b.height).toBeLessThan(25 + 850);
    expect(b.y + b.height).toBeGreaterThan(25 + 850 * 0.8);
    expect(b.width).toBeLessThanOrEqual(960);
  });

  it('a saved place that no longer fits (smaller display, moved dock) is pulled inside, never below the minimum', () => {
    expect(fitInside({ x: 1400, y: 880, width: 500, height: 150 }, laptop.workArea)).toEqual({ x: 940, y: 725, width: 500, height: 150 });
    expect(fitInside({ x: 0, y: 0, width: 10, height: 10 }, laptop.workArea)).toMatchObject({ y: 25, ...OVERLAY_MIN });
  });

  it('each display has its own place, keyed by id and resolution', () => {
    const saved = { [displayKey(laptop)]: { x: 100, y: 100, width: 600, height: 160 } };
    expect(boundsOn(laptop, saved)).toEqual({ x: 100, y: 100, width: 600, height: 160 });
    const sameIdOtherMode = { ...laptop, bounds: { ...laptop.bounds, width: 1280 } };
    expect(boundsOn(sameIdOtherMode, saved)).toEqual(defaultBounds(laptop.workArea));
  });
});
