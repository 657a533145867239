import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The rule with its fixes and suggestions dropped from every report, for suites that test only what
 * is reported and where (client recognition, per-request contexts). The fixes themselves are tested,
 * with exact outputs, in test/fix/.
 */
export function withoutFixes<MessageIds extends string, Options extends readonly unknown[]>(
  rule: TSESLint.RuleModule<MessageIds, Options>,
): TSESLint.RuleModule<MessageIds, Options> {
  return {
    ...rule,
    create(context) {
      const reportOnly = Object.create(context, {
        report: { value: (descriptor: TSESLint.ReportDescriptor<MessageIds>) => context.report({ ...descriptor, fix: null, suggest: null }) },
      }) as typeof context;
      return rule.create(reportOnly);
    },
  };
}
