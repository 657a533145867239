import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

interface Plugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly rules: typeof rules;
  readonly configs: { readonly recommended: TSESLint.FlatConfig.Config };
}

const plugin: Plugin = {
  meta: { name, version, namespace: 'connection-reuse' },
  rules,
  configs: {
    get recommended() {
      return recommended;
    },
  },
};

/** Every rule as an error; works with and without type information. */
const recommended: TSESLint.FlatConfig.Config = {
  name: 'connection-reuse/recommended',
  plugins: { 'connection-reuse': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: Object.fromEntries(Object.keys(rules).map((rule) => [`connection-reuse/${rule}`, 'error'])),
};

export default plugin;
// `require('eslint-plugin-connection-reuse')` returns the plugin itself (Node ≥ 20.19 loads ES modules from CommonJS).
export { plugin as 'module.exports' };
