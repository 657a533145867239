// Flat config for the bundled example service: `npm run demo` builds the plugin and lints examples/app.
import tsParser from '@typescript-eslint/parser';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import connectionReuse from '../dist/index.js';

const appRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app');

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: {
        // Type information lets the rule recognise clients and handlers through aliases and parameter types.
        projectService: true,
        tsconfigRootDir: appRoot,
      },
    },
  },
  connectionReuse.configs.recommended,
  {
    // The example is deliberately full of mistakes: report them as warnings so the demo exits 0.
    rules: Object.fromEntries(Object.keys(connectionReuse.rules).map((rule) => [`connection-reuse/${rule}`, 'warn'])),
  },
];
