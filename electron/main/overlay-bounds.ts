// Where the overlay window goes, as pure functions (no 'electron'): a saved place per display, kept inside the
// display's work area, or a default strip at the bottom centre.
import { z } from 'zod';

export const Rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export type Rect = z.infer<typeof Rect>;

/** The part of Electron's Display this needs. */
export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/** The overlay's place on each display it was used on, keyed by displayKey. */
export const SavedBounds = z.record(z.string(), Rect);
export type SavedBounds = z.infer<typeof SavedBounds>;

export const OVERLAY_MIN = { width: 240, height: 80 } as const;

/** A display's id alone is not enough: the same id at another resolution is another layout. */
export const displayKey = (display: DisplayLike): string => `${display.id}@${display.bounds.width}x${display.bounds.height}`;

/** A strip across the bottom centre, above the taskbar or dock, wide enough for two lines of captions. */
export function defaultBounds(area: Rect): Rect {
  const width = Math.max(OVERLAY_MIN.width, Math.min(960, Math.round(area.width * 0.7)));
  const height = Math.max(OVERLAY_MIN.height, Math.min(200, Math.round(area.height * 0.22)));
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + area.height - height - Math.round(area.height * 0.06), width, height };
}

/** The rectangle moved and shrunk just enough to lie inside the area (a display that got smaller, a dock that moved). */
export function fitInside(rect: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(rect.width, OVERLAY_MIN.width), area.width);
  const height = Math.min(Math.max(rect.height, OVERLAY_MIN.height), area.height);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/** Where to open on `display`: its saved place, or the default. */
export const boundsOn = (display: DisplayLike, saved: SavedBounds): Rect => {
  const place = saved[displayKey(display)];
  return place ? fitInside(place, display.workArea) : defaultBounds(display.workArea);
};
