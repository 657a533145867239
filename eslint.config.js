// Lints this plugin's own code: typescript-eslint's strict type-checked rules everywhere,
// eslint-plugin-eslint-plugin's rule and test conventions where they apply.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/fixtures/', 'test/.tmp-*/', 'examples/', 'bench/', 'coverage/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Counts, lines and columns go into messages and generated code as they are; a number always
      // prints as intended. `undefined`, `null` and objects in a template stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `const { dropped: _, ...rest } = value` is how a copy without one property is written.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.rules,
    rules: {
      ...eslintPlugin.configs.rules.rules,
      // ESLintUtils.RuleCreator (src/util/create-rule.ts) fills meta.docs.url from the rule's name.
      'eslint-plugin/require-meta-docs-url': 'off',
      // Sentence case, as the rules table and doc titles show it (typescript-eslint's own pattern).
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) .+[^. ]$' }],
    },
  },
  { files: ['test/**/*.ts'], ...eslintPlugin.configs.tests },
);
