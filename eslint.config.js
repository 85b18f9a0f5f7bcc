// Lint, plus Sotto's layer rules: a wrong import arrow, an unclassified npm package, or a folder cycle in the engine
// fails `npm run lint` (and CI). The table lives in scripts/lint/layers.mjs; the rules in scripts/lint/plugin.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import sotto from './scripts/lint/plugin.mjs';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'native/build', 'test-results', 'playwright-report', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { sotto },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Both rules look only at product files (electron/, native/, renderer/) that are not tests.
      'sotto/layers': 'error',
      'sotto/folder-cycles': 'error',
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
