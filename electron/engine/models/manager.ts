import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ModelDownloadProgress, ModelEntry } from '../../contract';
import { listedSize, type Catalog, type CatalogModel } from './catalog';
import { ensureDiskSpace } from './disk-space';
import { downloadModelFiles, type FetchFor } from './download-model';
import { ModelError, cancelledError, isModelError } from './errors';
import { copyVerified, importSources } from './import-model';
import { installModel } from './install';
import { checkInstalled, damagedError, sizesChanged } from './installed-check';
import { MARKER, readMarker, weakest, writeMarker, type CheckedFile, type InstalledMarker } from './marker';
import { ProgressReporter } from './progress';

export type { InstalledMarker } from './marker';

export interface ModelManagerOptions {
  catalog: Catalog;
  /** Installed models live in <modelsDir>/<id>/; downloads in progress in <modelsDir>/.partial/<id>/. */
  modelsDir: string;
  /**
   * A fetch for one download attempt, from the egress module: every model request is counted and audited there. The
   * consent it carries covers exactly `urls`; `onResponseHead` wants every hop's head (the server's integrity metadata
   * rides on the redirect).
   */
  fetchFor: FetchFor;
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

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Downloads, verifies, installs, imports, lists and deletes the models of the catalog, and checks an installed model
 * before each load. A model is installed only after every one of its files arrived whole and matched what is known of
 * it (published checksum, else the server's own metadata, else the size); then its staging folder is renamed into
 * place in one step.
 */
export class ModelManager {
  private readonly active = new Map<string, AbortController>();
  /** Models a load check found changed on disk, until they are downloaded or imported again. */
  private readonly damaged = new Set<string>();

  constructor(private readonly options: ModelManagerOptions) {}

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

  /**
   * The ggml file of a whisper model, or the folder of a translation model; null when not installed. Checked first: a
   * file changed since install throws models.damaged instead of being handed to a loader.
   */
  async installedPath(id: string): Promise<string | null> {
    const model = this.model(id);
    if (!(await this.verified(model))) return null;
    return model.layout === 'file' ? join(this.installDir(id), model.files[0]!.path) : this.installDir(id);
  }

  /**
   * The device lane's check before it loads a model folder: throws models.damaged for an installed catalog model whose
   * files changed. Folders the manager did not install (no marker, or not a catalog model) have nothing to check against.
   */
  async verifyFolder(folder: string): Promise<void> {
    if (resolve(dirname(folder)) !== resolve(this.options.modelsDir)) return;
    const model = this.options.catalog.models.find((m) => m.id === basename(folder));
    if (model) await this.verified(model);
  }

  /** The marker after the load check (restamped when a file was hashed again and found intact). */
  private async verified(model: CatalogModel): Promise<InstalledMarker | null> {
    const dir = this.installDir(model.id);
    try {
      const marker = await readMarker(dir).catch((error: unknown) => {
        throw damagedError(model, MARKER, `cannot be read (${(error as Error).message})`);
      });
      if (!marker) return null;
      const check = await checkInstalled(dir, marker, model);
      // A read-only models folder keeps the old stamps: the next load hashes again, nothing worse.
      if (check.restamped) await writeMarker(dir, check.marker).catch(() => undefined);
      this.damaged.delete(model.id);
      return check.marker;
    } catch (error) {
      if (isModelError(error) && error.code === 'models.damaged') this.damaged.add(model.id);
      throw error;
    }
  }

  async list(): Promise<ModelEntry[]> {
    return Promise.all(this.options.catalog.models.map((m) => this.entryFor(m)));
  }

  private async entryFor(m: CatalogModel): Promise<ModelEntry> {
    const marker = await readMarker(this.installDir(m.id)).catch(() => 'unreadable' as const);
    const entry = { id: m.id, kind: m.kind, name: m.name, size: listedSize(m), languages: m.languages, recommended: m.recommended, description: m.description };
    if (!marker) return { ...entry, installed: false, verification: null, damaged: false };
    if (marker === 'unreadable') return { ...entry, installed: true, verification: null, damaged: true };
    // Stat only: a changed mtime is hashed at the next load, not on every listing.
    const damaged = this.damaged.has(m.id) || (await sizesChanged(this.installDir(m.id), marker));
    const fileChecks = marker.files.map((f) => ({ path: f.path, verification: f.verification }));
    return { ...entry, installed: true, verification: weakest(marker.files), fileChecks, damaged };
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
    this.refuseToStart(model, allLocal && !options.allowInAllLocal);
    const { controller, release } = this.track(id, options.signal);
    const knownTotal = model.files.every((f) => f.size !== null) ? listedSize(model) : null;
    const progress = new ProgressReporter(id, knownTotal, (event) => this.options.onProgress?.(event));
    const staging = this.stagingDir(id);
    try {
      if (await this.intact(model)) return progress.send('done', 'Already installed.');
      progress.send('queued');
      const { files, commit } = await downloadModelFiles({
        model,
        staging,
        mirror: modelMirror,
        installedCommit: (await readMarker(this.installDir(id)).catch(() => null))?.commit ?? null,
        allowInAllLocal: options.allowInAllLocal === true,
        signal: controller.signal,
        fetchFor: this.options.fetchFor,
        progress,
        retries: this.options.retries ?? 4,
        retryDelayMs: this.options.retryDelayMs ?? 1000,
        idleTimeoutMs: this.options.idleTimeoutMs ?? 30_000,
        ensureDiskSpace: (bytes) => this.ensureDiskSpace(model, bytes),
      });
      progress.send('verifying');
      await this.install(model, staging, files, 'download', commit, (file) => `${file.path}.part`);
      progress.send('done', installedNote(files));
    } catch (error) {
      const typed = toModelError(error, id);
      if (typed.code === 'models.cancelled') progress.send('cancelled', typed.message);
      else progress.send('error', `${typed.message} ${typed.action}`);
      if (typed.code === 'models.disk_full') await rm(staging, { recursive: true, force: true });
      throw typed;
    } finally {
      release();
    }
  }

  private refuseToStart(model: CatalogModel, allLocalWithoutYes: boolean): void {
    if (allLocalWithoutYes) {
      throw new ModelError(
        'models.all_local',
        `All-local mode is on, so Sotto does not connect anywhere, including to download ${model.name}.`,
        'Models are public files: downloading one sends only the file request, never your audio or text. Confirm the download to allow this one request, or import a model file you already have.',
      );
    }
    if (this.active.has(model.id)) {
      throw new ModelError('models.busy', `${model.name} is already downloading.`, 'Wait for it to finish, or cancel it first.');
    }
  }

  /** Registers a running download, which the caller's signal cancels too; `release` ends both. */
  private track(id: string, outer: AbortSignal | undefined): { controller: AbortController; release: () => void } {
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(cancelledError(id));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    if (outer?.aborted) onOuterAbort();
    this.active.set(id, controller);
    const release = () => {
      outer?.removeEventListener('abort', onOuterAbort);
      this.active.delete(id);
    };
    return { controller, release };
  }

  /** Installed and unchanged; a damaged install is downloaded again (from the commit it came from). */
  private async intact(model: CatalogModel): Promise<boolean> {
    try {
      return (await this.verified(model)) !== null;
    } catch (error) {
      if (isModelError(error) && error.code === 'models.damaged') return false;
      throw error;
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
    this.damaged.delete(id);
    return this.list();
  }

  /**
   * Installs a model from a file (whisper) or a folder (translation) the user already has, checked like a download:
   * same sizes, same checksums, all files or none.
   */
  async import(id: string, sourcePath: string): Promise<ModelEntry[]> {
    const model = this.model(id);
    if (this.active.has(id)) {
      throw new ModelError('models.busy', `${model.name} is downloading right now.`, 'Cancel the download first, then import.');
    }
    const sourceOf = await importSources(model, sourcePath);
    await this.ensureDiskSpace(model, listedSize(model));
    const staging = join(this.options.modelsDir, '.partial', `${id}.import`);
    await rm(staging, { recursive: true, force: true });
    try {
      const files: CheckedFile[] = [];
      for (const file of model.files) files.push(await copyVerified(sourceOf(file), join(staging, file.path), file, model));
      await this.install(model, staging, files, 'import', null, (file) => file.path);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw toModelError(error, id);
    }
    return this.list();
  }

  private async install(model: CatalogModel, staging: string, files: CheckedFile[], via: InstalledMarker['via'], commit: string | null, stagedName: (file: CatalogModel['files'][number]) => string): Promise<void> {
    await installModel({ model, staging, target: this.installDir(model.id), files, via, commit, stagedName });
    this.damaged.delete(model.id);
  }

  private ensureDiskSpace(model: CatalogModel, bytesNeeded: number): Promise<void> {
    return ensureDiskSpace(this.options.modelsDir, model, bytesNeeded, this.options.diskMarginBytes ?? 32 * 1024 * 1024);
  }

  /** Reads the marker of an installed model: each file's SHA-256 and how it was checked, and the commit. */
  async installedInfo(id: string): Promise<InstalledMarker | null> {
    return readMarker(this.installDir(id)).catch(() => null);
  }

  /** Ids of installed models found on disk, catalogued or not. */
  async installedIds(): Promise<string[]> {
    const names = await readdir(this.options.modelsDir).catch(() => [] as string[]);
    const flags = await Promise.all(names.map(async (n) => !n.startsWith('.') && (await exists(join(this.options.modelsDir, n, MARKER)))));
    return names.filter((_, i) => flags[i]);
  }
}

/** What the done event says when some file had no published checksum to check against. */
function installedNote(files: readonly CheckedFile[]): string | null {
  const paths = (level: CheckedFile['verification']) => files.filter((f) => f.verification === level).map((f) => f.path);
  const server = paths('server');
  const sizeOnly = paths('size-only');
  const parts: string[] = [];
  if (server.length > 0) parts.push(`checked against the server's checksum (the publisher lists none): ${server.join(', ')}`);
  if (sizeOnly.length > 0) parts.push(`no checksum from the publisher or the server, checked by size only (or not at all when no size is listed): ${sizeOnly.join(', ')}`);
  return parts.length > 0 ? `Installed. ${parts.join('. ')}.` : null;
}

function toModelError(error: unknown, id: string): ModelError {
  if (isModelError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ModelError('models.disk_full', `The disk filled up while installing ${id}; nothing was installed.`, 'Free up disk space, then try again.', false, { cause: error });
  }
  return new ModelError('models.write', `Installing ${id} failed: ${(error as Error).message}.`, 'Check that the models folder is writable and has space, then try again.', false, { cause: error });
}
