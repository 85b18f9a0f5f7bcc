// `npm run models -- list | download <id> [--yes] | import <id> <path> | delete <id>`:
// the app's model manager from a terminal (headless machines, scripted installs). Same folder, checks and egress.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultUserDataDir, repoResourcesDir } from '../app/user-data';
import { createAppEgress, createAppModelManager } from '../app/app-egress';
import { SettingsStore } from '../settings/store';
import { loadCatalog } from '../models/catalog';

const USAGE = `Usage: npm run models -- list
       npm run models -- download <id> [--yes]     (--yes: allow this download while all-local mode is on)
       npm run models -- import <id> <file-or-folder>
       npm run models -- delete <id>
Options: --user-data DIR (default: the app's folder)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', default: false }, 'user-data': { type: 'string' } } });
  const [command, id, path] = positionals;
  const userData = values['user-data'] ?? defaultUserDataDir();
  const settings = (await SettingsStore.open({ dir: userData })).get();
  const catalog = await loadCatalog(join(repoResourcesDir, 'models.json'));
  const egress = createAppEgress(() => settings, catalog, userData);
  let lastLine = 0;
  const models = createAppModelManager(egress, {
    catalog,
    modelsDir: join(userData, 'models'),
    settings: () => settings,
    onProgress: (p) => {
      const now = Date.now();
      if (p.state === 'downloading' && now - lastLine < 1000) return;
      lastLine = now;
      const pct = p.total ? ` ${((p.bytes / p.total) * 100).toFixed(1)} %` : '';
      const eta = p.eta_s !== null ? ` · ${Math.ceil(p.eta_s)} s left` : '';
      console.log(`${p.id}: ${p.state}${pct} · ${(p.bytes / 1e6).toFixed(1)} MB · ${(p.speed_bps / 1e6).toFixed(1)} MB/s${eta}${p.message ? ` · ${p.message}` : ''}`);
    },
  });
  switch (command) {
    case 'list':
      for (const m of await models.list()) {
        console.log(`${m.installed ? '✓' : ' '} ${m.id.padEnd(28)} ${m.kind.padEnd(11)} ${(m.size / 1e6).toFixed(0).padStart(5)} MB  ${m.description}`);
      }
      console.log(`\nInstalled models live in ${models.modelsDir}`);
      return 0;
    case 'download':
      if (!id) break;
      await models.download(id, { allowInAllLocal: values.yes });
      console.log(`${id} is installed in ${await models.installedPath(id)}`);
      return 0;
    case 'import':
      if (!id || !path) break;
      await models.import(id, path);
      console.log(`${id} is installed in ${await models.installedPath(id)}`);
      return 0;
    case 'delete':
      if (!id) break;
      await models.delete(id);
      console.log(`${id} was deleted.`);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error & { action?: string }) => {
    console.error(`${error.message}${error.action ? `\nWhat to do: ${error.action}` : ''}`);
    process.exitCode = 1;
  },
);
