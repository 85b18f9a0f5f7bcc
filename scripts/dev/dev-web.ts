/**
 * `npm run dev:web`: Sotto in a browser, driving the REAL engine (createEngineApp) over the
 * WebSocket dev host. Vite serves the renderer with hot reload and proxies /sotto to the host,
 * so the page and the socket share one origin (the page's CSP stays connect-src 'self').
 *
 *   npm run dev:web                      # Vite dev server on 127.0.0.1:5173
 *   npm run dev:web -- --static          # build once, served by the host itself (what e2e uses)
 *   npm run dev:web -- --vite-port 5180 --user-data /tmp/sotto-dev
 *
 * User data defaults to the OS's per-user cache folder (dev-user-data.ts), outside the checkout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServer, build } from 'vite';
import { WS_PATH } from '../../electron/contract';
import { createEngineApp } from '../../electron/engine/app/index';
import { startWsHost } from '../../electron/engine/host/ws-host';
import { MemorySecretStore } from '../../electron/engine/settings/memory-secrets';
import { defaultDevUserDataDir } from './dev-user-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    static: { type: 'boolean', default: false },
    'vite-port': { type: 'string', default: '5173' },
    'host-port': { type: 'string', default: '0' },
    'user-data': { type: 'string', default: defaultDevUserDataDir() },
  },
});

const vitePort = Number(values['vite-port']);
const hostPort = Number(values['host-port']);
if (!Number.isInteger(vitePort) || !Number.isInteger(hostPort)) {
  console.error('--vite-port and --host-port take whole numbers, e.g. --vite-port 5180.');
  process.exit(2);
}

const engine = await createEngineApp({ userDataDir: values['user-data']!, secrets: new MemorySecretStore() });
const configFile = path.join(root, 'vite.config.ts');
const viteOrigin = `http://127.0.0.1:${vitePort}`;

let closeVite: () => Promise<void> = async () => undefined;
let host;
if (values.static) {
  await build({ configFile, logLevel: 'warn' });
  host = await startWsHost(engine, { port: hostPort, staticDir: path.join(root, 'dist') });
  console.log(`\nSotto (static build) → ${host.pageUrl}#token=${encodeURIComponent(host.token)}\n`);
} else {
  host = await startWsHost(engine, { port: hostPort, allowedOrigins: [viteOrigin, `http://localhost:${vitePort}`] });
  const vite = await createServer({
    configFile,
    server: { port: vitePort, strictPort: true, proxy: { [WS_PATH]: { target: host.origin, ws: true } } },
  });
  await vite.listen();
  closeVite = () => vite.close();
  console.log(`\nSotto (Vite dev server) → ${viteOrigin}/#token=${encodeURIComponent(host.token)}\n`);
}
console.log(`Engine user data: ${values['user-data']}. Press Ctrl+C to stop.`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await closeVite();
  await host.close();
  await engine.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
