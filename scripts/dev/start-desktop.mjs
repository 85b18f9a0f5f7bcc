// `npm start`: build the app and open it with Electron (on a desktop). Fetches Electron's binary first
// when the install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD, or an npm that does not run install scripts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('Electron’s binary is not installed yet: downloading it (one time)…');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  run(process.execPath, [path.join(electronDir, 'install.js')], env);
}
run('npm', ['run', 'build']);
const electron = require('electron'); // the binary's path, once installed
run(electron, ['.', ...process.argv.slice(2)]);
