// Lint + the layer rules of DESIGN.md: a wrong import arrow fails `npm run lint` (and CI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Node built-ins, with and without the node: prefix. */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'worker_threads', 'url', 'events', 'util', 'zlib', 'dgram', 'tls', 'readline', 'process', 'buffer']
  .flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'native/build', 'test-results', 'playwright-report', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // contract → nothing (zod only). No Node APIs, no other layer.
  {
    files: ['electron/contract/**'],
    rules: restrict(['**/engine/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/native/**', 'electron', ...nodeBuiltins], 'electron/contract imports nothing but zod (layer rule).'),
  },
  // native → its npm addons only (and Node).
  {
    files: ['native/**'],
    rules: restrict(['**/electron/**', '**/renderer/**', 'electron'], 'native/ imports only its npm addons and Node (layer rule).'),
  },
  // engine → contract, native. Never electron, main, preload or renderer.
  {
    files: ['electron/engine/**'],
    rules: restrict(['electron', 'electron/*', '**/main/**', '**/preload/**', '**/renderer/**'], 'electron/engine runs in plain Node: it may import contract and native only (layer rule).'),
  },
  // main → engine, contract, native. Not renderer or preload.
  {
    files: ['electron/main/**'],
    rules: restrict(['**/renderer/**', '**/preload/**'], 'electron/main may import engine, contract and native only (layer rule).'),
  },
  // preload → contract (and electron's contextBridge/ipcRenderer).
  {
    files: ['electron/preload/**'],
    rules: restrict(['**/engine/**', '**/main/**', '**/renderer/**', '**/native/**', ...nodeBuiltins], 'electron/preload may import contract only (layer rule).'),
  },
  // renderer → contract only: no Node, no electron, no engine.
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['electron', '**/engine/**', '**/main/**', '**/preload/**', '**/native/**', ...nodeBuiltins], 'renderer/ may import electron/contract only (layer rule).'),
  },
);
