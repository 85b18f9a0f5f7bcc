import { open, rm, stat, truncate } from 'node:fs/promises';
import type { ModelVerification } from '../../contract';
import { findEgressError } from '../egress/errors';
import type { Checksum } from './catalog';
import { ModelError, cancelledError } from './errors';
import { verdictOn } from './file-verdict';
import { headOf, serverIntegrity, type ResponseHead, type ServerClaim } from './server-integrity';
import { StreamVerifier, feedFilePrefix } from './verify';

/** One attempt at one file. p-retry calls it again after a retryable failure; it resumes from the .part file. */
export interface FileAttempt {
  /** A fetch for this attempt; it reports every hop's response head (redirects too) when it can. */
  openFetch: (onResponseHead: (head: ResponseHead) => void) => typeof fetch;
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
  /** The commit the server resolved the file at (null: not said), before any byte is written; rejects to refuse it. */
  onServerCommit: (commit: string | null) => Promise<void>;
}

export interface FileResult {
  size: number;
  sha256: string;
  verification: ModelVerification;
}

const sizeOf = async (file: string): Promise<number> => {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
};

/**
 * Downloads (the rest of) one file into `partPath`, hashing while it writes, resuming with a Range request when the
 * part file already holds a prefix (whose bytes are hashed first). Resolves once the file is complete, of the expected
 * size, and trusted as far as file-verdict.ts allows.
 */
export async function downloadFileAttempt(a: FileAttempt): Promise<FileResult> {
  if (a.signal.aborted) throw cancelledError(a.modelId);
  const existing = await startingPoint(a);
  const verifier = new StreamVerifier(a.checksums);
  await feedFilePrefix(a.partPath, existing, verifier, a.signal).catch((error: unknown) => {
    if (a.signal.aborted) throw cancelledError(a.modelId);
    throw error;
  });

  let fetched: Fetched = { received: existing, total: a.expectedSize, claim: null };
  if (a.expectedSize === null || existing < a.expectedSize) fetched = await fetchInto(a, existing, verifier);
  a.onBytes(fetched.received, fetched.total);
  await checkSize(a, fetched);
  const hashes = verifier.finish();
  const verification = await verdictOn({ url: a.url, partPath: a.partPath, published: verifier.verifiable, hashes, claim: fetched.claim, resumed: existing > 0 });
  return { size: fetched.received, sha256: hashes.sha256, verification };
}

/** Bytes of the part file to keep. */
async function startingPoint(a: FileAttempt): Promise<number> {
  const existing = await sizeOf(a.partPath);
  if (a.expectedSize === null || existing < a.expectedSize) return existing;
  // Longer than listed: not this file. Complete, with no published checksum: fetch it again, since only the server's
  // answer says what the server vouches for.
  if (existing > a.expectedSize || a.checksums.length === 0) {
    await truncate(a.partPath, 0);
    return 0;
  }
  return existing;
}

async function checkSize(a: FileAttempt, { received, total }: Fetched): Promise<void> {
  if (total === null || received === total) return;
  if (received < total) {
    throw new ModelError('models.network', `The connection closed after ${received} of ${total} bytes of ${a.url}.`, 'Try again; the download resumes where it stopped.', true);
  }
  await rm(a.partPath, { force: true });
  throw new ModelError('models.size', `${a.url} sent ${received} bytes, but the catalog lists ${total}.`, 'The file on the server changed or the mirror serves another file: use the publisher (clear the mirror) or import a file you checked.');
}

interface Fetched {
  received: number;
  total: number | null;
  claim: ServerClaim | null;
}

async function fetchInto(a: FileAttempt, existing: number, verifier: StreamVerifier): Promise<Fetched> {
  const attempt = new AttemptControl(a);
  try {
    const heads: ResponseHead[] = [];
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (existing > 0) headers.range = `bytes=${existing}-`;
    const response = await a.openFetch((head) => heads.push(head))(a.url, { headers, signal: attempt.signal, redirect: 'follow' });
    const integrity = await checkAnswer(a, response, heads);
    const place = await placeOf(a, response, existing, verifier);
    const received = await streamToPart(a, response, place, verifier, attempt.arm);
    return { received, total: place.total, claim: integrity.claim };
  } catch (error) {
    const typed = attempt.failure(error);
    if (typed.code === 'models.disk_full') await rm(a.partPath, { force: true });
    throw typed;
  } finally {
    attempt.done();
  }
}

const notFound = (modelId: string, url: string, status: number): ModelError =>
  new ModelError(
    'models.not_found',
    `The server has no file at ${url} (HTTP ${status}) for model ${modelId}.`,
    'Check the model mirror in Settings (or clear it to use the publisher), or download the file yourself and use "Import a model file".',
  );

/** The status, then the server's own word on the file (from every hop when the fetch reported them, else the answer). */
async function checkAnswer(a: FileAttempt, response: Response, heads: readonly ResponseHead[]) {
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
  const integrity = serverIntegrity(a.url, heads.length > 0 ? heads : [headOf(response)]);
  await a.onServerCommit(integrity.commit).catch(async (error: unknown) => {
    await response.body?.cancel();
    throw error;
  });
  return integrity;
}

/** Where the body goes in the part file, and the file's total size when known. */
async function placeOf(a: FileAttempt, response: Response, existing: number, verifier: StreamVerifier): Promise<{ offset: number; total: number | null }> {
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (!range || range.start !== existing) {
      await response.body?.cancel();
      await rm(a.partPath, { force: true });
      throw new ModelError('models.network', `${a.url} answered a different range than asked.`, 'Try again; the download restarts.', true);
    }
    return { offset: existing, total: a.expectedSize ?? range.total };
  }
  // 200: the server ignored Range (or there was nothing to resume): the body is the whole file.
  if (existing > 0) verifier.reset();
  const length = response.headers.get('content-length');
  return { offset: 0, total: a.expectedSize ?? (length !== null ? Number(length) : null) };
}

/** Parses "bytes 100-199/200" → start 100, total 200 (null when "*"). */
function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

async function streamToPart(a: FileAttempt, response: Response, place: { offset: number; total: number | null }, verifier: StreamVerifier, onChunk: () => void): Promise<number> {
  const handle = await open(a.partPath, place.offset > 0 ? 'a' : 'w');
  let received = place.offset;
  try {
    // Node's web streams are async iterable; the DOM typings do not say so.
    for await (const chunk of (response.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      onChunk();
      await handle.write(chunk);
      verifier.update(chunk);
      received += chunk.byteLength;
      a.onBytes(received, place.total);
    }
  } finally {
    await handle.close();
  }
  return received;
}

const isDiskFull = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};

/** One attempt's abort: the user's cancel and the idle timeout both end it, and its failure is named by what ended it. */
class AttemptControl {
  private readonly controller = new AbortController();
  private idle = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly a: FileAttempt) {
    a.signal.addEventListener('abort', this.onCancel, { once: true });
    this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private readonly onCancel = () => this.controller.abort(this.a.signal.reason);

  readonly arm = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.idle = true;
      this.controller.abort(new Error('idle timeout'));
    }, this.a.idleTimeoutMs);
  };

  done(): void {
    clearTimeout(this.timer);
    this.a.signal.removeEventListener('abort', this.onCancel);
  }

  failure(error: unknown): ModelError {
    const a = this.a;
    if (error instanceof ModelError) return error;
    if (a.signal.aborted) return cancelledError(a.modelId);
    if (isDiskFull(error)) {
      return new ModelError('models.disk_full', `The disk filled up while saving ${a.modelId}; the partial download was removed.`, 'Free up disk space, then download again.', false, { cause: error });
    }
    // The egress module refused the request (all-local mode, or a host the user did not allow): final, and its own
    // words say what to do.
    const refused = findEgressError(error);
    if (refused) return new ModelError('models.egress_refused', `${refused.message} (model ${a.modelId}, ${a.url})`, refused.action, false, { cause: error });
    if (this.idle) return new ModelError('models.network', `No data from ${a.url} for ${Math.round(a.idleTimeoutMs / 1000)} s.`, 'Check the network connection and try again; the download resumes.', true);
    const detail = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    return new ModelError('models.network', `The connection to ${new URL(a.url).host} failed: ${detail}.`, 'Check the network connection (or the mirror in Settings) and try again; the download resumes.', true, { cause: error });
  }
}
