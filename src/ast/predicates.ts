import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** `x.name` / `x['name']` → `name`; `name` → `name`. */
export function staticName(node: TSESTree.Node | null | undefined): string | undefined {
  if (node == null) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type === AST_NODE_TYPES.MemberExpression) return node.computed ? stringValue(node.property) : staticName(node.property);
  return undefined;
}

/** The method or function name a call is made by: `app.get(…)` → `get`, `createServer(…)` → `createServer`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return staticName(call.callee);
}

/** The identifier the callee is named by: `db` in `db()`, `find` in `this.repo.find()`. */
export function calleeNameNode(callee: TSESTree.Node): TSESTree.Identifier | TSESTree.PrivateIdentifier | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee;
  // A non-computed member's property is an Identifier or a PrivateIdentifier.
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) return callee.property;
  return undefined;
}

/** The object a method is called on: `app` in `app.get(…)`. */
export function calleeReceiver(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Expression | undefined {
  return call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
}

/** A string literal's value, or `undefined`. */
export function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A route path argument: `'/users/:id'`, `` `/x/${y}` ``, `/regex/`, `['/a', '/b']`. */
export function isPathLike(node: TSESTree.Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.raw.startsWith('/') ?? false;
  if (node.type === AST_NODE_TYPES.Literal) return 'regex' in node || (typeof node.value === 'string' && /^[/*]/u.test(node.value));
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length > 0 && node.elements.every((e) => e !== null && isPathLike(e));
  return false;
}

/** The last name of a receiver chain: `this.app` → `app`, `router` → `router`. */
export function receiverName(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node?.type === AST_NODE_TYPES.MemberExpression) return staticName(node.property);
  return undefined;
}

/** The name a decorator is applied by: `@Get()` and `@Get` → `Get`. */
export function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expression = decorator.expression;
  return staticName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
}

/** Whether a body starts with the directive, e.g. `'use server'`. */
export function hasDirective(body: readonly TSESTree.ProgramStatement[] | readonly TSESTree.Statement[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

export function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** The nearest function around a node (not the node itself). */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}
