import { randomUUID } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelVerification } from '../../contract';

/**
 * The installed marker: written last into a model's folder, its presence is what "installed" means. It records each
 * file's SHA-256 and how the file was checked at install, the commit the files came from, and each file's size, mtime
 * and ctime as last seen intact (the cheap check on every load; ctime too, since a copy can put an mtime back).
 */

export const MARKER = '.sotto-model.json';

export interface MarkerFile {
  path: string;
  size: number;
  /** null only in markers written before SHA-256s were recorded (then the first load hashes the file). */
  sha256: string | null;
  verification: ModelVerification;
  mtimeMs: number | null;
  ctimeMs: number | null;
}

export interface InstalledMarker {
  version: 2;
  id: string;
  installedAt: string;
  via: 'download' | 'import';
  /** The repository commit every file came from; null when the server did not say (plain mirrors, imports). */
  commit: string | null;
  files: MarkerFile[];
}

/** A file as checked at install, before its stamps are taken. */
export type CheckedFile = Pick<MarkerFile, 'path' | 'size' | 'sha256' | 'verification'>;

interface MarkerV1 {
  id: string;
  installedAt: string;
  via: 'download' | 'import';
  files: { path: string; size: number; verified: boolean }[];
}

/** null when there is no marker (not installed); throws when there is one that cannot be read or makes no sense. */
export async function readMarker(dir: string): Promise<InstalledMarker | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MARKER), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const json = JSON.parse(text) as InstalledMarker | MarkerV1;
  if (!Array.isArray(json?.files)) throw new Error(`${MARKER} lists no files`);
  if ('version' in json && json.version === 2) return json;
  const v1 = json as MarkerV1;
  const files = v1.files.map((f) => ({ path: f.path, size: f.size, sha256: null, verification: f.verified ? 'published' : 'size-only', mtimeMs: null, ctimeMs: null }) as const);
  return { version: 2, id: v1.id, installedAt: v1.installedAt, via: v1.via, commit: null, files };
}

/** Written to a temporary name and renamed, so a crash never leaves half a marker. */
export async function writeMarker(dir: string, marker: InstalledMarker): Promise<void> {
  // A name of its own per write: two loads may restamp at once.
  const temporary = join(dir, `${MARKER}.${process.pid}.${randomUUID()}.tmp`);
  await writeFile(temporary, JSON.stringify(marker, null, 2));
  await rename(temporary, join(dir, MARKER));
}

/** The file's stamps as they are now. */
export async function stampsOf(file: string): Promise<Pick<MarkerFile, 'size' | 'mtimeMs' | 'ctimeMs'>> {
  const s = await stat(file);
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
}

export async function markerFor(dir: string, base: Omit<InstalledMarker, 'version' | 'files'>, files: readonly CheckedFile[]): Promise<InstalledMarker> {
  const stamped = await Promise.all(files.map(async (f) => ({ ...f, ...(await stampsOf(join(dir, f.path))) })));
  return { version: 2, ...base, files: stamped };
}

const RANK: Record<ModelVerification, number> = { published: 2, server: 1, 'size-only': 0 };

/** A model is as trustworthy as its least checked file. */
export const weakest = (files: readonly Pick<MarkerFile, 'verification'>[]): ModelVerification | null =>
  files.reduce<ModelVerification | null>((low, f) => (low === null || RANK[f.verification] < RANK[low] ? f.verification : low), null);
