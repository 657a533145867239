import { findVariable } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isInside } from '../ast/predicates.js';
import { describeConstruction } from '../ast/describe.js';
import { isMemoisedConstruction } from '../analysis/memoised-store.js';
import { createClientRecogniser } from '../analysis/recognise-client.js';
import { createContextFinder } from '../analysis/repeated-context.js';
import { clientOptionsSchema, type ClientOptions } from '../options.js';
import { createRule } from '../util/create-rule.js';

export type Options = [ClientOptions];
export type MessageIds = 'clientInHandler' | 'connectInHandler';

export default createRule<Options, MessageIds>({
  name: 'no-client-in-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building connection-owning clients in code that runs on every request, message or event',
      recommended: true,
    },
    schema: [{ type: 'object', properties: clientOptionsSchema, additionalProperties: false }],
    defaultOptions: [{}],
    messages: {
      clientInHandler:
        '`{{construction}}` ({{package}}) runs on every {{every}}, so each {{unit}} opens {{opens}}; create it once at module scope and share it.',
      connectInHandler:
        '`{{construction}}` ({{package}}) connects on every {{every}}; connect once at start-up (or memoise the connect promise) and share the client.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const contexts = createContextFinder(context);
    const clients = createClientRecogniser(context, options);

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      // Cheap syntactic question first: module-level code runs once.
      const repeated = contexts.repeatedContextOf(node);
      if (repeated === undefined) return;
      const built = clients.builtBy(node);
      const connected = built === undefined && node.type === 'CallExpression' ? clients.connectedBy(node) : undefined;
      const match = built ?? connected;
      if (match === undefined || isMemoisedConstruction(node, repeated.fn, context.sourceCode)) return;
      if (connected !== undefined && isLocalClient(node as TSESTree.CallExpression, repeated.fn, context.sourceCode)) return;
      context.report({
        node,
        messageId: built === undefined ? 'connectInHandler' : 'clientInHandler',
        data: {
          construction: describeConstruction(node, context.sourceCode),
          package: match.entry.package,
          every: repeated.occasion.every,
          unit: repeated.occasion.unit,
          opens: match.entry.opens,
        },
      });
    }

    return { NewExpression: check, CallExpression: check };
  },
});

/**
 * `connect()` on a client that is local to the handler (built there, or handed in) is not a shared
 * client's connect: the construction is what gets reported.
 */
function isLocalClient(call: TSESTree.CallExpression, fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
  if (receiver?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(receiver) as never, receiver) as TSESLint.Scope.Variable | null;
  const declaration = variable?.defs[0]?.name as TSESTree.Node | undefined;
  return declaration !== undefined && isInside(declaration, fn);
}
