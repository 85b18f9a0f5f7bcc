import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Checksum } from './catalog';

export interface ChecksumMismatch {
  algorithm: Checksum['algorithm'];
  expected: string;
  actual: string;
}

/** Hashes bytes as they stream past, with every algorithm the catalog lists for the file. */
export class StreamVerifier {
  private hashes: { checksum: Checksum; hash: Hash }[];

  constructor(private readonly checksums: readonly Checksum[]) {
    this.hashes = checksums.map((checksum) => ({ checksum, hash: createHash(checksum.algorithm) }));
  }

  update(chunk: Uint8Array): void {
    for (const { hash } of this.hashes) hash.update(chunk);
  }

  /** Starts over (the server sent the whole file instead of the requested range). */
  reset(): void {
    this.hashes = this.checksums.map((checksum) => ({ checksum, hash: createHash(checksum.algorithm) }));
  }

  /** Finishes the hashes; empty when everything matches (or nothing was listed). */
  mismatches(): ChecksumMismatch[] {
    return this.hashes
      .map(({ checksum, hash }) => ({ algorithm: checksum.algorithm, expected: checksum.value, actual: hash.digest('hex') }))
      .filter((m) => m.actual !== m.expected);
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

export const describeMismatch = (m: ChecksumMismatch): string => `${m.algorithm} ${m.actual} (expected ${m.expected})`;
