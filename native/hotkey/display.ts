import { connect } from 'node:net';

export type HookAvailability = { available: true } | { available: false; reason: string };

/**
 * Whether a global key hook can start. On Linux, libuiohook aborts the whole process
 * (SIGABRT, not a JS error) when it cannot open the X display, so this must be checked
 * before `start()`: DISPLAY must name an X server that accepts connections. A Wayland
 * session without XWayland has no global hook at all.
 */
export async function globalHookAvailability(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<HookAvailability> {
  if (platform === 'darwin' || platform === 'win32') return { available: true };
  const display = env.DISPLAY?.trim();
  if (!display) {
    return {
      available: false,
      reason: env.WAYLAND_DISPLAY
        ? 'this is a Wayland session without an X display (DISPLAY is not set), and Wayland does not allow global key hooks'
        : 'no X display is available (DISPLAY is not set)',
    };
  }
  const target = xDisplayTarget(display);
  if (!target) return { available: false, reason: `DISPLAY="${display}" is not an X display name like ":0"` };
  for (const candidate of target) {
    if (await canConnect(candidate)) return { available: true };
  }
  return { available: false, reason: `the X server at DISPLAY="${display}" does not accept connections` };
}

type SocketTarget = { path: string } | { host: string; port: number };

/** ":0", ":1.0", "unix:0", "localhost:10.0" → where that X server listens. */
export function xDisplayTarget(display: string): SocketTarget[] | null {
  const match = /^([^:]*):(\d+)(?:\.\d+)?$/.exec(display);
  if (!match) return null;
  const [, host = '', number = '0'] = match;
  if (host === '' || host === 'unix') {
    const path = `/tmp/.X11-unix/X${number}`;
    // Xorg and Xwayland also listen on the abstract socket; sandboxes sometimes hide the file one.
    return [{ path }, { path: `\0${path}` }];
  }
  return [{ host, port: 6000 + Number(number) }];
}

function canConnect(target: SocketTarget): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = 'path' in target ? connect({ path: target.path }) : connect({ host: target.host, port: target.port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
