import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogFile, CatalogModel } from './catalog';
import { ModelError } from './errors';
import type { CheckedFile } from './marker';
import { StreamVerifier, describeMismatch } from './verify';

/**
 * A model file (whisper) or folder (translation) the user already has, checked like a download: the published sizes
 * and checksums, all files or none. There is no server to vouch for it, so a file without a published checksum is
 * checked by size only.
 */

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Where each catalog file of the model is in what the user chose; throws when that does not fit the model. */
export async function importSources(model: CatalogModel, sourcePath: string): Promise<(file: CatalogFile) => string> {
  const source = await stat(sourcePath).catch(() => null);
  if (!source) {
    throw new ModelError('models.import_missing', `There is no file or folder at ${sourcePath}.`, 'Choose the model file you downloaded.');
  }
  const first = model.files[0]!.path;
  if (model.layout === 'file' && !source.isFile()) {
    throw new ModelError('models.import_invalid', `${sourcePath} is a folder, but ${model.name} is one file (${first}).`, `Choose the file ${first}.`);
  }
  const all = model.files.map((f) => f.path).join(', ');
  if (model.layout === 'folder' && !source.isDirectory()) {
    throw new ModelError('models.import_invalid', `${sourcePath} is a file, but ${model.name} is a folder of ${model.files.length} files.`, `Choose the folder that holds ${all}.`);
  }
  const sourceOf = (file: CatalogFile) => (model.layout === 'file' ? sourcePath : join(sourcePath, file.path));
  for (const file of model.files) {
    if (!(await exists(sourceOf(file)))) {
      throw new ModelError('models.import_missing', `The folder ${sourcePath} has no ${file.path}, which ${model.name} needs.`, `Choose a folder with all of: ${all}.`);
    }
  }
  return sourceOf;
}

/** Copies one file while hashing it; a wrong size or checksum leaves nothing behind (the caller drops the staging). */
export async function copyVerified(from: string, to: string, file: CatalogFile, model: CatalogModel): Promise<CheckedFile> {
  const size = (await stat(from)).size;
  if (file.size !== null && size !== file.size) {
    throw new ModelError('models.import_invalid', `${from} has ${size} bytes, but ${model.name}'s ${file.path} has ${file.size}.`, `Choose the original ${file.path} of ${model.name}; this is a different or incomplete file.`);
  }
  await mkdir(dirname(to), { recursive: true });
  const verifier = new StreamVerifier(file.checksums);
  const out = await open(to, 'w');
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
      verifier.update(chunk as Buffer);
      await out.write(chunk as Buffer);
    }
  } finally {
    await out.close();
  }
  const { mismatches, sha256 } = verifier.finish();
  if (mismatches.length > 0) {
    throw new ModelError('models.import_invalid', `${from} is not the published ${file.path} of ${model.name}: ${mismatches.map(describeMismatch).join('; ')}.`, 'Download the file again from the publisher, or pick the right model in the list.');
  }
  return { path: file.path, size, sha256, verification: verifier.verifiable ? 'published' : 'size-only' };
}
