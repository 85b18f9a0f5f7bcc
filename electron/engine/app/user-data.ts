import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** resources/ (model catalog, sample recording) of the source tree: the demo, the CLI and the dev host run from it; the packaged app passes its own. */
export const repoResourcesDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../resources');

/**
 * The folder Electron's app.getPath('userData') gives for productName "Sotto", so the headless
 * demo finds the settings and models the desktop app installed.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOTTO_USER_DATA) return env.SOTTO_USER_DATA;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Sotto');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Sotto');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Sotto');
}
