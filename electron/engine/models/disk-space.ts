import { mkdir, statfs } from 'node:fs/promises';
import type { CatalogModel } from './catalog';
import { ModelError } from './errors';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;

/** Refuses before any byte is written when the model (plus a margin) does not fit in the models folder's disk. */
export async function ensureDiskSpace(modelsDir: string, model: CatalogModel, bytesNeeded: number, marginBytes: number): Promise<void> {
  await mkdir(modelsDir, { recursive: true });
  const fs = await statfs(modelsDir);
  const free = Number(fs.bavail) * Number(fs.bsize);
  const need = Math.max(0, bytesNeeded) + marginBytes;
  if (free < need) {
    throw new ModelError(
      'models.disk_space',
      `Not enough disk space for ${model.name}: it needs ${mb(need)} and ${mb(free)} is free in ${modelsDir}.`,
      'Free up disk space or choose a smaller model, then try again.',
    );
  }
}
