import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type TestFileServer } from '../../../test-support/servers/file-server';
import { normalizeEtag, serverIntegrity, type ResponseHead } from './server-integrity';
import { gitBlobSha1 } from './verify';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const COMMIT = 'a'.repeat(40);

/** One hop, no redirect followed: what the server really sends. */
const head = (url: string): Promise<ResponseHead & { body: string }> =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.length > 2000 ? '' : d.toString()));
      res.on('end', () => resolve({ url, status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });

let server: TestFileServer;
const WEIGHTS = randomBytes(4096);
const CONFIG = Buffer.from('{"model_type":"marian"}\n');
beforeAll(async () => {
  server = await startFileServer();
  server.hub('org/direct').commit(COMMIT, [
    { path: 'onnx/model.onnx', body: WEIGHTS, lfs: true },
    { path: 'config.json', body: CONFIG },
  ]);
  server.hub('org/cached', { smallFiles: 'resolve-cache' }).commit(COMMIT, [{ path: 'config.json', body: CONFIG }]);
});
afterAll(() => server.close());

// The test server imitates huggingface.co as huggingface_hub (get_hf_file_metadata) and huggingface.js read it.
describe('the test file server answers like huggingface.co', () => {
  it('an LFS file: 302 to a CDN origin with X-Repo-Commit, quoted X-Linked-Etag = SHA-256, X-Linked-Size, no ETag', async () => {
    const hop = await head(`${server.origin}/org/direct/resolve/main/onnx/model.onnx`);
    expect(hop.status).toBe(302);
    expect(hop.headers).toMatchObject({ 'x-repo-commit': COMMIT, 'x-linked-etag': `"${sha256(WEIGHTS)}"`, 'x-linked-size': String(WEIGHTS.length) });
    expect(hop.headers).not.toHaveProperty('etag');
    const location = new URL(String(hop.headers.location));
    expect(location.origin).toBe(server.cdnOrigin);
    const cdn = await head(location.href);
    expect(cdn.status).toBe(200);
    // The CDN's ETag is 64 hex digits too, but not the file's hash; it carries none of the hub's headers.
    expect(normalizeEtag(String(cdn.headers.etag))).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeEtag(String(cdn.headers.etag))).not.toBe(sha256(WEIGHTS));
    expect(cdn.headers).not.toHaveProperty('x-repo-commit');
  });

  it('a small file: 200 with ETag = the quoted git blob SHA-1 (as `git hash-object` computes it) and X-Repo-Commit', async () => {
    const hop = await head(`${server.origin}/org/direct/resolve/main/config.json`);
    expect(hop.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'sotto-git-'));
    try {
      await writeFile(join(dir, 'config.json'), CONFIG);
      const git = execFileSync('git', ['hash-object', join(dir, 'config.json')], { encoding: 'utf8' }).trim();
      expect(hop.headers.etag).toBe(`"${git}"`);
      expect(await gitBlobSha1(join(dir, 'config.json'))).toBe(git);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(hop.headers['x-repo-commit']).toBe(COMMIT);
  });

  it('a small file, resolve-cache style: a relative 307 pinned to the commit, then the 200', async () => {
    const hop = await head(`${server.origin}/org/cached/resolve/main/config.json`);
    expect(hop.status).toBe(307);
    expect(String(hop.headers.location)).toMatch(new RegExp(`^/api/resolve-cache/models/org/cached/${COMMIT}/config.json\\?etag=`));
    const final = await head(`${server.origin}${String(hop.headers.location)}`);
    expect(final).toMatchObject({ status: 200, body: CONFIG.toString() });
    expect(final.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
  });

  it('an unknown file: 404 with X-Error-Code EntryNotFound', async () => {
    const hop = await head(`${server.origin}/org/direct/resolve/main/nope.json`);
    expect(hop).toMatchObject({ status: 404, headers: { 'x-error-code': 'EntryNotFound' } });
  });
});

describe('serverIntegrity', () => {
  const hub = 'https://huggingface.co/org/m/resolve/main/onnx/model.onnx';
  const redirect: ResponseHead = { url: hub, status: 302, headers: { 'x-repo-commit': COMMIT, 'x-linked-etag': `"${'b'.repeat(64)}"`, location: 'https://cas-bridge.xethub.hf.co/x' } };
  const cdn: ResponseHead = { url: 'https://cas-bridge.xethub.hf.co/x', status: 200, headers: { etag: `"${'c'.repeat(64)}"` } };

  it("takes the LFS SHA-256 and the commit from the redirect, never the CDN's ETag", () => {
    expect(serverIntegrity(hub, [redirect, cdn])).toEqual({ commit: COMMIT, claim: { algorithm: 'sha256', value: 'b'.repeat(64), header: 'X-Linked-Etag' } });
    expect(serverIntegrity(hub, [cdn])).toEqual({ commit: null, claim: null });
  });

  it('takes a git blob SHA-1 from the ETag of the answer that carried the bytes, weak or strong', () => {
    const small: ResponseHead = { url: hub, status: 200, headers: { etag: `W/"${'D'.repeat(40)}"`, 'x-repo-commit': COMMIT } };
    expect(serverIntegrity(hub, [small]).claim).toEqual({ algorithm: 'git-sha1', value: 'd'.repeat(40), header: 'ETag' });
    // A 404's or a redirect's ETag says nothing about the file.
    expect(serverIntegrity(hub, [{ ...small, status: 404 }]).claim).toBeNull();
  });

  it('reads a mirror the same way (its origin is the one asked), and ignores ETags that are no hash', () => {
    const mirror = 'http://proxy.lan/hf/org/m/resolve/main/config.json';
    expect(serverIntegrity(mirror, [{ url: mirror, status: 200, headers: { etag: '"5f3e-1a2b"' } }])).toEqual({ commit: null, claim: null });
    expect(serverIntegrity(mirror, [{ url: mirror, status: 200, headers: { etag: `"${'e'.repeat(32)}"` } }]).claim).toBeNull();
    expect(serverIntegrity(mirror, [{ url: mirror, status: 206, headers: { etag: `"${'f'.repeat(64)}"` } }]).claim).toMatchObject({ algorithm: 'sha256' });
  });

  it('ignores a commit that is no 40-hex id', () => {
    expect(serverIntegrity(hub, [{ ...redirect, headers: { 'x-repo-commit': 'main' } }]).commit).toBeNull();
  });
});
