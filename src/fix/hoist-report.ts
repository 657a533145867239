import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { planHoist } from '../analysis/hoistability.js';
import { builderName } from '../analysis/client-catalogue.js';
import type { ClientMatch } from '../analysis/recognise-client.js';
import { hoistEdits } from './hoist-client.js';

export const HOIST_SUGGESTION = 'Create it once at module scope';

type Fixes<SuggestionId extends string> = Pick<TSESLint.ReportDescriptor<SuggestionId>, 'fix' | 'suggest'>;

/**
 * The autofix (when hoisting is provably safe) or the editor suggestion (when the edit cannot see
 * everything: a conditional construction, a client passed on, a connection that never reconnects)
 * for a client built in repeated code; nothing when its arguments depend on the request or loop.
 */
export function hoistingFixes<SuggestionId extends string>(
  construction: TSESTree.NewExpression | TSESTree.CallExpression,
  boundary: TSESTree.Node,
  match: ClientMatch,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  suggestionId: SuggestionId,
  /** Why even a safe edit must stay a suggestion, if it must. */
  onlySuggest = false,
): Fixes<SuggestionId> {
  const plan = planHoist(construction, boundary, match.entry, context.sourceCode);
  if (plan === undefined) return {};
  const typescript = /\.[cm]?tsx?$/u.test(context.filename);
  const fix: TSESLint.ReportFixFunction = (fixer) =>
    hoistEdits(plan, context.sourceCode, typescript).map((edit) => fixer.replaceTextRange(edit.range, edit.text));
  const reconnects = !match.entry.builders.some((builder) => builder.reconnects === false && match.names.includes(builderName(builder)));
  return plan.safe && reconnects && !onlySuggest ? { fix } : { suggest: [{ messageId: suggestionId, fix }] };
}
