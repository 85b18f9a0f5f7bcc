// A unified-diff applier for the patches Sotto carries against whisper.cpp: exact context (no fuzz), each hunk
// matched nearest to the line it names, like `patch -p1 -F0`. In JS so builds need no `patch`/`git` on Windows.
import fs from 'node:fs';
import path from 'node:path';

/** Parses a unified diff into files with hunks of old/new lines. Text before the first `---` is a description. */
export function parsePatch(text) {
  const files = [];
  let file = null;
  let hunk = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('--- ')) {
      file = { path: null, hunks: [] };
      files.push(file);
      hunk = null;
    } else if (line.startsWith('+++ ') && file) {
      file.path = line.slice(4).trim().replace(/^b\//, '');
    } else if (line.startsWith('@@ ') && file) {
      const m = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
      if (!m) throw new Error(`bad hunk header: ${line}`);
      hunk = { oldStart: Number(m[1]), old: [], new: [] };
      file.hunks.push(hunk);
    } else if (hunk && /^[ +-]/.test(line)) {
      if (line[0] !== '+') hunk.old.push(line.slice(1));
      if (line[0] !== '-') hunk.new.push(line.slice(1));
    }
  }
  return files.filter((f) => f.path && f.hunks.length > 0);
}

function matchesAt(lines, block, at) {
  if (at < 0 || at + block.length > lines.length) return false;
  return block.every((l, i) => lines[at + i] === l);
}

/** Index of `block` in `lines` nearest to `expected`, or -1. */
function findNearest(lines, block, expected) {
  for (let d = 0; d <= lines.length; d++) {
    if (matchesAt(lines, block, expected - d)) return expected - d;
    if (matchesAt(lines, block, expected + d)) return expected + d;
  }
  return -1;
}

/** Applies the hunks to one file's text; throws naming the hunk that does not apply. */
export function applyHunks(text, hunks, name) {
  const lines = text.split('\n');
  let offset = 0;
  for (const h of hunks) {
    const at = findNearest(lines, h.old, h.oldStart - 1 + offset);
    if (at < 0) throw new Error(`patch does not apply to ${name}: hunk at line ${h.oldStart} not found`);
    lines.splice(at, h.old.length, ...h.new);
    offset = at - (h.oldStart - 1) + h.new.length - h.old.length;
  }
  return lines.join('\n');
}

/** Applies a unified diff (paths relative to `root`, `a/`/`b/` prefixes) in place. */
export function applyPatchFile(patchFile, root) {
  for (const f of parsePatch(fs.readFileSync(patchFile, 'utf8'))) {
    const target = path.join(root, f.path);
    fs.writeFileSync(target, applyHunks(fs.readFileSync(target, 'utf8'), f.hunks, f.path));
  }
}
