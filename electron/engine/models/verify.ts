import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Checksum } from './catalog';

export interface ChecksumMismatch {
  algorithm: Checksum['algorithm'];
  expected: string;
  actual: string;
}

export interface VerifierResult {
  /** Listed checksums the bytes do not match; empty when all match (or none is listed). */
  mismatches: ChecksumMismatch[];
  /** Always computed: the installed marker records it, and every load compares against it. */
  sha256: string;
}

/** Hashes bytes as they stream past, with every algorithm the catalog lists for the file, and SHA-256 always. */
export class StreamVerifier {
  private listed: { checksum: Checksum; hash: Hash }[] = [];
  private own: Hash = createHash('sha256');

  constructor(private readonly checksums: readonly Checksum[]) {
    this.reset();
  }

  update(chunk: Uint8Array): void {
    this.own.update(chunk);
    for (const { hash } of this.listed) hash.update(chunk);
  }

  /** Starts over (the server sent the whole file instead of the requested range). */
  reset(): void {
    this.own = createHash('sha256');
    this.listed = this.checksums.map((checksum) => ({ checksum, hash: createHash(checksum.algorithm) }));
  }

  /** Finishes the hashes (once). */
  finish(): VerifierResult {
    const mismatches = this.listed
      .map(({ checksum, hash }) => ({ algorithm: checksum.algorithm, expected: checksum.value, actual: hash.digest('hex') }))
      .filter((m) => m.actual !== m.expected);
    return { mismatches, sha256: this.own.digest('hex') };
  }

  get verifiable(): boolean {
    return this.checksums.length > 0;
  }
}

/** Feeds the first `length` bytes of a file into the verifier (the prefix kept from an earlier attempt). */
export async function feedFilePrefix(file: string, length: number, verifier: StreamVerifier, signal?: AbortSignal): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(file, { start: 0, end: length - 1, highWaterMark: 1 << 20, signal });
  for await (const chunk of stream) verifier.update(chunk as Buffer);
}

/** Hashes a whole file: its SHA-256, and how it compares with the listed checksums. */
export async function hashFile(file: string, checksums: readonly Checksum[] = []): Promise<VerifierResult> {
  const verifier = new StreamVerifier(checksums);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) verifier.update(chunk as Buffer);
  return verifier.finish();
}

/** Git's object id of a file ("blob <size>\0" + bytes): what Hugging Face sends as the ETag of a file not in LFS. */
export async function gitBlobSha1(file: string): Promise<string> {
  const hash = createHash('sha1').update(`blob ${(await stat(file)).size}\0`);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const describeMismatch = (m: ChecksumMismatch): string => `${m.algorithm} ${m.actual} (expected ${m.expected})`;
