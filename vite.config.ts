import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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
  server: { host: '127.0.0.1', strictPort: false },
});
