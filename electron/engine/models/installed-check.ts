import { join } from 'node:path';
import type { CatalogModel } from './catalog';
import { ModelError } from './errors';
import { stampsOf, type InstalledMarker, type MarkerFile } from './marker';
import { hashFile } from './verify';

/**
 * The check before every load: each file's size, mtime and ctime against the marker (cheap); a file whose stamps
 * changed is hashed again and must still have the SHA-256 recorded at install. A marker from before SHA-256s were
 * recorded is upgraded on first load: the file must match its published checksum when there is one.
 */

export interface LoadCheck {
  marker: InstalledMarker;
  /** Some file was hashed again and found intact: its new stamps should be written back. */
  restamped: boolean;
}

export async function checkInstalled(dir: string, marker: InstalledMarker, model: CatalogModel, hash = hashFile): Promise<LoadCheck> {
  let restamped = false;
  const files: MarkerFile[] = [];
  for (const file of marker.files) {
    const checked = await checkFile(dir, file, model, hash);
    restamped ||= checked !== file;
    files.push(checked);
  }
  return { marker: restamped ? { ...marker, files } : marker, restamped };
}

async function checkFile(dir: string, file: MarkerFile, model: CatalogModel, hash: typeof hashFile): Promise<MarkerFile> {
  const path = join(dir, file.path);
  const now = await stampsOf(path).catch(() => null);
  if (now === null) throw damagedError(model, file.path, 'is missing');
  if (now.size !== file.size) throw damagedError(model, file.path, `has ${now.size} bytes; it had ${file.size} when installed`);
  if (file.sha256 !== null && now.mtimeMs === file.mtimeMs && now.ctimeMs === file.ctimeMs) return file;

  const published = file.sha256 === null ? (model.files.find((f) => f.path === file.path)?.checksums ?? []) : [];
  const hashes = await hash(path, published);
  if (file.sha256 !== null && hashes.sha256 !== file.sha256) {
    throw damagedError(model, file.path, `changed after it was installed (SHA-256 ${hashes.sha256}, installed as ${file.sha256})`);
  }
  if (hashes.mismatches.length > 0) throw damagedError(model, file.path, 'does not match its published checksum');
  return { ...file, ...now, sha256: hashes.sha256 };
}

/** Stat only, for listings: a file gone or of another size is damaged for sure (a changed mtime waits for the load). */
export async function sizesChanged(dir: string, marker: InstalledMarker): Promise<boolean> {
  const sizes = await Promise.all(marker.files.map((f) => stampsOf(join(dir, f.path)).then((s) => s.size, () => -1)));
  return sizes.some((size, i) => size !== marker.files[i]!.size);
}

export const damagedError = (model: CatalogModel, path: string, detail: string): ModelError =>
  new ModelError(
    'models.damaged',
    `${path} of ${model.name} ${detail}. Sotto does not load a model whose files changed on disk.`,
    `Download ${model.name} again in Settings → Models (the same version is fetched), or import a copy you trust.`,
  );
