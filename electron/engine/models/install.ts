import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogFile, CatalogModel } from './catalog';
import { markerFor, writeMarker, type CheckedFile, type InstalledMarker } from './marker';
import { pinFileIn } from './pins';

export interface Installation {
  model: CatalogModel;
  staging: string;
  target: string;
  files: readonly CheckedFile[];
  via: InstalledMarker['via'];
  commit: string | null;
  /** The name a verified file has in the staging folder. */
  stagedName: (file: CatalogFile) => string;
}

/** Moves verified files to their final names, writes the marker, and renames the folder into place in one step. */
export async function installModel(i: Installation): Promise<void> {
  for (const file of i.model.files) {
    const staged = join(i.staging, i.stagedName(file));
    const final = join(i.staging, file.path);
    if (staged !== final) await rename(staged, final);
  }
  // The marker carries the pin from now on.
  await rm(pinFileIn(i.staging), { force: true });
  const marker = await markerFor(i.staging, { id: i.model.id, installedAt: new Date().toISOString(), via: i.via, commit: i.commit }, i.files);
  await writeMarker(i.staging, marker);
  await rm(i.target, { recursive: true, force: true });
  await rename(i.staging, i.target);
}
