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
 * whole work on a file. The same options as the last file's are known without serialising them.
 */
export const createRule: typeof ruleCreator = (spec) => {
  const rule = ruleCreator(spec);
  type Options = Parameters<typeof spec.create>[1];
  const defaults = (spec.meta.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  let last: { readonly given: readonly unknown[]; readonly options: Options } | undefined;
  return {
    ...rule,
    create(context): RuleListener {
      const given = context.options;
      // ESLint copies the options array for every file, but not what it holds: without options in
      // the config that is the rule's own default object, every time.
      if (last === undefined || !sameElements(given, last.given)) {
        // Options are JSON (the schema says so).
        const key = JSON.stringify(given);
        let options = merged.get(key);
        if (options === undefined) merged.set(key, (options = ESLintUtils.applyDefault(defaults, given)));
        last = { given, options };
      }
      return spec.create(context, last.options);
    },
  };
};

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
