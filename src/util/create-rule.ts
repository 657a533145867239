import { ESLintUtils } from '@typescript-eslint/utils';

export const REPOSITORY_URL = 'https://github.com/connection-reuse/eslint-plugin-connection-reuse';

/** Type-aware rules work without type information too, so `requiresTypeChecking` stays unset. */
export interface ConnectionReuseDocs {
  readonly recommended?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<ConnectionReuseDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/rules-docs/${name}.md`,
);
