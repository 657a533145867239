import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, calleeReceiver, enclosingFunction, isFunctionNode, isInside } from '../ast/predicates.js';
import { COLLECTING_METHODS } from '../catalogue/loops.js';
import type { LoopContext } from './loop-context.js';

/**
 * Whether a client built in a loop is kept for later — one per configuration entry, collected into
 * something that outlives the iteration (`pools.set(name, new Pool())`, `replicas.push(c)`,
 * `clients[name] = c`, `urls.map((u) => new Redis(u))`) — rather than used and dropped, which is churn.
 */
export function isCollectedClient(construction: TSESTree.Node, loop: LoopContext, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const value = outermostValue(construction);
  if (isCollectedValue(value, loop, sourceCode)) return true;
  const parent = value.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value) return false;
  return sourceCode
    .getDeclaredVariables(parent)
    .some((variable) => variable.references.some((reference) => !reference.init && isCollectedValue(reference.identifier, loop, sourceCode)));
}

function isCollectedValue(value: TSESTree.Node, loop: LoopContext, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const parent = value.parent;
  if (parent === undefined) return false;
  // A connect-with-retry loop returns the first client that connects: it ends with one client, not many.
  if (parent.type === AST_NODE_TYPES.ReturnStatement && loop.loop.type !== AST_NODE_TYPES.CallExpression) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
      return parent.arguments.some((argument) => argument === value) && COLLECTING_METHODS.has(calleeName(parent) ?? '') && outlivesIteration(calleeReceiver(parent), loop, sourceCode);
    case AST_NODE_TYPES.AssignmentExpression:
      // `clients[name] = c` keeps one per key; `client = c` overwrites it on every iteration.
      return parent.right === value && parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.computed && outlivesIteration(parent.left.object, loop, sourceCode);
    case AST_NODE_TYPES.Property:
      return parent.value === value && parent.parent.type === AST_NODE_TYPES.ObjectExpression && isReturnedFromCallback(parent.parent, loop);
    default:
      return isReturnedFromCallback(value, loop);
  }
}

/** `urls.map((u) => new Redis(u))` keeps what the callback returns, when the mapped array is used. */
function isReturnedFromCallback(value: TSESTree.Node, loop: LoopContext): boolean {
  const name = loop.loop.type === AST_NODE_TYPES.CallExpression ? calleeName(loop.loop) : undefined;
  if ((name !== 'map' && name !== 'flatMap' && name !== 'from') || !isFunctionNode(loop.body)) return false;
  const returned =
    loop.body.body === value || (value.parent?.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(value.parent) === loop.body);
  return returned && loop.loop.parent?.type !== AST_NODE_TYPES.ExpressionStatement;
}

/** A collection declared outside the loop body (or `this`): it keeps what is put in it after the iteration. */
function outlivesIteration(target: TSESTree.Node | undefined, loop: LoopContext, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root = target;
  while (root?.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root?.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(root, sourceCode);
  const declaration = variable?.defs[0]?.name as TSESTree.Node | undefined;
  return declaration === undefined || !isInside(declaration, loop.body);
}

/** `await amqp.connect()` and `x as Pool` are the same value. */
function outermostValue(node: TSESTree.Node): TSESTree.Node {
  let value = node;
  while (
    value.parent?.type === AST_NODE_TYPES.AwaitExpression ||
    value.parent?.type === AST_NODE_TYPES.TSAsExpression ||
    value.parent?.type === AST_NODE_TYPES.TSNonNullExpression
  )
    value = value.parent;
  return value;
}

