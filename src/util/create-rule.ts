import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleListener } from '@typescript-eslint/utils/ts-eslint';

export const REPOSITORY_URL = 'https://github.com/connection-reuse/eslint-plugin-connection-reuse';

/** Type-aware rules work without type information too, so `requiresTypeChecking` stays unset. */
export interface ConnectionReuseDocs {
  readonly recommended?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<ConnectionReuseDocs>((name) => `${REPOSITORY_URL}/blob/main/rules-docs/${name}.md`);

/**
 * typescript-eslint's RuleCreator (the docs URL, `meta.defaultOptions`), whose `create` gets the
 * options merged with the defaults once per distinct options instead of once per file and rule:
 * its own merge starts with a `structuredClone` of the defaults, which costs more than some rules'
 * whole work on a file.
 */
export const createRule: typeof ruleCreator = (spec) => {
  const rule = ruleCreator(spec);
  type Options = Parameters<typeof spec.create>[1];
  const defaults = (spec.meta.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  return {
    ...rule,
    create(context): RuleListener {
      // Options are JSON (the schema says so), and ESLint copies them for every file.
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) merged.set(key, (options = ESLintUtils.applyDefault(defaults, context.options)));
      return spec.create(context, options);
    },
  };
};
