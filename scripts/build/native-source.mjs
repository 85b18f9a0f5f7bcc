// The whisper.cpp tree the addon is built from: the one pinned through package-lock (nodejs-whisper carries it),
// copied into the cache with Sotto's carried patches (native/whisper/patches) applied. Identified by content: the
// package's lock integrity, the versions and the patches — never by where the clone lives.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { applyPatchFile } from './apply-patch.mjs';
import { cacheRoot, withLock } from './native-cache.mjs';

/** The pinned tree inside node_modules (read-only to us: patches go to a copy). */
export function pinnedWhisperDir(repoRoot) {
  return path.join(repoRoot, 'node_modules', 'nodejs-whisper', 'cpp', 'whisper.cpp');
}

function readVersion(file, re, what) {
  const m = fs.readFileSync(file, 'utf8').match(re);
  if (!m) throw new Error(`cannot read the ${what} version from ${file}`);
  return m.slice(1).join('.');
}

export function whisperVersions(src) {
  if (!fs.existsSync(path.join(src, 'CMakeLists.txt'))) {
    throw new Error(`whisper.cpp source not found at ${src}: run \`npm ci\` (the tree ships in the nodejs-whisper package)`);
  }
  const whisper = readVersion(path.join(src, 'CMakeLists.txt'), /project\("whisper\.cpp" VERSION (\d+)\.(\d+)\.(\d+)\)/, 'whisper.cpp');
  const ggmlCmake = path.join(src, 'ggml', 'CMakeLists.txt');
  const ggml = readVersion(ggmlCmake, /GGML_VERSION_MAJOR (\d+)\)[\s\S]*?GGML_VERSION_MINOR (\d+)\)[\s\S]*?GGML_VERSION_PATCH (\d+)\)/, 'ggml');
  return { whisper, ggml };
}

export function patchFiles(repoRoot) {
  const dir = path.join(repoRoot, 'native', 'whisper', 'patches');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.patch')).sort().map((n) => path.join(dir, n)) : [];
}

/** The lock's integrity hash of the installed nodejs-whisper (npm's content hash of the tarball). */
function packageIntegrity(repoRoot) {
  for (const lock of ['package-lock.json', path.join('node_modules', '.package-lock.json')]) {
    try {
      const entry = JSON.parse(fs.readFileSync(path.join(repoRoot, lock), 'utf8')).packages?.['node_modules/nodejs-whisper'];
      if (entry?.integrity) return { version: entry.version, integrity: entry.integrity };
    } catch { /* try the next lock file */ }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'nodejs-whisper', 'package.json'), 'utf8'));
  return { version: pkg.version, integrity: null };
}

/** What identifies the source the addon is built from. */
export function sourceIdentity(repoRoot) {
  const patches = patchFiles(repoRoot).map((f) => ({ name: path.basename(f), sha256: createHash('sha256').update(fs.readFileSync(f)).digest('hex') }));
  return { versions: whisperVersions(pinnedWhisperDir(repoRoot)), package: packageIntegrity(repoRoot), patches };
}

/** Only what the build reads: the tree's CMake files, headers, sources, ggml, and the files whisper-cli needs. */
function copyFilter(src) {
  return (from) => {
    const rel = path.relative(src, from);
    if (rel === '') return true;
    const [top, second] = rel.split(path.sep);
    if (['CMakeLists.txt', 'cmake', 'include', 'src', 'ggml'].includes(top)) return true;
    if (top !== 'examples') return false;
    return second === undefined || second === 'cli' || fs.statSync(from).isFile();
  };
}

/** The patched copy for this identity, made once (under a lock) in <cache>/src-<key>/whisper.cpp. */
export async function preparedWhisperSource(repoRoot, log = () => {}) {
  const key = createHash('sha256').update(JSON.stringify(sourceIdentity(repoRoot))).digest('hex').slice(0, 12);
  const base = path.join(cacheRoot(), `src-${key}`);
  const tree = path.join(base, 'whisper.cpp');
  const done = path.join(base, 'prepared.json');
  if (fs.existsSync(done)) return { tree, base };
  return withLock(`${base}.lock`, async () => {
    if (fs.existsSync(done)) return { tree, base };
    const src = pinnedWhisperDir(repoRoot);
    fs.rmSync(base, { recursive: true, force: true });
    fs.cpSync(src, tree, { recursive: true, filter: copyFilter(src) });
    const patches = patchFiles(repoRoot);
    for (const p of patches) applyPatchFile(p, tree);
    fs.writeFileSync(done, JSON.stringify({ identity: sourceIdentity(repoRoot), preparedAt: new Date().toISOString() }, null, 2));
    log(`prepared whisper.cpp source with ${patches.length} carried patch(es) in ${tree}`);
    return { tree, base };
  });
}
