import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../engine/settings/atomic-write';
import { SavedBounds } from './overlay-bounds';

export const OVERLAY_BOUNDS_FILE = 'overlay-bounds.json';

/** The overlay's places per display, in the user-data folder. A missing or broken file is no places (not an error). */
export class OverlayBoundsFile {
  readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, OVERLAY_BOUNDS_FILE);
  }

  async load(): Promise<SavedBounds> {
    try {
      return SavedBounds.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return {};
    }
  }

  save(bounds: SavedBounds): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify(bounds, null, 2)}\n`);
  }
}
