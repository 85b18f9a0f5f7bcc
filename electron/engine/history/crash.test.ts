import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test-support/models/test-assets';
import { History } from '.';

// A real process killed with SIGKILL (kill -9: no handler, no flush, no exit code of its own) while writing history.
// Node itself runs the child (tsx as a loader, not tsx's CLI, which would put a process in between that a SIGKILL
// ends while the writer lives on).
const CHILD = join(repoRoot, 'test-support', 'history', 'append-child.ts');
const SESSION = '20250301-120000-kill';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the child and kills it with SIGKILL as soon as `killWhen` holds for a line it printed. */
function runAndKill(mode: 'torn' | 'flood', killWhen: (line: string) => boolean): Promise<{ acknowledged: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const rows = buffered.split('\n');
      buffered = rows.pop()!;
      for (const row of rows) {
        const flushed = /^flushed (\d+)$/.exec(row);
        if (flushed) acknowledged = Number(flushed[1]);
        if (killWhen(row)) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close', not 'exit': every line it printed has been read by then.
    child.on('close', (_code, signal) => resolve({ acknowledged, signal }));
  });
}

async function readBack() {
  const history = new History({ dir, retention: () => 'forever', report: () => undefined });
  try {
    const sessions = await history.list();
    return { sessions, lines: sessions.length ? (await history.get(SESSION)).lines : [] };
  } finally {
    await history.close();
  }
}

describe('history survives kill -9', { timeout: 60_000 }, () => {
  it('killed with half a line on disk: every flushed line reads back, the torn one is ignored', async () => {
    const { signal, acknowledged } = await runAndKill('torn', (row) => row === 'torn');
    expect(signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, `${SESSION}.jsonl`), 'utf8').endsWith('"at":17409')).toBe(true);
    const { sessions, lines } = await readBack();
    expect(sessions).toEqual([expect.objectContaining({ id: SESSION, lines: acknowledged, current: false })]);
    expect(lines.map((l) => [l.id, l.text, l.translation])).toEqual([1, 2, 3].map((n) => [`line-${n}`, `caption number ${n}`, `übersetzt ${n}`]));
  });

  it('killed at a random moment while writing large lines: nothing acknowledged is lost, nothing read is damaged', async () => {
    const stopAt = 5 + Math.floor(Math.random() * 20);
    const { signal, acknowledged } = await runAndKill('flood', (row) => row === `flushed ${stopAt}`);
    expect(signal).toBe('SIGKILL');
    const { lines } = await readBack();
    expect(lines.length).toBeGreaterThanOrEqual(acknowledged);
    lines.forEach((line, i) => {
      expect(line.id).toBe(`line-${i + 1}`);
      expect(line.text.startsWith(`caption ${i + 1} word word`)).toBe(true);
      expect(line.text.length).toBe(`caption ${i + 1} `.length + 5 * 4000);
    });
  });
});
