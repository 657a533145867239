import ts from 'typescript';

/** On the TypeScript AST (files the linter has not converted): where calls run, as the follower's ESTree walk sees it. */

const MAX_NODES_PER_BODY = 20_000;

/**
 * Every `new` and call that runs when `root` runs: not those inside functions it only defines, except
 * an immediately invoked function and a `new Promise` executor, and not those inside nested classes.
 */
export function callsIn(root: ts.Node): (ts.CallExpression | ts.NewExpression)[] {
  const found: (ts.CallExpression | ts.NewExpression)[] = [];
  let visited = 0;
  const visit = (node: ts.Node): void => {
    if (visited++ >= MAX_NODES_PER_BODY) return;
    if (ts.isClassLike(node) || (ts.isFunctionLike(node) && !runsImmediately(node))) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  // The root itself runs, even a field's arrow function (as the follower's ESTree walk has it).
  if (ts.isCallExpression(root) || ts.isNewExpression(root)) found.push(root);
  ts.forEachChild(root, visit);
  return found;
}

function runsImmediately(fn: ts.Node): boolean {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.expression === node) return true;
  return ts.isNewExpression(parent) && parent.arguments?.[0] === node && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise';
}

/** Where constructing the class runs code: each instance field initialiser, then the constructor's body. */
export function constructionBodies(cls: ts.ClassLikeDeclaration): ts.Node[] {
  const roots: ts.Node[] = [];
  for (const member of cls.members)
    if (ts.isPropertyDeclaration(member) && member.initializer !== undefined && (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) === 0) roots.push(member.initializer);
  const body = constructorOf(cls)?.body;
  if (body !== undefined) roots.push(body);
  return roots;
}

export function constructorOf(cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return cls.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
}

/** `Base` of `class X extends Base`. */
export function baseOf(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
  return cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = parentOf(node); current !== undefined; current = parentOf(current)) if (ts.isClassLike(current)) return current;
  return undefined;
}

/** A SourceFile has no parent, whatever ts.Node's type says. */
export function parentOf(node: ts.Node): ts.Node | undefined {
  const parent: ts.Node | undefined = node.parent;
  return parent;
}

/** `x`, `(x as T)`, `x satisfies T` → `x`. */
export function skipTypeWrappers(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  return inner;
}
