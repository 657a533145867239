import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { planHoist } from '../analysis/hoistability.js';
import { builderName } from '../analysis/client-catalogue.js';
import type { ClientMatch } from '../analysis/recognise-client.js';
import ts from 'typescript';
import { enclosingFunction, isFunctionNode } from '../ast/predicates.js';
import { typeServicesOf } from '../util/type-services.js';
import { hoistEdits } from './hoist-client.js';
import { present } from '../util/present.js';

/** The suggestions' titles, for the rules' `meta.messages`. */
export const HOIST_MESSAGES = {
  hoistToModule: 'Create it once at module scope',
  cacheByKey: 'Share one per {{key}} from a module-level cache',
} as const;

export type HoistSuggestionId = keyof typeof HOIST_MESSAGES;

type Fixes = Pick<TSESLint.ReportDescriptor<HoistSuggestionId>, 'fix' | 'suggest'>;

/**
 * The autofix (when hoisting is provably safe) or the editor suggestion (when the edit cannot see
 * everything: a conditional construction, a client passed on, a connection that never reconnects)
 * for a client built in repeated code; nothing when its arguments depend on the request or loop.
 */
export function hoistingFixes(
  construction: TSESTree.NewExpression | TSESTree.CallExpression,
  boundary: TSESTree.Node,
  match: ClientMatch,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  /** Why even a safe edit must stay a suggestion, if it must. */
  onlySuggest = false,
): Fixes {
  const plan = planHoist(construction, boundary, match.entry, context.sourceCode);
  if (plan === undefined) return {};
  const typescript = /\.[cm]?tsx?$/u.test(context.filename);
  const keyTypes = plan.keyParts.map((part) => primitiveTypeOf(present(part.nodes[0], 'key part'), context));
  // In TypeScript the cache's parameters need types: only plain strings, numbers and booleans are written.
  if (typescript && keyTypes.some((type) => type === undefined)) return {};
  const fix: TSESLint.ReportFixFunction = (fixer) =>
    hoistEdits(plan, context.sourceCode, typescript, keyTypes as string[]).map((edit) => fixer.replaceTextRange(edit.range, edit.text));
  const reconnects = !match.entry.builders.some((builder) => builder.reconnects === false && match.names.includes(builderName(builder)));
  onlySuggest ||= !isRegisteredAtModuleLevel(boundary);
  if (plan.safe && reconnects && !onlySuggest) return { fix };
  return plan.sharing === 'keyed'
    ? { suggest: [{ messageId: 'cacheByKey', data: { key: plan.keyParts.map((part) => `\`${part.text}\``).join(' and ') }, fix }] }
    : { suggest: [{ messageId: 'hoistToModule', fix }] };
}

function primitiveTypeOf(node: TSESTree.Node, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): string | undefined {
  const types = typeServicesOf(context);
  if (types === undefined) return undefined;
  const type = types.checker.getTypeAtLocation(types.toTs(node));
  const parts = type.isUnion() ? type.types : [type];
  const all = (like: ts.TypeFlags) => parts.every((part) => (part.flags & like) !== 0);
  if (all(ts.TypeFlags.StringLike)) return 'string';
  if (all(ts.TypeFlags.NumberLike)) return 'number';
  if (all(ts.TypeFlags.BooleanLike)) return 'boolean';
  return undefined;
}

/**
 * Whether the function holding the repeated code is itself written outside any function. A handler
 * registered inside `createApp()` may never be registered at all, so building its client when the
 * module loads would be a new start-up side effect: only a suggestion then.
 */
function isRegisteredAtModuleLevel(boundary: TSESTree.Node): boolean {
  const fn = isFunctionNode(boundary) ? boundary : enclosingFunction(boundary);
  return fn === undefined || enclosingFunction(fn) === undefined;
}
