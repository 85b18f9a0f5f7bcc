// Sotto's own lint rules: the layer allow-list and engine folder cycles (see ./layers.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYERS, PACKAGES, TOOLING, layerOf, packageName } from './layers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILTINS = new Set(builtinModules);
const isTest = (file) => /\.test\.tsx?$/.test(file);
const rel = (abs) => path.relative(ROOT, abs).split(path.sep).join('/');

/** Calls `check(node, specifier)` for every static import, re-export, import() and require() with a literal. */
function importVisitor(check) {
  const fromSource = (node) => node.source && typeof node.source.value === 'string' && check(node.source, node.source.value);
  return {
    ImportDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ImportExpression: (node) => node.source.type === 'Literal' && typeof node.source.value === 'string' && check(node.source, node.source.value),
    CallExpression: (node) => {
      const [arg] = node.arguments;
      if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal' && typeof arg.value === 'string') check(arg, arg.value);
    },
  };
}

/** Why `specifier` may not be imported from a file of `layer` (null when it may). */
export function layerViolation(fromRel, layer, specifier) {
  const rules = LAYERS[layer];
  if (specifier.startsWith('.')) {
    const target = rel(path.resolve(ROOT, path.dirname(fromRel), specifier));
    const tooling = TOOLING.find((t) => target === t || target.startsWith(`${t}/`));
    if (tooling) return `${layer} is product code: it may not import ${tooling}/ (test and tool support).`;
    const to = layerOf(target);
    if (!to) return `${layer} may not import ${target} (outside the product layers).`;
    if (to !== layer && !rules.imports.includes(to)) return `${layer} may import ${[layer, ...rules.imports].join(', ')} only, not ${to} (layer rule).`;
    return null;
  }
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(bare.split('/')[0])) {
    return rules.node ? null : `${layer} may not use Node built-ins ('${specifier}'): it runs without Node (layer rule).`;
  }
  const pkg = packageName(specifier);
  const allowed = PACKAGES[pkg];
  if (!allowed) return `'${pkg}' is not classified in scripts/lint/layers.mjs: add it with the layers that may load it.`;
  return allowed.includes(layer) ? null : `'${pkg}' may be loaded only in ${allowed.join(', ')}, not ${layer} (package classification).`;
}

const layers = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const fromRel = rel(context.filename);
    const layer = layerOf(fromRel);
    if (!layer || isTest(fromRel)) return {};
    return importVisitor((node, specifier) => {
      const message = layerViolation(fromRel, layer, specifier);
      if (message) context.report({ node, message });
    });
  },
};

/** Engine folder → folders its non-test files import, read from the files on disk once per lint run. */
let engineGraph = null;
const ENGINE = 'electron/engine';
const folderOf = (relPath) => (relPath.startsWith(`${ENGINE}/`) ? relPath.slice(ENGINE.length + 1).split('/').slice(0, -1)[0] ?? '.' : null);
const IMPORT_RE = /(?:from\s*|import\s*\(\s*)['"](\.[^'"]+)['"]/g;

function buildEngineGraph() {
  const graph = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.tsx?$/.test(entry.name) && !isTest(entry.name)) {
        const from = folderOf(rel(abs));
        for (const [, spec] of readFileSync(abs, 'utf8').matchAll(IMPORT_RE)) addEdge(graph, from, folderOf(rel(path.resolve(dir, spec))));
      }
    }
  };
  walk(path.join(ROOT, ENGINE));
  return graph;
}

function addEdge(graph, from, to) {
  if (from === null || to === null || from === to) return;
  if (!graph.has(from)) graph.set(from, new Set());
  graph.get(from).add(to);
}

/** A path of folders from `start` back to `goal`, or null. */
function pathBetween(graph, start, goal) {
  const seen = new Set();
  const visit = (folder, trail) => {
    if (folder === goal) return trail;
    if (seen.has(folder)) return null;
    seen.add(folder);
    for (const next of graph.get(folder) ?? []) {
      const found = visit(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return visit(start, [start]);
}

const folderCycles = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const fromRel = rel(context.filename);
    const from = folderOf(fromRel);
    if (from === null || isTest(fromRel)) return {};
    engineGraph ??= buildEngineGraph();
    return importVisitor((node, specifier) => {
      if (!specifier.startsWith('.')) return;
      const to = folderOf(rel(path.resolve(ROOT, path.dirname(fromRel), specifier)));
      if (to === null || to === from) return;
      const back = pathBetween(engineGraph, to, from);
      if (back) context.report({ node, message: `Folder cycle in electron/engine: ${[from, ...back].join(' → ')}. Move the shared piece to the folder that owns it.` });
    });
  },
};

export default { rules: { layers, 'folder-cycles': folderCycles } };
