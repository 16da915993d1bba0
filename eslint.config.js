// Layering is a lint error, like VS Code's layer rule:
//  - electron/core (loaders, engine, store, signing, reports) never imports Electron,
//    the Electron main/preload code, the CLI, or the renderer;
//  - the renderer never imports Node or Electron, and reaches the core only through the API contract.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.bench-data/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The core must not import Electron (it also runs in the CLI and browser host).' }],
        patterns: [
          { group: ['electron/*'], message: 'The core must not import Electron.' },
          { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**', '**/host/**'], message: 'The core must not import the shell, CLI or renderer layers.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer must not import Electron; use the API object.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer must not import Node built-ins.' })),
        ],
        patterns: [
          { group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/cli/**', '**/electron/host/**'], message: 'The renderer reaches the core only through the API contract (electron/shared).' },
          { group: ['better-sqlite3', 'node:*'], message: 'The renderer must not import Node modules.' },
        ],
      }],
    },
  },
  {
    // The renderer's unit tests run in Node (node:test); the code they test still may not.
    files: ['renderer/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
