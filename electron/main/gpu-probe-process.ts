import { utilityProcess } from 'electron';
import type { ProbeLauncher } from '../engine/asr-device/probe';

/**
 * The GPU probe in an Electron utilityProcess: the packaged app's fuses refuse ELECTRON_RUN_AS_NODE, so a Node child
 * cannot be started from its binary. `entry` is the bundled probe (dist-electron/gpu-probe.mjs); the child loads the
 * addon from the app's own native folder, told through SOTTO_NATIVE_DIR.
 */
export function utilityProbeLauncher(entry: string, nativeDir: string): ProbeLauncher {
  return (args, env) => {
    const child = utilityProcess.fork(entry, args, { stdio: 'pipe', serviceName: 'Sotto GPU probe', env: { ...process.env, ...env, SOTTO_NATIVE_DIR: nativeDir } });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    return {
      onStdout: (l) => child.stdout?.on('data', l),
      onStderr: (l) => child.stderr?.on('data', l),
      // A utilityProcess that crashes exits with a non-zero code; it reports no signal.
      onExit: (l) => child.once('exit', (code) => l(code, null)),
      kill: () => child.kill(),
    };
  };
}
