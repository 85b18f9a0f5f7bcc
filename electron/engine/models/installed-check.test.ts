import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalog, type CatalogModel } from './catalog';
import { checkInstalled } from './installed-check';
import { markerFor, type InstalledMarker } from './marker';
import { hashFile } from './verify';

const BODY = randomBytes(4096);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

const model = (checksums: unknown[] = []): CatalogModel =>
  parseCatalog({
    version: 1,
    models: [{ id: 'm', kind: 'whisper', name: 'Test m', description: '', languages: ['en'], layout: 'file', homepage: 'https://example.org/', license: 'MIT', files: [{ path: 'm.bin', url: 'https://example.org/m.bin', size: BODY.length, sizeSource: 't', checksums, checksumMissing: checksums.length ? null : 'none' }] }],
  }).models[0]!;

let dir: string;
let hashes: number;
const countingHash: typeof hashFile = (file, checksums) => {
  hashes++;
  return hashFile(file, checksums);
};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-check-'));
  await writeFile(join(dir, 'm.bin'), BODY);
  hashes = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const installed = () => markerFor(dir, { id: 'm', installedAt: 'now', via: 'download', commit: null }, [{ path: 'm.bin', size: BODY.length, sha256: sha256(BODY), verification: 'server' }]);

describe('checkInstalled', () => {
  it('trusts unchanged stamps without reading the file, and hashes again only when they changed', async () => {
    const marker = await installed();
    expect(await checkInstalled(dir, marker, model(), countingHash)).toEqual({ marker, restamped: false });
    expect(hashes).toBe(0);
    await utimes(join(dir, 'm.bin'), new Date(), new Date(Date.now() + 5000));
    const after = await checkInstalled(dir, marker, model(), countingHash);
    expect(hashes).toBe(1);
    expect(after.restamped).toBe(true);
    // The new stamps make the next load cheap again.
    expect(await checkInstalled(dir, after.marker, model(), countingHash)).toMatchObject({ restamped: false });
    expect(hashes).toBe(1);
  });

  it('says which file is missing, resized or changed, and what to do', async () => {
    const marker = await installed();
    const changed = Buffer.from(BODY);
    changed[0] = changed[0]! ^ 1;
    await writeFile(join(dir, 'm.bin'), changed);
    await expect(checkInstalled(dir, marker, model())).rejects.toMatchObject({ code: 'models.damaged', message: expect.stringMatching(/m\.bin of Test m changed after it was installed/), action: expect.stringMatching(/Download Test m again/) });
    await writeFile(join(dir, 'm.bin'), BODY.subarray(1));
    await expect(checkInstalled(dir, marker, model())).rejects.toMatchObject({ message: expect.stringContaining(`has ${BODY.length - 1} bytes`) });
    await rm(join(dir, 'm.bin'));
    await expect(checkInstalled(dir, marker, model())).rejects.toMatchObject({ message: expect.stringContaining('is missing') });
  });

  it('upgrades a marker without SHA-256s: checked against the published checksum once, then recorded', async () => {
    const legacy: InstalledMarker = { version: 2, id: 'm', installedAt: 'then', via: 'download', commit: null, files: [{ path: 'm.bin', size: BODY.length, sha256: null, verification: 'published', mtimeMs: null, ctimeMs: null }] };
    const upgraded = await checkInstalled(dir, legacy, model([{ algorithm: 'sha1', value: sha1(BODY), source: 't' }]));
    expect(upgraded.marker.files[0]!.sha256).toBe(sha256(BODY));
    await expect(checkInstalled(dir, legacy, model([{ algorithm: 'sha1', value: sha1(randomBytes(4)), source: 't' }]))).rejects.toMatchObject({ code: 'models.damaged' });
  });
});
