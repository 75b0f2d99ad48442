// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Node modules that perform I/O or carry nondeterminism: forbidden where code must be pure. */
const impureModules = [
  'fs',
  'fs/promises',
  'child_process',
  'os',
  'net',
  'http',
  'https',
  'crypto',
  'process',
  'worker_threads',
  'readline',
  'timers',
  'timers/promises',
  'perf_hooks',
].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'coverage/**', '.demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'import/no-default-export': 'off',
    },
  },
  // Type-aware rules on every TypeScript file (the ones tsconfig.json covers): floating and
  // misused promises, needless type assertions, unsafe `any`, thenables, thrown non-errors.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Ports are promise-returning interfaces; an implementation that has nothing to wait for is
      // still an `async` method (the idiom), not a `Promise.resolve` wrapper.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
      ],
      // No import cycle between modules (type-only imports are erased at build and not counted).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Rule 2 and 4 of architecture.md: machines and projections are pure.
    files: [
      'src/machines/**/*.ts',
      'src/projections/**/*.ts',
      'src/domain/**/*.ts',
      'src/formats/**/*.ts',
      'src/events/**/*.ts',
      'src/events.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impureModules.map((name) => ({
            name,
            message: 'Machines and projections do no I/O: move this into an actor or adapter.',
          })),
          patterns: [
            {
              group: ['**/adapters/**', '**/actors/**', '**/cli/**', '**/runtime*'],
              message: 'Machines and projections import only events/errors and their own kind.',
            },
            { group: ['simple-git'], message: 'git lives in actors.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process/env access in pure code: it arrives in events.' },
        { name: 'performance', message: 'No clock in pure code: time arrives in events.' },
        { name: 'setTimeout', message: 'No timers in pure code: timers are logged events.' },
        { name: 'setInterval', message: 'No timers in pure code: timers are logged events.' },
        { name: 'fetch', message: 'No I/O in pure code.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in pure code: use the event ts.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock in pure code: use the event ts.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'No randomness in pure code: ids arrive in events.',
        },
        {
          selector: "MemberExpression[object.name='crypto']",
          message: 'No randomness in pure code.',
        },
      ],
    },
  },
);
