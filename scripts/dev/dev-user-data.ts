import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where `npm run dev:web` keeps its engine's user data (settings, audit.jsonl, models) unless
 * --user-data says otherwise: the OS's per-user cache folder. Not the checkout (the Vite dev
 * server serves files from it) and not os.tmpdir() (shared by every user of the machine).
 */
export function defaultDevUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const cache =
    platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : (env.XDG_CACHE_HOME ?? join(home, '.cache'));
  return join(cache, 'sotto-dev-user-data');
}
