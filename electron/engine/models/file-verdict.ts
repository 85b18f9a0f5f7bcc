import { rm } from 'node:fs/promises';
import type { ModelVerification } from '../../contract';
import { ModelError } from './errors';
import type { ServerClaim } from './server-integrity';
import { describeMismatch, gitBlobSha1, type VerifierResult } from './verify';

/**
 * How far a downloaded file can be trusted, in order: a checksum the publisher lists decides alone (a mismatch fails
 * even when the server agrees with itself, and a match stands whatever the server says); without one, the server's own
 * metadata must match the bytes; without that, the size is all that was checked.
 */

export interface DownloadedFile {
  url: string;
  partPath: string;
  /** Whether the catalog lists a checksum for the file. */
  published: boolean;
  hashes: VerifierResult;
  claim: ServerClaim | null;
  /** Part of the file was kept from an earlier attempt: a mismatch may be a stale prefix, so one fresh try is allowed. */
  resumed: boolean;
}

export async function verdictOn(file: DownloadedFile): Promise<ModelVerification> {
  if (file.hashes.mismatches.length > 0) {
    await rm(file.partPath, { force: true });
    throw new ModelError(
      'models.checksum',
      `The downloaded file ${file.url} does not match the published checksum: ${file.hashes.mismatches.map(describeMismatch).join('; ')}. It was deleted.`,
      'Try again; if it fails again, the server or mirror serves a different file: clear the mirror or import a file you trust.',
      file.resumed,
    );
  }
  if (file.published) return 'published';
  if (file.claim === null) return 'size-only';
  const actual = file.claim.algorithm === 'sha256' ? file.hashes.sha256 : await gitBlobSha1(file.partPath);
  if (actual === file.claim.value) return 'server';
  await rm(file.partPath, { force: true });
  throw new ModelError(
    'models.server_checksum',
    `The downloaded file ${file.url} does not match what the server itself says it is: its ${describeClaim(file.claim)} is ${file.claim.value}, the bytes give ${actual}. It was deleted.`,
    'Try again; if it fails again, the server, a proxy or the mirror hands out a damaged file: clear the mirror in Settings or import a file you trust.',
    file.resumed,
  );
}

const describeClaim = (claim: ServerClaim): string =>
  claim.algorithm === 'sha256' ? `SHA-256 (${claim.header} header)` : `git blob SHA-1 (${claim.header} header)`;
