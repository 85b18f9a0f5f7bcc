// Lint + the layer rules of DESIGN.md: a wrong import arrow fails `npm run lint` (and CI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Node built-ins by exact name (a gitignore-style pattern like 'events' would also match './events'),
 * plus every 'node:' specifier by pattern.
 */
const nodeBuiltinNames = builtinModules.filter((m) => !m.startsWith('_'));
const nodePattern = 'node:*';

/** The 'electron' module itself (exact name: a pattern would also match the electron/ folder). */
const electronModule = ['electron', 'electron/main', 'electron/renderer', 'electron/common'];

const restrict = (patterns, message, { noElectron = false, noNode = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...(noElectron ? electronModule : []), ...(noNode ? nodeBuiltinNames : [])].map((name) => ({ name, message })),
      patterns: [{ group: noNode ? [...patterns, nodePattern] : patterns, message }],
    },
  ],
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
    rules: restrict(['**/engine/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/native/**'], 'electron/contract imports nothing but zod (layer rule).', { noElectron: true, noNode: true }),
  },
  // native → its npm addons only (and Node).
  {
    files: ['native/**'],
    rules: restrict(['**/electron/**', '**/renderer/**'], 'native/ imports only its npm addons and Node (layer rule).', { noElectron: true }),
  },
  // engine → contract, native. Never electron, main, preload or renderer.
  {
    files: ['electron/engine/**'],
    rules: restrict(['**/main/**', '**/preload/**', '**/renderer/**'], 'electron/engine runs in plain Node: it may import contract and native only (layer rule).', { noElectron: true }),
  },
  // main → engine, contract, native. Not renderer or preload.
  {
    files: ['electron/main/**'],
    rules: restrict(['**/renderer/**', '**/preload/**'], 'electron/main may import engine, contract and native only (layer rule).'),
  },
  // preload → contract (and electron's contextBridge/ipcRenderer).
  {
    files: ['electron/preload/**'],
    rules: restrict(['**/engine/**', '**/main/**', '**/renderer/**', '**/native/**'], 'electron/preload may import contract only (layer rule).', { noNode: true }),
  },
  // renderer → contract only: no Node, no electron, no engine.
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['**/engine/**', '**/main/**', '**/preload/**', '**/native/**'], 'renderer/ may import electron/contract only (layer rule).', { noElectron: true, noNode: true }),
  },
);
