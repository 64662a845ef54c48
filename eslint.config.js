// Type-aware lint for the whole repository. The games/ block is how purity is enforced:
// a game module may not reach the clock, the OS, the network or ambient randomness.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureGlobals = [
  'Date',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'process',
  'performance',
  'crypto',
  'fetch',
  'console',
  'require',
  'globalThis',
  'window',
  'document',
  'Buffer',
].map((name) => ({ name, message: 'Game code is pure: no clock, I/O or ambient state.' }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'artifacts/**',
      '.tmp/**',
      '.data/**',
      'web/dist/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Pure code: the games, and the autoscaler's rules and simulator (the same function the
    // controller, the simulator and the tests run).
    files: [
      'src/games/**/*.ts',
      'src/autoscale/rules.ts',
      'src/autoscale/simulate.ts',
      'src/autoscale/cluster-sample.ts',
      'src/autoscale/forecast.ts',
      'src/autoscale/load-curve.ts',
    ],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng from the game state.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(node:|fs|net|http|https|os|child_process|worker_threads|crypto|ws|pino|kysely|better-sqlite3)',
              message: 'Pure code (games, autoscaler rules): no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
