import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md are enforced by eslint (eslint.config.js); this proves a wrong arrow fails.
const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['renderer/probe.ts', "import { app } from 'electron';"],
    ['renderer/probe.ts', "import { createEgress } from '../../electron/engine/egress';"],
    ['renderer/probe.ts', "import fs from 'node:fs';"],
    ['electron/contract/probe.ts', "import { createEgress } from '../engine/egress';"],
    ['electron/contract/probe.ts', "import path from 'path';"],
    ['electron/contract/probe.ts', "import { x } from 'node:events';"],
    ['renderer/probe.ts', "import { readFile } from 'fs/promises';"],
    ['electron/engine/probe.ts', "import { app } from 'electron';"],
    ['electron/engine/probe.ts', "import { x } from '../main/index';"],
    ['electron/preload/probe.ts', "import { createEgress } from '../engine/egress';"],
    ['electron/main/probe.ts', "import { x } from '../../renderer/store';"],
    ['native/probe.ts', "import { Settings } from '../../electron/contract';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['renderer/probe.ts', "import { Settings } from '../../electron/contract';"],
    ['electron/engine/probe.ts', "import { Settings } from '../contract';"],
    ['electron/contract/probe.ts', "import { Lane } from './events';"],
    ['electron/engine/probe.ts', "import { loadWhisperModel } from '../../native/whisper';"],
    ['electron/main/probe.ts', "import { app } from 'electron';"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
