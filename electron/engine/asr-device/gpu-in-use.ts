import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const Marker = z.object({ key: z.string(), device: z.string() });
export type GpuInUse = z.infer<typeof Marker>;

/**
 * A file that exists while a speech model is on a GPU in this process, removed when the app ends cleanly or the model
 * leaves the GPU. Found at start-up, it means the last run died on the GPU (a driver crash mid-transcription takes the
 * whole process down): that GPU is not used again until asked, so a crashing driver cannot crash every launch.
 * Written synchronously: the process may die right after.
 */
export class GpuInUseMarker {
  constructor(private readonly file: string) {}

  /** What the last run left behind (null after a clean end), read once at start-up. */
  leftBehind(): GpuInUse | null {
    try {
      return Marker.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return null;
    }
  }

  set(marker: GpuInUse): void {
    try {
      writeFileSync(this.file, JSON.stringify(marker));
    } catch {
      // Without the marker a crash is only not remembered; the GPU still works.
    }
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
