import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelEntry } from '../../contract';
import { createAppModelManager } from '../app/app-egress';
import { createEgress } from '../egress';
import { DeviceTranslator } from '../translate/device';
import { parseCatalog } from './catalog';
import { ModelError } from './errors';
import type { ModelManager } from './manager';
import { startFileServer, type HubFile, type HubOptions, type TestFileServer } from '../../../test-support/servers/file-server';
import { TEST_TRANSLATORS_CACHE } from '../../../test-support/models/device-test-models';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { rejectionAs } from '../../../test-support/expect/rejection';

/**
 * Issue 9, item 5: files without a published checksum are checked against the server's own integrity metadata,
 * all files of a model come from one commit (pinned at first install), and installed files are checked on every load.
 * The file server answers like huggingface.co (a 302 with X-Linked-Etag for LFS files, ETag = git blob SHA-1 for the
 * others); downloads go through the real egress, as in the app.
 */

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);

let server: TestFileServer;
let dir: string;
beforeAll(async () => {
  server = await startFileServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-integrity-'));
  server.requests.length = 0;
  server.onServed = null;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

let repos = 0;
/** A fresh repository on the test hub with one commit (C1) on main. */
function repo(files: HubFile[], options: HubOptions = {}, prefix = '') {
  const id = `org/model-${++repos}`;
  const hub = server.hub(`${prefix}${id}`, options);
  hub.commit(C1, files);
  return { id, hub };
}

/** A folder model whose files follow main, with no published checksum (like the Xenova folders in models.json). */
const folderModel = (repoId: string, files: HubFile[], origin = server.origin, extra: (f: HubFile) => object = () => ({})) => ({
  id: repoId.replace('/', '--'),
  kind: 'translation',
  name: `Test ${repoId}`,
  description: 'served like huggingface.co',
  languages: ['en', 'de'],
  layout: 'folder',
  homepage: 'https://example.org/',
  license: 'MIT',
  files: files.map((f) => ({ path: f.path, url: `${origin}/${repoId}/resolve/main/${f.path}`, size: null, checksums: [], checksumMissing: 'none published', ...extra(f) })),
});

function manager(models: unknown[], mirror = '', allLocal = false) {
  const hosts = [new URL(server.origin).host, new URL(server.cdnOrigin).host];
  const egress = createEgress({ allLocal: () => allLocal, allowedHosts: () => hosts, auditLogPath: null });
  return createAppModelManager(egress, {
    catalog: parseCatalog({ version: 1, models }),
    modelsDir: join(dir, 'models'),
    settings: () => ({ allLocal, modelMirror: mirror }),
    retries: 2,
    retryDelayMs: 5,
    diskMarginBytes: 0,
  });
}

const rejection = (promise: Promise<unknown>): Promise<ModelError> => rejectionAs(promise, ModelError);

const entry = async (m: ModelManager, id: string) => ModelEntry.parse((await m.list()).find((e) => e.id === id));
const hubPaths = () => server.requests.filter((r) => r.origin === 'hub').map((r) => r.path);

const CONFIG: HubFile = { path: 'config.json', body: Buffer.from('{"model_type":"marian"}\n') };
const WEIGHTS: HubFile = { path: 'onnx/model.onnx', body: randomBytes(96 * 1024), lfs: true };

describe('downloads are checked against the server integrity metadata', () => {
  it('refuses an LFS file whose bytes differ from the X-Linked-Etag of the redirect', async () => {
    const { id, hub } = repo([CONFIG, WEIGHTS]);
    hub.tamper(WEIGHTS.path, randomBytes(WEIGHTS.body.length));
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    const error = await rejection(m.download(id.replace('/', '--')));
    expect(error.code).toBe('models.server_checksum');
    expect(error.message).toContain(sha256(WEIGHTS.body));
    expect(error.message).toMatch(/X-Linked-Etag/);
    expect(error.action).toMatch(/mirror|import/i);
    expect(await m.isInstalled(id.replace('/', '--'))).toBe(false);
  });

  it.each<HubOptions['smallFiles']>(['direct', 'resolve-cache'])('refuses a small file whose bytes differ from its ETag (git blob SHA-1), served %s', async (smallFiles) => {
    const { id, hub } = repo([CONFIG, WEIGHTS], { smallFiles });
    hub.tamper(CONFIG.path, Buffer.from('{"model_type":"evil!"}\n'));
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    const error = await rejection(m.download(id.replace('/', '--')));
    expect(error.code).toBe('models.server_checksum');
    expect(error.message).toMatch(/git blob SHA-1/);
    expect(await m.isInstalled(id.replace('/', '--'))).toBe(false);
  });

  it('resumes an LFS file through the redirect (Range on the CDN) and checks the whole file against X-Linked-Etag', async () => {
    // Large enough that the bytes before the drop reach the part file (the last buffered chunk of a cut response is lost).
    const dropping: HubFile = { path: WEIGHTS.path, body: randomBytes(1024 * 1024), lfs: true, behaviour: { dropAfterBytes: 600 * 1024 } };
    const { id } = repo([CONFIG, dropping]);
    const model = id.replace('/', '--');
    const m = manager([folderModel(id, [CONFIG, dropping])]);
    await m.download(model);
    const cdn = server.requests.filter((r) => r.origin === 'cdn');
    expect(cdn.map((r) => r.headers.range)).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
    expect((await m.installedInfo(model))!.files[1]).toMatchObject({ sha256: sha256(dropping.body), verification: 'server' });
  });

  it('a stale prefix from an earlier session fails the server check once, then downloads afresh', async () => {
    const { id } = repo([CONFIG, WEIGHTS]);
    const model = id.replace('/', '--');
    const staging = join(dir, 'models', '.partial', model, 'onnx');
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, 'model.onnx.part'), randomBytes(10 * 1024));
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    await m.download(model);
    expect(sha256(await readFile(join((await m.installedPath(model))!, WEIGHTS.path)))).toBe(sha256(WEIGHTS.body));
  });

  it("records each file's SHA-256 and that the server vouched for it; the list says so", async () => {
    const { id } = repo([CONFIG, WEIGHTS], { smallFiles: 'resolve-cache' });
    const model = id.replace('/', '--');
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    await m.download(model);
    const marker = (await m.installedInfo(model))!;
    expect(marker.commit).toBe(C1);
    expect(marker.files.map((f) => [f.path, f.sha256, f.verification])).toEqual([
      [CONFIG.path, sha256(CONFIG.body), 'server'],
      [WEIGHTS.path, sha256(WEIGHTS.body), 'server'],
    ]);
    expect(await entry(m, model)).toMatchObject({ installed: true, verification: 'server', damaged: false });
  });

  it("never trusts the server over a published checksum: a mismatch fails even when the server agrees with itself", async () => {
    const { id } = repo([CONFIG, WEIGHTS]);
    const published = (f: HubFile) => (f === WEIGHTS ? { checksums: [{ algorithm: 'sha256', value: sha256(randomBytes(8)), source: 'test' }], checksumMissing: null } : {});
    const m = manager([folderModel(id, [CONFIG, WEIGHTS], server.origin, published)]);
    const error = await rejection(m.download(id.replace('/', '--')));
    expect(error.code).toBe('models.checksum');
  });

  it('says which files matched a published checksum and which only the server', async () => {
    const { id } = repo([CONFIG, WEIGHTS]);
    const model = id.replace('/', '--');
    const published = (f: HubFile) => (f === WEIGHTS ? { checksums: [{ algorithm: 'sha256', value: sha256(WEIGHTS.body), source: 'test' }], checksumMissing: null } : {});
    const m = manager([folderModel(id, [CONFIG, WEIGHTS], server.origin, published)]);
    await m.download(model);
    expect((await entry(m, model)).fileChecks).toEqual([
      { path: CONFIG.path, verification: 'server' },
      { path: WEIGHTS.path, verification: 'published' },
    ]);
    // The model as a whole is as trustworthy as its weakest file.
    expect((await entry(m, model)).verification).toBe('server');
  });

  it('ignores the CDN ETag: a plain server without integrity headers leaves the size as the only check', async () => {
    server.set('/plain/config.json', { body: CONFIG.body });
    const model = { ...folderModel('plain', [CONFIG]), id: 'plain' };
    model.files[0]!.url = `${server.origin}/plain/config.json`;
    const m = manager([model]);
    await m.download('plain');
    expect((await m.installedInfo('plain'))!.files[0]!.verification).toBe('size-only');
  });
});

describe('all files of a model come from one commit', () => {
  it('pins the rest of the files to the commit the first file came from, even when main moves meanwhile', async () => {
    const { id, hub } = repo([CONFIG, WEIGHTS]);
    const model = id.replace('/', '--');
    const moved = randomBytes(WEIGHTS.body.length);
    hub.commit(C2, [CONFIG, { ...WEIGHTS, body: moved }]);
    hub.setBranch('main', C1);
    server.onServed = (path) => {
      if (path.endsWith('/config.json')) hub.setBranch('main', C2);
    };
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    await m.download(model);
    expect(hubPaths()).toEqual([`/${id}/resolve/main/config.json`, `/${id}/resolve/${C1}/onnx/model.onnx`]);
    expect(sha256(await readFile(join((await m.installedPath(model))!, WEIGHTS.path)))).toBe(sha256(WEIGHTS.body));
    expect((await m.installedInfo(model))!.commit).toBe(C1);
  });

  it("under all-local, the user's yes covers the pinned URLs of the model's own files", async () => {
    const { id } = repo([CONFIG, WEIGHTS]);
    const model = id.replace('/', '--');
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])], '', true);
    await m.download(model, { allowInAllLocal: true });
    expect(hubPaths()).toEqual([`/${id}/resolve/main/config.json`, `/${id}/resolve/${C1}/onnx/model.onnx`]);
    expect(await m.isInstalled(model)).toBe(true);
  });

  it('keeps the pin through the mirror path rewriting', async () => {
    const { id, hub } = repo([CONFIG, WEIGHTS], {}, 'hf/');
    hub.commit(C2, [CONFIG, WEIGHTS]);
    hub.setBranch('main', C1);
    server.onServed = () => hub.setBranch('main', C2);
    const model = folderModel(id, [CONFIG, WEIGHTS], 'https://huggingface.co');
    const m = manager([model], `${server.origin}/hf/`);
    await m.download(model.id);
    expect(hubPaths()).toEqual([`/hf/${id}/resolve/main/config.json`, `/hf/${id}/resolve/${C1}/onnx/model.onnx`]);
    expect((await m.installedInfo(model.id))!.commit).toBe(C1);
  });

  it('a re-download of a damaged model fetches the commit it was installed from, not the new main', async () => {
    const { id, hub } = repo([CONFIG, WEIGHTS]);
    const model = id.replace('/', '--');
    const m = manager([folderModel(id, [CONFIG, WEIGHTS])]);
    await m.download(model);
    hub.commit(C2, [{ ...CONFIG, body: Buffer.from('{"model_type":"newer"}\n') }, WEIGHTS]);
    const root = (await m.installedPath(model))!;
    await writeFile(join(root, CONFIG.path), Buffer.from('{"model_type":"broken"}\n'));
    server.requests.length = 0;
    await m.download(model);
    expect(hubPaths()).toEqual([`/${id}/resolve/${C1}/config.json`, `/${id}/resolve/${C1}/onnx/model.onnx`]);
    expect(await readFile(join(root, CONFIG.path))).toEqual(CONFIG.body);
  });
});

describe('installed files are checked on every load', () => {
  const whisperModel = (repoId: string, file: HubFile) => ({
    id: 'speech',
    kind: 'whisper',
    name: 'Test speech',
    description: '',
    languages: ['en'],
    layout: 'file',
    homepage: 'https://example.org/',
    license: 'MIT',
    files: [{ path: file.path, url: `${server.origin}/${repoId}/resolve/main/${file.path}`, size: file.body.length, sizeSource: 'test', checksums: [], checksumMissing: 'none published' }],
  });
  const SPEECH: HubFile = { path: 'ggml-test.bin', body: randomBytes(64 * 1024), lfs: true };

  it('reports a file changed after install (mtime put back) as damaged and never hands out its path', async () => {
    const { id } = repo([SPEECH]);
    const m = manager([whisperModel(id, SPEECH)]);
    await m.download('speech');
    const path = (await m.installedPath('speech'))!;
    const before = await stat(path);
    const changed = Buffer.from(SPEECH.body);
    changed[1000] = changed[1000]! ^ 0xff;
    await writeFile(path, changed);
    await utimes(path, before.atime, before.mtime);

    const error = await rejection(m.installedPath('speech'));
    expect(error.code).toBe('models.damaged');
    expect(error.message).toContain(SPEECH.path);
    expect(error.action).toMatch(/Download .* again/);
    expect(await entry(m, 'speech')).toMatchObject({ installed: true, damaged: true });
  });

  it('an unreadable install record counts as damaged too, and a download repairs it', async () => {
    const { id } = repo([SPEECH]);
    const m = manager([whisperModel(id, SPEECH)]);
    await m.download('speech');
    await writeFile(join(m.modelsDir, 'speech', '.sotto-model.json'), '{"files": oops');
    expect((await rejection(m.installedPath('speech'))).code).toBe('models.damaged');
    expect(await entry(m, 'speech')).toMatchObject({ installed: true, damaged: true });
    await m.download('speech');
    expect(await entry(m, 'speech')).toMatchObject({ installed: true, damaged: false, verification: 'server' });
  });

  it('accepts a file that was only touched, and re-hashes it once', async () => {
    const { id } = repo([SPEECH]);
    const m = manager([whisperModel(id, SPEECH)]);
    await m.download('speech');
    const path = (await m.installedPath('speech'))!;
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
    expect(await m.installedPath('speech')).toBe(path);
    expect((await m.installedInfo('speech'))!.files[0]!.mtimeMs).toBe((await stat(path)).mtimeMs);
    expect((await entry(m, 'speech')).damaged).toBe(false);
  });

  it('the device lane, through its verify hook, refuses a tampered translation model and loads an intact one', async () => {
    const generated = await ensureTestTranslator(TEST_TRANSLATORS_CACHE, 'en-de');
    const files = await filesOf(generated);
    const { id } = repo(files);
    const model = { ...folderModel(id, files), id: 'opus-mt-en-de' };
    const m = manager([model]);
    await m.download('opus-mt-en-de');
    const request = { id: 'l1', text: 'hello world', sourceLanguage: 'en', targetLanguage: 'de' };

    const intact = new DeviceTranslator({ modelsDir: m.modelsDir, verifyFolder: (folder) => m.verifyFolder(folder) });
    expect((await intact.translate(request)).text).toBe('hallo welt');
    await intact.dispose();

    const tokenizer = join(m.modelsDir, 'opus-mt-en-de', 'tokenizer.json');
    await writeFile(tokenizer, (await readFile(tokenizer, 'utf8')).replace('hallo', 'HALLO'));
    const tampered = new DeviceTranslator({ modelsDir: m.modelsDir, verifyFolder: (folder) => m.verifyFolder(folder) });
    await expect(tampered.translate(request)).rejects.toMatchObject({ code: 'translate.device_model_corrupt', message: expect.stringContaining('tokenizer.json') });
    expect(tampered.loadCount).toBe(0);
    await tampered.dispose();
  });
});

/** Every file below a folder as hub files (ONNX weights in LFS, the JSON files not). */
async function filesOf(folder: string): Promise<HubFile[]> {
  const out: HubFile[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push({ path: relative(folder, p), body: await readFile(p), lfs: e.name.endsWith('.onnx') });
    }
  };
  await walk(folder);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
