// The native build cache outside the clone: where it is, cross-process locks, manifests, and pruning old entries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function cacheRoot() {
  return process.env.SOTTO_NATIVE_CACHE || path.join(os.homedir(), '.cache', 'sotto-native');
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Cross-process lock (several test runs may start at once): mkdir is atomic; a dead owner's lock is taken over. */
export async function withLock(lockDir, fn) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try { owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')); } catch { /* being created or removed */ }
      if (Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

export function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

const PRUNE_AFTER_MS = 30 * 24 * 3600 * 1000;

/** Mark cache entries as used, and drop entries (old builds, old cmake dirs, old sources) nobody used for 30 days. */
export function touchAndPrune(used, log) {
  const now = new Date();
  for (const dir of used) if (fs.existsSync(dir)) fs.utimesSync(dir, now, now);
  const keep = new Set(used.map((d) => path.basename(d)));
  for (const name of fs.readdirSync(cacheRoot())) {
    if (keep.has(name) || name.endsWith('.lock')) continue;
    const p = path.join(cacheRoot(), name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > PRUNE_AFTER_MS) {
        fs.rmSync(p, { recursive: true, force: true });
        log(`pruned unused cache entry ${name}`);
      }
    } catch {
      /* another process pruned it first */
    }
  }
}
