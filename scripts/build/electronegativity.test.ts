// The security gate itself: a real electronegativity scan of small fixture trees must fail on an insecure
// window and pass only when each HIGH/MEDIUM finding is justified next to the code.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./electronegativity.mjs', import.meta.url));
let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

interface Report {
  findings: Array<{ id: string; severity: string; blocking: boolean; justified: string | null; file: string }>;
}

async function scan(mainSource: string): Promise<{ code: number; report: Report }> {
  dir = await mkdtemp(join(tmpdir(), 'sotto-eneg-'));
  await mkdir(join(dir, 'electron/main'), { recursive: true });
  await writeFile(join(dir, 'electron/main/index.ts'), mainSource);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, '--json', '--root', dir!], { maxBuffer: 10 * 1024 * 1024 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        resolve({ code, report: JSON.parse(stdout) as Report });
      } catch (parseError) {
        reject(new Error(`no JSON report (exit ${code}): ${String(parseError)}\n${stdout}`));
      }
    });
  });
}

const insecure = (justify: boolean) => `import { BrowserWindow } from 'electron';
export const w = new BrowserWindow({
  webPreferences: {
    ${justify ? '// electronegativity-justified: CONTEXT_ISOLATION_JS_CHECK: fixture' : ''}
    contextIsolation: false,
  },
});
`;

describe('electronegativity gate', () => {
  it('fails on a HIGH finding (contextIsolation: false)', async () => {
    const { code, report } = await scan(insecure(false));
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', blocking: true, file: 'electron/main/index.ts' }));
  });

  it('a justification comment unblocks exactly that check, nothing else', async () => {
    const { report } = await scan(insecure(true));
    const node = report.findings.find((f) => f.id === 'CONTEXT_ISOLATION_JS_CHECK');
    expect(node).toMatchObject({ blocking: false, justified: expect.stringContaining('CONTEXT_ISOLATION_JS_CHECK: fixture') });
    // The fixture has no navigation limits or permission handler: those global findings still block.
    expect(report.findings.some((f) => f.blocking)).toBe(true);
  });
});
