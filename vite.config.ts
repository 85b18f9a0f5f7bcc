import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repo = (dir: string) => fileURLToPath(new URL(dir, import.meta.url));

/**
 * Dev server only: React Refresh injects an inline preamble script, which the page's strict CSP
 * (script-src 'self') would block. The production build has no inline script and keeps the CSP.
 */
const relaxCspForDevServer = (): Plugin => ({
  name: 'sotto-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/, ''),
});

// The renderer: built into dist/ (electron-builder packs it; the dev host and e2e serve it).
export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the same build loads from app://, file:// and http://127.0.0.1.
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Inlined assets would become data: URLs; keep files so CSP needs nothing extra.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
    // The dev server answers anyone who reaches its port, without the host's token, and /@fs/ maps
    // URLs to disk paths: serve only what the renderer imports (Vite's optimised deps live in node_modules/.vite).
    fs: {
      strict: true,
      allow: [repo('renderer'), repo('electron/contract'), repo('node_modules')],
      deny: [
        // Vite's defaults (a deny list replaces them).
        '.env',
        '.env.*',
        '*.{crt,pem,key,p12,pfx,cer,der}',
        '.npmrc',
        '.yarnrc.yml',
        '**/.git/**',
        // Caches, test output and anything shaped like the engine's user data (audit log, settings, API key).
        '**/.cache/**',
        '**/test-results/**',
        '*.jsonl',
        'settings.json',
        '**/secrets/**',
        '*.enc',
      ],
    },
  },
});
