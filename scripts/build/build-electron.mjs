#!/usr/bin/env node
// Bundles the Electron shell with esbuild:
//   electron/main/index.ts    → dist-electron/main.mjs   (ESM: Electron ≥ 28 runs ESM main; import.meta.url keeps working)
//   electron/engine/asr-device/probe-child.ts → dist-electron/gpu-probe.mjs (the GPU probe, run in a utilityProcess)
//   electron/preload/index.ts → dist-electron/preload.cjs (ONE CommonJS file: a sandboxed preload can require only 'electron')
// Every npm dependency stays external (electron-builder ships node_modules; native addons must stay on disk,
// outside app.asar). Usage: node scripts/build/build-electron.mjs [--outdir <dir>] [--dev]
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { outdir: { type: 'string' }, dev: { type: 'boolean', default: false } } });
const outdir = resolve(values.outdir ?? join(root, 'dist-electron'));
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

// Electron 45 = Chromium 140 + Node 22.
const ELECTRON_NODE = 'node22';
const ELECTRON_CHROME = 'chrome140';
const NATIVE_ADDONS = ['onnxruntime-node', '@picovoice/pvrecorder-node', 'uiohook-napi', '@huggingface/transformers', 'sharp'];
const external = ['electron', ...NATIVE_ADDONS, ...Object.keys(pkg.dependencies ?? {}), '*.node'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  sourcemap: values.dev ? 'inline' : 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(values.dev ? 'development' : 'production') },
};

/** esbuild has already printed the errors with their locations; end without a stack trace. */
const orExit = (promise) => promise.catch(() => {
  console.error('build-electron: bundling failed (see the errors above).');
  process.exit(1);
});

const main = await orExit(build({
  ...common,
  entryPoints: { main: 'electron/main/index.ts', 'gpu-probe': 'electron/engine/asr-device/probe-child.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  target: ELECTRON_NODE,
  external,
  // Bundled CommonJS code may call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __sottoCreateRequire } from 'node:module'; const require = __sottoCreateRequire(import.meta.url);" },
}));

const preload = await orExit(build({
  ...common,
  entryPoints: { preload: 'electron/preload/index.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  target: [ELECTRON_CHROME, ELECTRON_NODE],
  external: ['electron'],
}));

// A sandboxed preload gets a require() that knows 'electron' only: anything else would fail at window load.
const preloadImports = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
const strayPreload = preloadImports.filter((p) => p !== 'electron');
if (strayPreload.length > 0) {
  console.error(`build-electron: the preload must bundle into one file, but it requires ${strayPreload.join(', ')}`);
  process.exit(1);
}

// The main bundle may import Node built-ins, electron and declared dependencies only: anything else is missing at runtime.
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const declared = new Set(['electron', ...Object.keys(pkg.dependencies ?? {})]);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const mainImports = Object.values(main.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
const undeclared = [...new Set(mainImports.filter((p) => !builtins.has(p) && !declared.has(packageOf(p))))];
if (undeclared.length > 0) {
  console.error(`build-electron: main imports packages that are not in package.json "dependencies" (they would be missing in the packaged app): ${undeclared.join(', ')}`);
  process.exit(1);
}

const size = (r) => Object.entries(r.metafile.outputs).filter(([f]) => !f.endsWith('.map')).map(([f, o]) => `${basename(f)} ${(o.bytes / 1024).toFixed(0)} KB`);
console.log(`build-electron: ${[...size(main), ...size(preload)].join(', ')}`);
