import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ProbeLine, type ProbeRequest, type ProbeResult, type ProbeStep } from './probe-protocol';

/** A running probe child, whatever started it (a Node child process here, an Electron utilityProcess in the app). */
export interface ProbeProcess {
  onStdout(listener: (chunk: string) => void): void;
  onStderr(listener: (chunk: string) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

/** Starts the probe child with these arguments (the request) and extra environment. */
export type ProbeLauncher = (args: string[], env: Record<string, string>) => ProbeProcess;

/** How a probe went: the child's own result, or how it died and in which step. */
export type ProbeOutcome = ProbeResult | { ok: false; reason: 'crashed' | 'timeout'; message: string; step: ProbeStep; devices: []; backends: [] };

const STEP_WORDS: Record<ProbeStep, string> = {
  start: 'while starting',
  backends: 'while loading the GPU backend (creating the Vulkan instance: a driver or an overlay layer such as Steam, OBS or a capture tool)',
  devices: 'while listing GPUs',
  load: 'while loading the speech model on the GPU',
  transcribe: 'while transcribing on the GPU',
};

/**
 * Runs one probe and never throws: a child that crashes, exits without a result or runs past `timeoutMs` (a hung driver;
 * compiling shaders the first time can take a while) becomes an outcome naming the step it was in.
 */
export function runProbe(launch: ProbeLauncher, request: ProbeRequest, opts: { timeoutMs: number; env?: Record<string, string> }): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const child = launch([JSON.stringify(request)], opts.env ?? {});
    let step: ProbeStep = 'start';
    let result: ProbeResult | null = null;
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => {
      finish({ ok: false, reason: 'timeout', step, message: `the GPU probe did not finish within ${Math.round(opts.timeoutMs / 1000)} s ${STEP_WORDS[step]}`, devices: [], backends: [] });
      child.kill();
    }, opts.timeoutMs);
    let settled = false;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    child.onStdout((chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = parseLine(line);
        if (parsed && 'step' in parsed) step = parsed.step;
        else if (parsed) result = parsed.result;
      }
    });
    child.onStderr((chunk) => (stderr = (stderr + chunk).slice(-2000)));
    child.onExit((code, signal) => {
      if (result) return finish(result);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
      finish({ ok: false, reason: 'crashed', step, message: `the GPU probe ${how} ${STEP_WORDS[step]}${detail ? `: ${detail}` : ''}`, devices: [], backends: [] });
    });
  });
}

function parseLine(line: string): ProbeLine | null {
  if (!line.trim()) return null;
  try {
    const parsed = ProbeLine.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not ours (a library printing to stdout)
  }
}

/**
 * The probe child in plain Node (engine tests, dev host, demo): this folder's probe-child run with the same Node, through
 * tsx when running from sources. The Electron app passes its own launcher (a utilityProcess on the bundled child).
 */
export function nodeProbeLauncher(entry = fileURLToPath(new URL('./probe-child.ts', import.meta.url))): ProbeLauncher {
  return (args, env) => {
    const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...loader, entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    return {
      onStdout: (l) => child.stdout.on('data', l),
      onStderr: (l) => child.stderr.on('data', l),
      onExit: (l) => {
        child.on('error', (e) => {
          child.stderr.emit('data', e.message);
          l(null, null);
        });
        child.on('close', (code, signal) => l(code, signal));
      },
      kill: () => child.kill('SIGKILL'),
    };
  };
}
