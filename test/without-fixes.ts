import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESLint } from '@typescript-eslint/utils';

type Edit = { range: readonly [number, number]; text: string };

/** Only what the plugin's fixes use; any other fixer call fails the test loudly. */
const fixer = {
  replaceTextRange: (range: readonly [number, number], text: string): Edit => ({ range, text }),
} as unknown as TSESLint.RuleFixer;

/**
 * The rule with its fixes and suggestions dropped from every report, for suites that test only what
 * is reported and where (client recognition, per-request contexts); the fixes' exact outputs are
 * tested in test/fix/. Every fix and suggestion is still applied here and must leave code that
 * parses, so hundreds of recognition cases also guard the fixes against broken syntax.
 */
export function withoutFixes<MessageIds extends string, Options extends readonly unknown[]>(
  rule: TSESLint.RuleModule<MessageIds, Options>,
): TSESLint.RuleModule<MessageIds, Options> {
  return {
    ...rule,
    create(context) {
      const reportOnly = Object.create(context, {
        report: {
          value: (descriptor: TSESLint.ReportDescriptor<MessageIds>) => {
            for (const fix of [descriptor.fix, ...(descriptor.suggest ?? []).map((suggestion) => suggestion.fix)])
              if (fix != null) expectParses(context.sourceCode.text, fix, context.filename);
            context.report({ ...descriptor, fix: null, suggest: null });
          },
        },
      }) as typeof context;
      return rule.create(reportOnly);
    },
  };
}

function expectParses(text: string, fix: TSESLint.ReportFixFunction, filename: string): void {
  const produced = fix(fixer);
  const edits = (produced == null ? [] : Symbol.iterator in produced ? [...produced] : [produced]) as unknown as Edit[];
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) output = output.slice(0, edit.range[0]) + edit.text + output.slice(edit.range[1]);
  try {
    parse(output, { jsx: filename.endsWith('x'), range: true });
  } catch (error) {
    throw new Error(`A fix left code that does not parse (${String(error)}):\n${output}`);
  }
}
