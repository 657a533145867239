import { isParenthesized } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

const MAX_CALLEE_LENGTH = 40;

/** How a message names a construction: `new Pool()`, `mysql.createPool()`, `kafka.producer()`. */
export function describeConstruction(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string {
  let callee = sourceCode.getText(node.callee).replace(/\s+/gu, ' ');
  if (callee.length > MAX_CALLEE_LENGTH) callee = `…${callee.slice(-MAX_CALLEE_LENGTH)}`;
  // `new (require('pg').Client)()` means something else without its parentheses.
  if (isCalleeParenthesized(node, sourceCode)) callee = `(${callee})`;
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${callee}()` : `${callee}()`;
}

/**
 * Between a call's (or `new`'s) start and its callee stand only `new`, spaces, comments and the
 * callee's opening parentheses: without a comment the text says it, without asking the tokens.
 */
function isCalleeParenthesized(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const between = sourceCode.text.slice(node.range[0], node.callee.range[0]);
  return between.includes('/') ? isParenthesized(node.callee as never, sourceCode as never) : between.includes('(');
}
