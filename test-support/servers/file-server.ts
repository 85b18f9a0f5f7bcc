import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server misbehaves for one path (tests only: a real HTTP server on 127.0.0.1). */
export interface Behaviour {
  body: Buffer;
  /** On the first N requests, send this many bytes of the body, then destroy the socket. */
  dropAfterBytes?: number;
  dropTimes?: number;
  /** Answer 200 with the whole body even when asked for a range. */
  ignoreRange?: boolean;
  /** Send this many bytes, then stall (socket open, nothing more) until the client gives up. */
  stallAfterBytes?: number;
  /** Leave out Content-Length (chunked), like some mirrors do. */
  noContentLength?: boolean;
}

export interface RecordedRequest {
  /** 'hub' for the main origin, 'cdn' for the storage origin LFS files redirect to. */
  origin: 'hub' | 'cdn';
  path: string;
  headers: IncomingHttpHeaders;
}

/** One file of a commit. LFS files redirect to the CDN, the others are served by the hub itself (as on Hugging Face). */
export interface HubFile {
  path: string;
  body: Buffer;
  lfs?: boolean;
  /** How the server that sends the bytes (the CDN for LFS files) misbehaves. */
  behaviour?: Omit<Behaviour, 'body'>;
}

export interface HubRepo {
  /** Adds a commit holding these files and points `main` at it. */
  commit(sha: string, files: HubFile[]): void;
  /** Moves a branch (as a push to the repository would). */
  setBranch(name: string, sha: string): void;
  /** From now on these bytes are sent for `path` in every commit, while the headers still describe the real file. */
  tamper(path: string, bytes: Buffer): void;
}

export interface HubOptions {
  /**
   * How files that are not in LFS are served: 'direct' = 200 from resolve with ETag and X-Repo-Commit; 'resolve-cache' =
   * a relative 307 to /api/resolve-cache/… first, as huggingface.co does for most repositories now.
   */
  smallFiles?: 'direct' | 'resolve-cache';
}

export interface TestFileServer {
  origin: string;
  /** A second origin, like Hugging Face's CDN hosts: LFS downloads end there. */
  cdnOrigin: string;
  requests: RecordedRequest[];
  set(path: string, behaviour: Behaviour): void;
  /** A Hugging Face-like repository under /<id>/resolve/<revision>/<file> (`id` may carry a mirror prefix: "hf/org/repo"). */
  hub(id: string, options?: HubOptions): HubRepo;
  /** Called after each response has been sent, with the request's path (tests move a branch between two files). */
  onServed: ((path: string) => void) | null;
  close(): Promise<void>;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
/** Git's object id of a file: what huggingface.co sends as the ETag of a file that is not in LFS. */
export const gitBlobSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

type Route = Behaviour & { served: number };
type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/**
 * Sends a body honouring `Range: bytes=N-` and the route's misbehaviour. `extra` headers go on the 200/206 (and 416).
 */
function sendBody(req: IncomingMessage, res: ServerResponse, route: Route, extra: Record<string, string>, stalled: Set<ServerResponse>): void {
  const attempt = route.served++;
  let start = 0;
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range && !route.ignoreRange) {
    start = Number(range[1]);
    if (start >= route.body.length) {
      res.writeHead(416, { ...extra, 'content-range': `bytes */${route.body.length}` }).end();
      return;
    }
  }
  const slice = route.body.subarray(start);
  const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', ...extra };
  if (!route.noContentLength) headers['content-length'] = slice.length;
  if (start > 0) headers['content-range'] = `bytes ${start}-${route.body.length - 1}/${route.body.length}`;
  res.writeHead(start > 0 ? 206 : 200, headers);

  if (route.dropAfterBytes !== undefined && attempt < (route.dropTimes ?? 1)) {
    res.write(slice.subarray(0, route.dropAfterBytes), () => res.socket?.destroy());
    return;
  }
  if (route.stallAfterBytes !== undefined) {
    res.write(slice.subarray(0, route.stallAfterBytes));
    stalled.add(res);
    res.on('close', () => stalled.delete(res));
    return;
  }
  res.end(req.method === 'HEAD' ? undefined : slice);
}

interface StoredFile extends HubFile {
  sha256: string;
  gitSha1: string;
  route: Route;
}

interface RepoState {
  id: string;
  /** commit → path → file. */
  commits: Map<string, Map<string, StoredFile>>;
  branches: Map<string, string>;
  /** CDN paths name the repository's hash and the file's SHA-256, as cdn-lfs.hf.co's do. */
  repoKey: string;
}

/** The repository's contents and the calls that change them. */
function hubRepo(id: string, cdn: Map<string, StoredFile>): { state: RepoState; repo: HubRepo } {
  const state: RepoState = { id, commits: new Map(), branches: new Map(), repoKey: sha256(id) };
  const tampered = new Map<string, Buffer>();
  const store = (file: HubFile): StoredFile => {
    const stored = { ...file, sha256: sha256(file.body), gitSha1: gitBlobSha1(file.body), route: { ...file.behaviour, body: tampered.get(file.path) ?? file.body, served: 0 } };
    if (file.lfs) cdn.set(`${state.repoKey}/${stored.sha256}`, stored);
    return stored;
  };
  const repo: HubRepo = {
    commit(sha, files) {
      state.commits.set(sha, new Map(files.map((f) => [f.path, store(f)])));
      state.branches.set('main', sha);
    },
    setBranch: (name, sha) => state.branches.set(name, sha),
    tamper(path, bytes) {
      tampered.set(path, bytes);
      for (const files of state.commits.values()) {
        const file = files.get(path);
        if (file) file.route.body = bytes;
      }
    },
  };
  return { state, repo };
}

/**
 * A repository as huggingface.co serves it (checked against huggingface_hub's get_hf_file_metadata and huggingface.js):
 * an LFS file's resolve URL answers 302 to a content-addressed CDN URL, carrying X-Repo-Commit, X-Linked-Etag (the
 * quoted SHA-256) and X-Linked-Size, and no ETag; the CDN answers with its own, unrelated ETag and none of those headers.
 * A small file answers 200 with ETag = the quoted git blob SHA-1 and X-Repo-Commit (or first a relative 307 to
 * /api/resolve-cache/…). Unknown files: 404 with X-Error-Code EntryNotFound.
 */
function hubRoutes(state: RepoState, options: HubOptions, cdnOrigin: () => string, stalled: Set<ServerResponse>): Handler {
  const resolvePrefix = `/${state.id}/resolve/`;
  const cachePrefix = `/api/resolve-cache/models/${state.id}/`;
  const serveSmall = (req: IncomingMessage, res: ServerResponse, commit: string, file: StoredFile) =>
    sendBody(req, res, file.route, { etag: `"${file.gitSha1}"`, 'x-repo-commit': commit }, stalled);

  return (req, res, path) => {
    if (path.startsWith(cachePrefix)) {
      const [commit, ...rest] = path.slice(cachePrefix.length).split('/');
      const file = state.commits.get(commit!)?.get(decodeURIComponent(rest.join('/')));
      if (file) serveSmall(req, res, commit!, file);
      return file !== undefined;
    }
    if (!path.startsWith(resolvePrefix)) return false;
    const [revision, ...rest] = path.slice(resolvePrefix.length).split('/');
    const commit = state.branches.get(decodeURIComponent(revision!)) ?? (state.commits.has(revision!) ? revision! : null);
    if (!commit) {
      res.writeHead(404, { 'x-error-code': 'RevisionNotFound', 'content-type': 'text/plain' }).end('Invalid rev id');
      return true;
    }
    const file = state.commits.get(commit)!.get(decodeURIComponent(rest.join('/')));
    if (!file) {
      res.writeHead(404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': commit, 'content-type': 'text/plain' }).end('Entry not found');
    } else if (file.lfs) {
      const k = state.repoKey;
      redirectToCdn(res, commit, file, `${cdnOrigin()}/repos/${k.slice(0, 2)}/${k.slice(2, 4)}/${k}`);
    } else if (options.smallFiles === 'resolve-cache') {
      const location = `${cachePrefix}${commit}/${rest.join('/')}?etag=${encodeURIComponent(`"${file.gitSha1}"`)}`;
      res.writeHead(307, { location, 'x-repo-commit': commit, 'content-type': 'text/plain; charset=utf-8' }).end(`Temporary Redirect. Redirecting to ${location}`);
    } else serveSmall(req, res, commit, file);
    return true;
  };
}

function redirectToCdn(res: ServerResponse, commit: string, file: StoredFile, cdnFolder: string): void {
  const name = file.path.split('/').pop()!;
  const location = `${cdnFolder}/${file.sha256}?response-content-disposition=${encodeURIComponent(`inline; filename="${name}";`)}`;
  const text = `Found. Redirecting to ${location}`;
  res
    .writeHead(302, {
      location,
      'x-repo-commit': commit,
      'x-linked-etag': `"${file.sha256}"`,
      'x-linked-size': String(file.body.length),
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

/** The CDN: content-addressed by SHA-256, with an ETag of its own (64 hex digits too, but not the file's hash). */
function cdnHandler(cdn: Map<string, StoredFile>, stalled: Set<ServerResponse>): Handler {
  return (req, res, path) => {
    const file = cdn.get(/^\/repos\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64}\/[0-9a-f]{64})$/.exec(path)?.[1] ?? '');
    if (!file) return false;
    sendBody(req, res, file.route, { etag: `"${sha256(`cdn-object:${file.sha256}`)}"`, 'x-cache': 'Hit from cloudfront' }, stalled);
    return true;
  };
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startFileServer(): Promise<TestFileServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const stalled = new Set<ServerResponse>();
  const cdn = new Map<string, StoredFile>();
  const hubs: Handler[] = [];
  const plain: Handler = (req, res, path) => {
    const route = routes.get(path);
    if (route) sendBody(req, res, route, {}, stalled);
    return route !== undefined;
  };
  const cdnRoute = cdnHandler(cdn, stalled);

  const api: TestFileServer = {
    origin: '',
    cdnOrigin: '',
    requests,
    onServed: null,
    set: (path, behaviour) => routes.set(path, { ...behaviour, served: 0 }),
    hub(id, options = {}) {
      const { state, repo } = hubRepo(id, cdn);
      hubs.push(hubRoutes(state, options, () => api.cdnOrigin, stalled));
      return repo;
    },
    close: async () => {
      for (const res of stalled) res.socket?.destroy();
      for (const server of [hub.server, storage.server]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
  const handlerFor = (origin: RecordedRequest['origin'], handlers: () => Handler[]) => (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ origin, path, headers: req.headers });
    res.on('finish', () => api.onServed?.(path));
    if (!handlers().some((h) => h(req, res, path))) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  const hub = await listen(handlerFor('hub', () => [plain, ...hubs]));
  const storage = await listen(handlerFor('cdn', () => [cdnRoute]));
  api.origin = hub.origin;
  api.cdnOrigin = storage.origin;
  return api;
}
