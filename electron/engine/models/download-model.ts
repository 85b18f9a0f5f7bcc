import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pRetry, { AbortError } from 'p-retry';
import { listedSize, mirrorUrl, type CatalogFile, type CatalogModel } from './catalog';
import { downloadFileAttempt, type FileResult } from './download-file';
import { cancelledError, isModelError } from './errors';
import type { CheckedFile } from './marker';
import { CommitPin, pinnedUrl, readStagedPin } from './pins';
import type { ProgressReporter } from './progress';
import type { ResponseHead } from './server-integrity';

/** A fetch for one download attempt: the consent it carries covers exactly `urls`, this model's own file URLs. */
export type FetchFor = (context: { modelId: string; allowInAllLocal: boolean; urls: readonly string[]; onResponseHead?: (head: ResponseHead) => void }) => typeof fetch;

export interface ModelDownload {
  model: CatalogModel;
  /** <modelsDir>/.partial/<id>/: .part files, and the commit pin once known. */
  staging: string;
  mirror: string;
  /** The commit of the install this download replaces (a damaged model), so it fetches the same version. */
  installedCommit: string | null;
  allowInAllLocal: boolean;
  signal: AbortSignal;
  fetchFor: FetchFor;
  progress: ProgressReporter;
  retries: number;
  retryDelayMs: number;
  idleTimeoutMs: number;
  /** Throws when this many more bytes do not fit. */
  ensureDiskSpace: (bytesNeeded: number) => Promise<void>;
}

const partOf = (d: ModelDownload, file: CatalogFile) => join(d.staging, `${file.path}.part`);

/**
 * Downloads every file of a model into its staging folder, one after the other, all from one commit: the first file's
 * X-Repo-Commit pins the URLs of the rest (then the mirror replaces the origin, keeping the pinned path).
 */
export async function downloadModelFiles(d: ModelDownload): Promise<{ files: CheckedFile[]; commit: string | null }> {
  await mkdir(d.staging, { recursive: true });
  const pin = new CommitPin((await readStagedPin(d.staging)) ?? d.installedCommit, d.staging, d.model.name);
  // Bytes already on disk from an earlier attempt count as done.
  const done = await Promise.all(d.model.files.map(async (f) => (await stat(partOf(d, f)).catch(() => null))?.size ?? 0));
  await d.ensureDiskSpace(listedSize(d.model) - done.reduce((a, b) => a + b, 0));

  const files: CheckedFile[] = [];
  for (const [index, file] of d.model.files.entries()) {
    await mkdir(dirname(partOf(d, file)), { recursive: true });
    const result = await fetchFile(d, pin, file, (bytes) => {
      done[index] = bytes;
      d.progress.bytesNow(done.reduce((a, b) => a + b, 0));
    });
    files.push({ path: file.path, size: result.size, sha256: result.sha256, verification: result.verification });
  }
  return { files, commit: pin.commit };
}

/** One file, retried (with Range) after transient network trouble only; URLs are pinned afresh on every attempt. */
function fetchFile(d: ModelDownload, pin: CommitPin, file: CatalogFile, onBytes: (bytes: number) => void): Promise<FileResult> {
  const urlOf = (f: CatalogFile) => mirrorUrl(pinnedUrl(f.url, pin.commit), d.mirror);
  const attempt = async () => {
    try {
      return await downloadFileAttempt({
        openFetch: (onResponseHead) => d.fetchFor({ modelId: d.model.id, allowInAllLocal: d.allowInAllLocal, urls: d.model.files.map(urlOf), onResponseHead }),
        modelId: d.model.id,
        url: urlOf(file),
        partPath: partOf(d, file),
        expectedSize: file.size,
        checksums: file.checksums,
        signal: d.signal,
        idleTimeoutMs: d.idleTimeoutMs,
        onBytes,
        // The publisher's form of the URL: it names the revision the catalog asked for.
        onServerCommit: (commit) => pin.learn(pinnedUrl(file.url, pin.commit), commit, file.path),
      });
    } catch (error) {
      // Only transient network trouble is retried; everything else is final.
      if (isModelError(error) && !error.retryable) throw new AbortError(error);
      throw error;
    }
  };
  return pRetry(attempt, { retries: d.retries, minTimeout: d.retryDelayMs, maxTimeout: d.retryDelayMs * 8, signal: d.signal }).catch((error: unknown) => {
    if (d.signal.aborted) throw cancelledError(d.model.id);
    throw error;
  });
}
