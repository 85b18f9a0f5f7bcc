import { mkdir, open, readFile, readdir, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import pRetry, { AbortError } from 'p-retry';
import type { ModelDownloadProgress, ModelEntry } from '../../contract';
import { listedSize, mirrorUrl, type Catalog, type CatalogFile, type CatalogModel } from './catalog';
import { downloadFileAttempt } from './download-file';
import { ModelError, cancelledError, isModelError } from './errors';
import { ProgressReporter } from './progress';
import { StreamVerifier, describeMismatch } from './verify';

export interface ModelManagerOptions {
  catalog: Catalog;
  /** Installed models live in <modelsDir>/<id>/; downloads in progress in <modelsDir>/.partial/<id>/. */
  modelsDir: string;
  /**
   * The egress module's fetch for one download: every model request is counted and audited there.
   * allowInAllLocal carries the user's explicit yes to a download while all-local mode is on.
   */
  /** A fetch for one download: the consent it carries covers exactly `urls`, this model's own file URLs. */
  fetchFor: (context: { modelId: string; allowInAllLocal: boolean; urls: readonly string[] }) => typeof fetch;
  /** Read at each download, so a settings change applies to the next one. */
  settings: () => { allLocal: boolean; modelMirror: string };
  onProgress?: (event: ModelDownloadProgress) => void;
  /** Retries per file for transient network errors (default 4). */
  retries?: number;
  /** Base delay between retries (default 1 s; tests use less). */
  retryDelayMs?: number;
  /** A connection silent this long is retried (default 30 s). */
  idleTimeoutMs?: number;
  /** Space kept free beyond the model itself (default 32 MiB). */
  diskMarginBytes?: number;
}

export interface DownloadOptions {
  /** The user's explicit yes to a download while all-local mode is on. */
  allowInAllLocal?: boolean;
  signal?: AbortSignal;
}

/** Written last into an installed model's folder; its presence is what "installed" means. */
const MARKER = '.sotto-model.json';
interface InstalledMarker {
  id: string;
  installedAt: string;
  via: 'download' | 'import';
  files: { path: string; size: number; verified: boolean }[];
}

const exists = async (path: string): Promise<boolean> => {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
};

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;

/**
 * Downloads, verifies, installs, imports, lists and deletes the models of the catalog.
 * A model is installed only after every one of its files arrived whole and matched its
 * published size and checksums; then its staging folder is renamed into place in one step.
 */
export class ModelManager {
  private readonly active = new Map<string, AbortController>();
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly idleTimeoutMs: number;
  private readonly diskMarginBytes: number;

  constructor(private readonly options: ModelManagerOptions) {
    this.retries = options.retries ?? 4;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.diskMarginBytes = options.diskMarginBytes ?? 32 * 1024 * 1024;
  }

  get modelsDir(): string {
    return this.options.modelsDir;
  }

  model(id: string): CatalogModel {
    const model = this.options.catalog.models.find((m) => m.id === id);
    if (!model) {
      throw new ModelError('models.unknown', `There is no model "${id}" in the catalog.`, 'Pick a model from the list in Settings.');
    }
    return model;
  }

  private installDir = (id: string) => join(this.options.modelsDir, id);
  private stagingDir = (id: string) => join(this.options.modelsDir, '.partial', id);

  async isInstalled(id: string): Promise<boolean> {
    return exists(join(this.installDir(id), MARKER));
  }

  /** The ggml file of a whisper model, or the folder of a translation model; null when not installed. */
  async installedPath(id: string): Promise<string | null> {
    const model = this.model(id);
    if (!(await this.isInstalled(id))) return null;
    return model.layout === 'file' ? join(this.installDir(id), model.files[0]!.path) : this.installDir(id);
  }

  async list(): Promise<ModelEntry[]> {
    return Promise.all(
      this.options.catalog.models.map(async (m) => ({
        id: m.id,
        kind: m.kind,
        name: m.name,
        size: listedSize(m),
        languages: m.languages,
        installed: await this.isInstalled(m.id),
        recommended: m.recommended,
        description: m.description,
      })),
    );
  }

  isDownloading(id: string): boolean {
    return this.active.has(id);
  }

  /** Cancels a running download; what arrived stays in the .part files for the next attempt. */
  cancel(id: string): boolean {
    const controller = this.active.get(id);
    controller?.abort(cancelledError(id));
    return controller !== undefined;
  }

  async download(id: string, options: DownloadOptions = {}): Promise<void> {
    const model = this.model(id);
    const { allLocal, modelMirror } = this.options.settings();
    if (allLocal && !options.allowInAllLocal) {
      throw new ModelError(
        'models.all_local',
        `All-local mode is on, so Sotto does not connect anywhere, including to download ${model.name}.`,
        'Models are public files: downloading one sends only the file request, never your audio or text. Confirm the download to allow this one request, or import a model file you already have.',
      );
    }
    if (this.active.has(id)) {
      throw new ModelError('models.busy', `${model.name} is already downloading.`, 'Wait for it to finish, or cancel it first.');
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(cancelledError(id));
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.signal?.aborted) controller.abort(cancelledError(id));
    this.active.set(id, controller);

    const knownTotal = model.files.every((f) => f.size !== null) ? listedSize(model) : null;
    const progress = new ProgressReporter(id, knownTotal, (event) => this.options.onProgress?.(event));
    const staging = this.stagingDir(id);
    try {
      if (await this.isInstalled(id)) {
        progress.send('done', 'Already installed.');
        return;
      }
      progress.send('queued');
      await mkdir(staging, { recursive: true });
      const partOf = (file: CatalogFile) => join(staging, `${file.path}.part`);

      // Bytes already on disk from an earlier attempt count as done.
      const already = await Promise.all(model.files.map(async (f) => (await stat(partOf(f)).catch(() => null))?.size ?? 0));
      await this.ensureDiskSpace(model, listedSize(model) - already.reduce((a, b) => a + b, 0));

      const done = [...already];
      const results: InstalledMarker['files'] = [];
      const urls = model.files.map((f) => mirrorUrl(f.url, modelMirror));
      for (const [index, file] of model.files.entries()) {
        const url = urls[index]!;
        await mkdir(dirname(partOf(file)), { recursive: true });
        const result = await pRetry(
          async () => {
            try {
              return await downloadFileAttempt({
                fetch: this.options.fetchFor({ modelId: id, allowInAllLocal: options.allowInAllLocal === true, urls }),
                modelId: id,
                url,
                partPath: partOf(file),
                expectedSize: file.size,
                checksums: file.checksums,
                signal: controller.signal,
                idleTimeoutMs: this.idleTimeoutMs,
                onBytes: (bytes) => {
                  done[index] = bytes;
                  progress.bytesNow(done.reduce((a, b) => a + b, 0));
                },
              });
            } catch (error) {
              // Only transient network trouble is retried; everything else is final.
              if (isModelError(error) && !error.retryable) throw new AbortError(error);
              throw error;
            }
          },
          { retries: this.retries, minTimeout: this.retryDelayMs, maxTimeout: this.retryDelayMs * 8, signal: controller.signal },
        ).catch((error: unknown) => {
          if (controller.signal.aborted) throw cancelledError(id);
          throw error;
        });
        results.push({ path: file.path, size: result.size, verified: result.verified });
      }

      progress.send('verifying');
      await this.install(model, staging, results, 'download', (file) => `${file.path}.part`);
      const unverified = results.filter((r) => !r.verified);
      progress.send('done', unverified.length > 0 ? unverifiedNote(unverified.map((r) => r.path)) : null);
    } catch (error) {
      const typed = toModelError(error, id);
      if (typed.code === 'models.cancelled') progress.send('cancelled', typed.message);
      else progress.send('error', `${typed.message} ${typed.action}`);
      if (typed.code === 'models.disk_full') await rm(staging, { recursive: true, force: true });
      throw typed;
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.active.delete(id);
    }
  }

  /** Removes an installed model and any partial download of it. */
  async delete(id: string): Promise<ModelEntry[]> {
    this.model(id);
    if (this.cancel(id)) {
      // Let the cancelled download unwind before its folder disappears.
      while (this.active.has(id)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await rm(this.installDir(id), { recursive: true, force: true });
    await rm(this.stagingDir(id), { recursive: true, force: true });
    return this.list();
  }

  /**
   * Installs a model from a file (whisper) or a folder (translation) the user already has,
   * checked exactly like a download: same sizes, same checksums, all files or none.
   */
  async import(id: string, sourcePath: string): Promise<ModelEntry[]> {
    const model = this.model(id);
    if (this.active.has(id)) {
      throw new ModelError('models.busy', `${model.name} is downloading right now.`, 'Cancel the download first, then import.');
    }
    const source = await stat(sourcePath).catch(() => null);
    if (!source) {
      throw new ModelError('models.import_missing', `There is no file or folder at ${sourcePath}.`, 'Choose the model file you downloaded.');
    }
    if (model.layout === 'file' && !source.isFile()) {
      throw new ModelError('models.import_invalid', `${sourcePath} is a folder, but ${model.name} is one file (${model.files[0]!.path}).`, `Choose the file ${model.files[0]!.path}.`);
    }
    if (model.layout === 'folder' && !source.isDirectory()) {
      throw new ModelError('models.import_invalid', `${sourcePath} is a file, but ${model.name} is a folder of ${model.files.length} files.`, `Choose the folder that holds ${model.files.map((f) => f.path).join(', ')}.`);
    }
    const sourceOf = (file: CatalogFile) => (model.layout === 'file' ? sourcePath : join(sourcePath, file.path));
    for (const file of model.files) {
      if (!(await exists(sourceOf(file)))) {
        throw new ModelError('models.import_missing', `The folder ${sourcePath} has no ${file.path}, which ${model.name} needs.`, `Choose a folder with all of: ${model.files.map((f) => f.path).join(', ')}.`);
      }
    }
    await this.ensureDiskSpace(model, listedSize(model));

    const staging = join(this.options.modelsDir, '.partial', `${id}.import`);
    await rm(staging, { recursive: true, force: true });
    try {
      const results: InstalledMarker['files'] = [];
      for (const file of model.files) {
        results.push(await copyVerified(sourceOf(file), join(staging, file.path), file, model));
      }
      await this.install(model, staging, results, 'import', (file) => file.path);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw toModelError(error, id);
    }
    return this.list();
  }

  /** Moves verified files into their final names, writes the marker, and renames the folder into place. */
  private async install(model: CatalogModel, staging: string, files: InstalledMarker['files'], via: InstalledMarker['via'], stagedName: (file: CatalogFile) => string): Promise<void> {
    for (const file of model.files) {
      const staged = join(staging, stagedName(file));
      const final = join(staging, file.path);
      if (staged !== final) await rename(staged, final);
    }
    const marker: InstalledMarker = { id: model.id, installedAt: new Date().toISOString(), via, files };
    await writeFile(join(staging, MARKER), JSON.stringify(marker, null, 2));
    const target = this.installDir(model.id);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  }

  private async ensureDiskSpace(model: CatalogModel, bytesNeeded: number): Promise<void> {
    await mkdir(this.options.modelsDir, { recursive: true });
    const fs = await statfs(this.options.modelsDir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    const need = Math.max(0, bytesNeeded) + this.diskMarginBytes;
    if (free < need) {
      throw new ModelError(
        'models.disk_space',
        `Not enough disk space for ${model.name}: it needs ${mb(need)} and ${mb(free)} is free in ${this.options.modelsDir}.`,
        'Free up disk space or choose a smaller model, then try again.',
      );
    }
  }

  /** Reads the marker of an installed model (for the UI's "verified" note). */
  async installedInfo(id: string): Promise<InstalledMarker | null> {
    try {
      return JSON.parse(await readFile(join(this.installDir(id), MARKER), 'utf8')) as InstalledMarker;
    } catch {
      return null;
    }
  }

  /** Ids of installed models found on disk, catalogued or not. */
  async installedIds(): Promise<string[]> {
    const names = await readdir(this.options.modelsDir).catch(() => [] as string[]);
    const flags = await Promise.all(names.map(async (n) => !n.startsWith('.') && (await exists(join(this.options.modelsDir, n, MARKER)))));
    return names.filter((_, i) => flags[i]);
  }
}

const unverifiedNote = (paths: string[]): string =>
  `Installed. The publisher lists no checksum for ${paths.join(', ')}: ${paths.length === 1 ? 'it was' : 'they were'} checked by size only (or not at all when no size is listed).`;

function toModelError(error: unknown, id: string): ModelError {
  if (isModelError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ModelError('models.disk_full', `The disk filled up while installing ${id}; nothing was installed.`, 'Free up disk space, then try again.', false, { cause: error });
  }
  return new ModelError('models.write', `Installing ${id} failed: ${(error as Error).message}.`, 'Check that the models folder is writable and has space, then try again.', false, { cause: error });
}

/** Copies one file while hashing it; a wrong size or checksum leaves nothing behind. */
async function copyVerified(from: string, to: string, file: CatalogFile, model: CatalogModel): Promise<InstalledMarker['files'][number]> {
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
  const mismatches = verifier.mismatches();
  if (mismatches.length > 0) {
    throw new ModelError('models.import_invalid', `${from} is not the published ${file.path} of ${model.name}: ${mismatches.map(describeMismatch).join('; ')}.`, 'Download the file again from the publisher, or pick the right model in the list.');
  }
  return { path: file.path, size, verified: verifier.verifiable };
}
