import { open, rm, stat, truncate } from 'node:fs/promises';
import { findEgressError } from '../egress/errors';
import type { Checksum } from './catalog';
import { ModelError, cancelledError } from './errors';
import { StreamVerifier, describeMismatch, feedFilePrefix } from './verify';

/** One attempt at one file. p-retry calls it again after a retryable failure; it resumes from the .part file. */
export interface FileAttempt {
  fetch: typeof fetch;
  /** Model id, for messages. */
  modelId: string;
  url: string;
  /** Where the bytes go until the whole model is verified. */
  partPath: string;
  expectedSize: number | null;
  checksums: readonly Checksum[];
  /** The user's cancel. */
  signal: AbortSignal;
  /** No byte for this long → the connection is considered dead (retryable). */
  idleTimeoutMs: number;
  /** Bytes now in the part file, and the file's total when known. */
  onBytes: (bytesInFile: number, fileTotal: number | null) => void;
}

const sizeOf = async (file: string): Promise<number> => {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
};

const notFound = (modelId: string, url: string, status: number): ModelError =>
  new ModelError(
    'models.not_found',
    `The server has no file at ${url} (HTTP ${status}) for model ${modelId}.`,
    'Check the model mirror in Settings (or clear it to use the publisher), or download the file yourself and use "Import a model file".',
  );

const isDiskFull = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};

/** Parses "bytes 100-199/200" → start 100, total 200 (null when "*"). */
function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

/**
 * Downloads (the rest of) one file into `partPath`, hashing while it writes, resuming with a Range
 * request when the part file already holds a prefix (whose bytes are hashed first).
 * Resolves once the file is complete, of the expected size, and every listed checksum matches.
 */
export async function downloadFileAttempt(a: FileAttempt): Promise<{ size: number; verified: boolean }> {
  if (a.signal.aborted) throw cancelledError(a.modelId);
  let existing = await sizeOf(a.partPath);
  if (a.expectedSize !== null && existing > a.expectedSize) {
    await truncate(a.partPath, 0);
    existing = 0;
  }
  const resumedFromEarlier = existing > 0;
  const verifier = new StreamVerifier(a.checksums);
  await feedFilePrefix(a.partPath, existing, verifier, a.signal).catch((error: unknown) => {
    if (a.signal.aborted) throw cancelledError(a.modelId);
    throw error;
  });

  let received = existing;
  let total = a.expectedSize;
  if (a.expectedSize === null || existing < a.expectedSize) {
    ({ received, total } = await fetchInto(a, existing, verifier));
  }
  a.onBytes(received, total);

  if (total !== null && received !== total) {
    if (received < total) {
      throw new ModelError('models.network', `The connection closed after ${received} of ${total} bytes of ${a.url}.`, 'Try again; the download resumes where it stopped.', true);
    }
    await rm(a.partPath, { force: true });
    throw new ModelError('models.size', `${a.url} sent ${received} bytes, but the catalog lists ${total}.`, 'The file on the server changed or the mirror serves another file: use the publisher (clear the mirror) or import a file you checked.');
  }
  const mismatches = verifier.mismatches();
  if (mismatches.length > 0) {
    await rm(a.partPath, { force: true });
    // A prefix kept from an earlier session may be stale: start once more from nothing before giving up.
    throw new ModelError(
      'models.checksum',
      `The downloaded file ${a.url} does not match the published checksum: ${mismatches.map(describeMismatch).join('; ')}. It was deleted.`,
      'Try again; if it fails again, the server or mirror serves a different file: clear the mirror or import a file you trust.',
      resumedFromEarlier,
    );
  }
  return { size: received, verified: verifier.verifiable };
}

async function fetchInto(a: FileAttempt, existing: number, verifier: StreamVerifier): Promise<{ received: number; total: number | null }> {
  // One controller per attempt: the user's cancel and the idle timeout both end it.
  const attempt = new AbortController();
  let idle = false;
  const onCancel = () => attempt.abort(a.signal.reason);
  a.signal.addEventListener('abort', onCancel, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const armIdleTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      attempt.abort(new Error('idle timeout'));
    }, a.idleTimeoutMs);
  };
  const failure = (error: unknown): ModelError => {
    if (error instanceof ModelError) return error;
    if (a.signal.aborted) return cancelledError(a.modelId);
    if (isDiskFull(error)) {
      return new ModelError('models.disk_full', `The disk filled up while saving ${a.modelId}; the partial download was removed.`, 'Free up disk space, then download again.', false, { cause: error });
    }
    // The egress module refused the request (all-local mode, or a host the user did not allow):
    // final, and its own words say what to do.
    const refused = findEgressError(error);
    if (refused) return new ModelError('models.egress_refused', `${refused.message} (model ${a.modelId}, ${a.url})`, refused.action, false, { cause: error });
    if (idle) return new ModelError('models.network', `No data from ${a.url} for ${Math.round(a.idleTimeoutMs / 1000)} s.`, 'Check the network connection and try again; the download resumes.', true);
    const detail = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    return new ModelError('models.network', `The connection to ${new URL(a.url).host} failed: ${detail}.`, 'Check the network connection (or the mirror in Settings) and try again; the download resumes.', true, { cause: error });
  };

  armIdleTimer();
  try {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (existing > 0) headers.range = `bytes=${existing}-`;
    const response = await a.fetch(a.url, { headers, signal: attempt.signal, redirect: 'follow' });

    if (response.status === 404 || response.status === 410) throw notFound(a.modelId, a.url, response.status);
    if (response.status === 416) {
      // Our prefix is not a prefix of the remote file (it changed or is shorter): start over.
      await response.body?.cancel();
      await rm(a.partPath, { force: true });
      throw new ModelError('models.network', `${a.url} refused to resume (HTTP 416).`, 'Try again; the download restarts.', true);
    }
    if (!response.ok) {
      await response.body?.cancel();
      const transient = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new ModelError('models.http', `${a.url} answered HTTP ${response.status} ${response.statusText}.`, transient ? 'The server is busy or failing: try again later.' : 'Check the model mirror in Settings, or import the file by hand.', transient);
    }

    let offset = 0;
    let total = a.expectedSize;
    const length = response.headers.get('content-length');
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (!range || range.start !== existing) {
        await response.body?.cancel();
        await rm(a.partPath, { force: true });
        throw new ModelError('models.network', `${a.url} answered a different range than asked.`, 'Try again; the download restarts.', true);
      }
      offset = existing;
      total ??= range.total;
    } else {
      // 200: the server ignored Range (or there was nothing to resume): the body is the whole file.
      if (existing > 0) verifier.reset();
      total ??= length !== null ? Number(length) : null;
    }

    const handle = await open(a.partPath, offset > 0 ? 'a' : 'w');
    let received = offset;
    try {
      if (response.body) {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          armIdleTimer();
          await handle.write(chunk);
          verifier.update(chunk);
          received += chunk.byteLength;
          a.onBytes(received, total);
        }
      }
    } finally {
      await handle.close();
    }
    return { received, total };
  } catch (error) {
    const typed = failure(error);
    if (typed.code === 'models.disk_full') await rm(a.partPath, { force: true });
    throw typed;
  } finally {
    clearTimeout(timer);
    a.signal.removeEventListener('abort', onCancel);
  }
}
