import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the pure layers (core and domain logic) may not import: I/O layers and libraries. */
const ioImports = [
  {
    group: [
      '**/channels/**',
      '**/channels',
      '**/store/**',
      '**/store',
      '**/http/**',
      '**/http',
      '**/shell/**',
    ],
    message:
      'src/core is pure: channels, store, http and the shell depend on it, never the reverse.',
  },
  {
    group: ['grammy', 'grammy/*', '@grammyjs/*'],
    message: 'grammY lives in src/channels/telegram only.',
  },
  { group: ['hono', 'hono/*'], message: 'hono lives in src/http and the channel routes.' },
  { group: ['@upstash/*'], message: 'Upstash lives in src/store only.' },
];

/** The core stays pure: no channels, store, http, or I/O libraries. */
const pureCore = {
  // The advice checks are pure too: data in, verdict out; so is the course logic (its
  // cron and job side lives in src/courses/shell).
  files: [
    'src/core/**/*.ts',
    'src/advice/**/*.ts',
    'src/courses/*.ts',
    // The survey model and runner; its store, export and admin side lives in src/surveys/io.
    'src/surveys/*.ts',
    'src/surveys/runner/*.ts',
    // Experiment assignment (block randomisation); its store side is the commit's `assign` op.
    'src/experiments/*.ts',
  ],
  rules: {
    'no-restricted-imports': ['error', { patterns: ioImports }],
    'no-restricted-globals': [
      'error',
      { name: 'fetch', message: 'The core does no I/O.' },
      { name: 'crypto', message: 'Inject ids through deps.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'Use deps.now().' },
      { object: 'Math', property: 'random', message: 'Inject randomness through deps.' },
    ],
  },
};

/**
 * The core knows no domain: domains plug into it (step types, actions, profile slices) and
 * the composition root (src/domains.ts, src/compose.ts) registers them. Nor does it read
 * content, configuration or translations: the program hands it what it needs.
 */
const coreKnowsNoDomain = {
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...ioImports,
          {
            group: ['advice', 'courses', 'surveys', 'broadcast', 'admin'].flatMap((d) => [
              `**/${d}`,
              `**/${d}/**`,
            ]),
            message:
              'src/core knows no domain: the domain registers its step types, actions and profile slices in src/domains.ts.',
          },
          {
            group: ['**/content', '**/content/**', '**/config', '**/i18n', '**/i18n/**'],
            message:
              'src/core reads no content, configuration or translations: the Program hands it flows, lists and `t`.',
          },
          {
            group: ['**/domains', '**/compose'],
            message: 'src/core does not import the composition root; the root imports the core.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.wrangler/',
      'dist/',
      'src/content/generated/',
      'bench/results.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { z }` keeps zod's whole namespace, 260 KB of error-message locales included;
      // `import * as z` lets the bundler drop what is unused (the bundle budget is 250 KB gzipped).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind='value'] ImportSpecifier[imported.name='z']",
          message:
            "Use `import * as z from 'zod'` so unused parts of zod can be left out of the bundle.",
        },
      ],
    },
  },
  pureCore,
  coreKnowsNoDomain,
);
