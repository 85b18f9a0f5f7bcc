/**
 * Runs a snippet of TypeScript in a child Node process (tsx), for tests whose failure mode is the death of the process
 * (an abort inside whisper.cpp, a blocked thread): the test sees an exit code or signal instead of dying with it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './test-assets';

export interface IsolatedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The child hung past the guard and was killed. */
  killed: boolean;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (the snippet's report), or null. */
  report: unknown;
}

/** Absolute import specifier for a repo file, for use inside a snippet. */
export const repoModule = (relative: string): string => JSON.stringify(path.join(repoRoot, relative));

/**
 * Runs `source` (an ES module; top-level await allowed) with `env` added. `hangGuardMs` only bounds a hung child
 * (it is killed and reported as such); nothing here measures time.
 */
export async function runIsolated(source: string, opts: { env?: NodeJS.ProcessEnv; hangGuardMs?: number } = {}): Promise<IsolatedRun> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-isolated-'));
  const script = path.join(dir, 'snippet.mts');
  await fs.writeFile(script, source);
  try {
    return await new Promise<IsolatedRun>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let killed = false;
      const guard = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, opts.hangGuardMs ?? 60_000);
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => {
        clearTimeout(guard);
        resolve({ code, signal, killed, stdout, stderr, report: lastJsonLine(stdout) });
      });
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function lastJsonLine(out: string): unknown {
  const line = out.trim().split('\n').pop();
  try {
    return line ? (JSON.parse(line) as unknown) : null;
  } catch {
    return null;
  }
}
