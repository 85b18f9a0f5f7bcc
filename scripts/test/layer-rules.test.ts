import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, PACKAGES } from '../lint/layers.mjs';

// The layer rules (scripts/lint/layers.mjs, enforced by eslint.config.js): a wrong arrow, an unclassified or misplaced
// package, a product import of test support, and an engine folder cycle each fail lint; the right arrows pass.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('sotto/')).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['renderer/probe.ts', "import { app } from 'electron';"],
    ['renderer/probe.ts', "import { createEgress } from '../electron/engine/egress';"],
    ['renderer/probe.ts', "import fs from 'node:fs';"],
    ['renderer/probe.ts', "import { readFile } from 'fs/promises';"],
    ['electron/contract/probe.ts', "import { createEgress } from '../engine/egress';"],
    ['electron/contract/probe.ts', "import path from 'path';"],
    ['electron/contract/probe.ts', "import { x } from 'node:events';"],
    ['electron/engine/probe.ts', "import { app } from 'electron';"],
    ['electron/engine/probe.ts', "import { x } from '../main/index';"],
    ['electron/preload/probe.ts', "import { createEgress } from '../engine/egress';"],
    ['electron/preload/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/main/probe.ts', "import { x } from '../../renderer/store';"],
    ['native/probe.ts', "import { Settings } from '../electron/contract';"],
    // Packages that load native code belong to native/ only.
    ['electron/engine/translate/probe.ts', "import { pipeline } from '@huggingface/transformers';"],
    ['electron/engine/vad/probe.ts', "const ort = await import('onnxruntime-node');"],
    ['electron/main/probe.ts', "const hook = require('uiohook-napi');"],
    ['renderer/probe.ts', "import OpenAI from 'openai';"],
    // A package nobody classified cannot be imported by product code.
    ['electron/engine/probe.ts', "import leftPad from 'left-pad';"],
    // Product code never imports test or tool support.
    ['electron/engine/translate/probe.ts', "import { DictionaryTranslator } from '../../../test-support/translators/dictionary-translator';"],
    ['native/whisper/probe.ts', "import { repoRoot } from '../../test-support/models/test-assets';"],
    ['renderer/probe.ts', "import { x } from '../scripts/lint/layers.mjs';"],
    ['electron/main/probe.ts', "export { x } from '../../scripts/dev/dev-web';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/probe.ts', "import { Settings } from '../electron/contract';"],
    ['renderer/probe.ts', "import { create } from 'zustand';"],
    ['electron/engine/probe.ts', "import { Settings } from '../contract';"],
    ['electron/contract/probe.ts', "import { Lane } from './events';"],
    ['electron/engine/probe.ts', "import { loadWhisperModel } from '../../native/whisper';"],
    ['electron/main/probe.ts', "import { app } from 'electron';"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron';"],
    ['native/onnx/probe.ts', "const ort = await import('onnxruntime-node');"],
    // Tests and tools may use test support.
    ['electron/engine/translate/probe.test.ts', "import { DictionaryTranslator } from '../../../test-support/translators/dictionary-translator';"],
    ['scripts/bench/probe.ts', "import { startOpenAiServer } from '../../test-support/servers/openai-server';"],
  ])('%s may: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('an import that closes a folder cycle in the engine fails, naming the cycle', async () => {
    // translate/ already imports route/ (translate-line → router): route/ importing translate/ closes the loop.
    const [message] = await layerErrors('electron/engine/route/probe.ts', "import { languageLabel } from '../translate/cloud-prompt';");
    expect(message).toMatch(/Folder cycle in electron\/engine: route → translate → .*route/);
    expect(await layerErrors('electron/engine/translate/probe.ts', "import { route } from '../route/router';")).toEqual([]);
  });

  it('every runtime dependency of package.json is classified', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).filter((name) => !(name in PACKAGES))).toEqual([]);
  });

  it("the README's layer table says what the lint table enforces", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [layer, rules] of Object.entries(LAYERS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${layer}/\` |`));
      expect(row, `README layer table row for ${layer}/`).toBeDefined();
      const [, imports, packages, node] = row!.split('|').slice(1).map((cell) => cell.trim());
      const listed = (cell: string | undefined) => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')).sort();
      expect(listed(imports), `${layer}: may import`).toEqual([...rules.imports].sort());
      const classified = Object.entries(PACKAGES).filter(([, where]) => where.includes(layer)).map(([name]) => name);
      expect(listed(packages), `${layer}: packages`).toEqual(classified.sort());
      expect(node, `${layer}: Node built-ins`).toBe(rules.node ? 'yes' : 'no');
    }
  });
});
