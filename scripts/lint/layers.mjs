// The layer table (VS Code's code-layering idea: an allow-list keyed on folder names) and the classification of every
// npm dependency by the layers that may load it (Signal-Desktop's idea). eslint.config.js enforces both through
// ./plugin.mjs; scripts/test/layer-rules.test.ts proves a wrong arrow fails and checks the README's table against this.

/**
 * Product layers, by folder. `imports`: the other layers its non-test files may import (its own always).
 * `node`: may import Node's built-in modules. Anything outside these folders (test-support/, scripts/, e2e/, root
 * config) is tooling: product files may not import it, and it may import anything.
 */
/** @type {Record<string, { imports: string[]; node: boolean; job: string }>} */
export const LAYERS = {
  'electron/contract': { imports: [], node: false, job: 'messages between engine and UI, the error base and normaliser, the validated client, the event hold' },
  native: { imports: [], node: true, job: 'typed facades over native addons: the only code that loads a .node file' },
  'electron/engine': { imports: ['electron/contract', 'native'], node: true, job: 'the pipeline in plain Node, never Electron' },
  'electron/main': { imports: ['electron/engine', 'electron/contract', 'native'], node: true, job: 'the thin Electron shell' },
  'electron/preload': { imports: ['electron/contract'], node: false, job: 'the contextBridge: the typed `sotto` API' },
  renderer: { imports: ['electron/contract'], node: false, job: 'React + zustand UI' },
};

/** Folders that hold tests' and tools' support; product (non-test) files never import them. */
export const TOOLING = ['test-support', 'scripts', 'e2e'];

/**
 * Every npm package product code may import, with the layers allowed to load it. The packages that load native code
 * (.node files, onnxruntime) are native/ only. A dependency missing here cannot be imported by product code.
 */
/** @type {Record<string, string[]>} */
export const PACKAGES = {
  zod: ['electron/contract', 'electron/engine', 'electron/main', 'electron/preload', 'renderer'],
  electron: ['electron/main', 'electron/preload'],
  '@huggingface/transformers': ['native'],
  'onnxruntime-node': ['native'],
  '@picovoice/pvrecorder-node': ['native'],
  'uiohook-napi': ['native'],
  // A data file only (the Silero ONNX model is resolved by path and opened through native/onnx).
  '@ricky0123/vad-web': ['electron/engine'],
  openai: ['electron/engine'],
  'p-retry': ['electron/engine'],
  wavefile: ['electron/engine'],
  ws: ['electron/engine'],
  compromise: ['electron/engine'],
  validator: ['electron/engine'],
  // Language identification of cloud replies (a reply in the wrong language is a failed attempt).
  eld: ['electron/engine'],
  // History export (SRT, WebVTT).
  subtitle: ['electron/engine'],
  react: ['renderer'],
  'react-dom': ['renderer'],
  zustand: ['renderer'],
};

/** The layer a repo-relative path belongs to (longest folder prefix), or null for tooling and root files. */
export function layerOf(relPath) {
  const p = relPath.split('\\').join('/');
  let best = null;
  for (const layer of Object.keys(LAYERS)) if ((p === layer || p.startsWith(`${layer}/`)) && (!best || layer.length > best.length)) best = layer;
  return best;
}

/** "react-dom/client" → "react-dom"; "@scope/pkg/x" → "@scope/pkg". */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
