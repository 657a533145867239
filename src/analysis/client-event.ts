import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isInside } from '../ast/predicates.js';
import { isMemoisedConstruction } from './memoised-store.js';
import type { ClientMatch, ClientRecogniser } from './recognise-client.js';

/** A client built, or a shared client connected, by one expression inside repeated code. */
export interface ClientEvent {
  readonly match: ClientMatch;
  readonly event: 'build' | 'connect';
}

/**
 * What a `new`/call expression does to a client, seen from repeated code (`boundary`: a handler or
 * a loop body). Lazily memoised constructions count for nothing, and `connect()` on a client
 * local to the boundary is left to its construction's report.
 */
export function clientEventOf(
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  boundary: TSESTree.Node,
  clients: ClientRecogniser,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ClientEvent | undefined {
  // Syntactic, so before the type checker: `client ??= new X()` counts for nothing whatever X is.
  if (isMemoisedConstruction(node, boundary, sourceCode)) return undefined;
  const built = clients.builtBy(node);
  const connected = built === undefined && node.type === AST_NODE_TYPES.CallExpression ? clients.connectedBy(node) : undefined;
  if (connected !== undefined && (isLocalClient(node as TSESTree.CallExpression, boundary, sourceCode) || connectsWhatItBuilds(node as TSESTree.CallExpression, clients)))
    return undefined;
  const match = built ?? connected;
  return match && { match, event: built === undefined ? 'connect' : 'build' };
}

function isLocalClient(call: TSESTree.CallExpression, boundary: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
  if (receiver?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(receiver, sourceCode);
  const declaration = variable?.defs[0]?.name as TSESTree.Node | undefined;
  return declaration !== undefined && isInside(declaration, boundary);
}

/** `new sql.ConnectionPool(url).connect()`: the construction in the receiver is the one report. */
function connectsWhatItBuilds(call: TSESTree.CallExpression, clients: ClientRecogniser): boolean {
  const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
  return (receiver?.type === AST_NODE_TYPES.NewExpression || receiver?.type === AST_NODE_TYPES.CallExpression) && clients.builtBy(receiver) !== undefined;
}
