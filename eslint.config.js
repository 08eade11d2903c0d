import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dialogs decide, adapters translate: a dialog never talks to a channel library directly.
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node-telegram-bot-api', 'whatsapp-web.js', 'pg', '@electric-sql/pglite', 'kysely'],
          patterns: ['**/channels/**', '**/storage/**'],
        },
      ],
    },
  },
);
