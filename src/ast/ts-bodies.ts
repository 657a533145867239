import ts from 'typescript';

// typescript's exports are getters: what the walks call on every node is read once, here.
const { SyntaxKind, canHaveModifiers, forEachChild, getModifiers, isArrowFunction, isAsExpression, isBinaryExpression, isCallExpression, isClassLike, isConstructorDeclaration, isElementAccessExpression, isFunctionExpression, isFunctionLike, isIdentifier, isNewExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyDeclaration, isSatisfiesExpression, isVariableStatement } = ts;

/** On the TypeScript AST (files the linter has not converted): where calls run, as the follower's ESTree walk sees it. */

const MAX_NODES_PER_BODY = 20_000;

/**
 * Every `new` and call that runs when `root` runs: not those inside functions it only defines, except
 * an immediately invoked function and a `new Promise` executor, not those inside nested classes, and
 * not those memoised (`ready ??= client.connect()`) into a binding of the module. Needs no parent pointers (a program's files have them only once its type checker has bound them).
 */
export function callsIn(root: ts.Node, file: ts.SourceFile): (ts.CallExpression | ts.NewExpression)[] {
  const found: (ts.CallExpression | ts.NewExpression)[] = [];
  const kept = moduleVariables(file);
  let visited = 0;
  const visit = (node: ts.Node): void => {
    if (visited++ >= MAX_NODES_PER_BODY || isClassLike(node) || isFunctionLike(node) || isMemoisingAssignment(node, kept)) return;
    if (isCallExpression(node) || isNewExpression(node)) {
      found.push(node);
      const body = immediatelyRun(node)?.body;
      if (body !== undefined) visit(body);
    }
    forEachChild(node, visit);
  };
  // The root itself runs, even a field's arrow function (as the follower's ESTree walk has it).
  if (isCallExpression(root) || isNewExpression(root)) found.push(root);
  forEachChild(root, visit);
  return found;
}

/**
 * `x ??= …` or `x ||= …` into what outlives one call: a module-level variable, or a property of
 * `this` or `globalThis`. The sure cases of `isMemoisedConstruction`; the rest is left to it.
 */
export function isMemoisingAssignment(node: ts.Node, kept: ReadonlySet<string>): boolean {
  if (!isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator !== SyntaxKind.QuestionQuestionEqualsToken && operator !== SyntaxKind.BarBarEqualsToken) return false;
  if (isIdentifier(node.left)) return kept.has(node.left.text);
  let root: ts.Expression = node.left;
  while (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = root.expression;
  return root.kind === SyntaxKind.ThisKeyword || (isIdentifier(root) && (root.text === 'globalThis' || root.text === 'global'));
}

const variablesByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** The names a file's top-level `let`, `const` and `var` statements declare. */
export function moduleVariables(file: ts.SourceFile): ReadonlySet<string> {
  let names = variablesByFile.get(file);
  if (names === undefined) {
    const found = new Set<string>();
    for (const statement of file.statements)
      if (isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) if (isIdentifier(declaration.name)) found.add(declaration.name.text);
    variablesByFile.set(file, (names = found));
  }
  return names;
}

/** The function a call runs right away: `(() => …)()`, `new Promise((resolve) => …)`. */
export function immediatelyRun(call: ts.CallExpression | ts.NewExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const callee = skipTypeWrappers(call.expression);
  const fn = isCallExpression(call) ? callee : isIdentifier(callee) && callee.text === 'Promise' ? call.arguments?.[0] : undefined;
  return fn !== undefined && (isArrowFunction(fn) || isFunctionExpression(fn)) ? fn : undefined;
}

/** Where constructing the class runs code: each instance field initialiser, then the constructor's body. */
export function constructionBodies(cls: ts.ClassLikeDeclaration): ts.Node[] {
  const roots: ts.Node[] = [];
  for (const member of cls.members)
    if (isPropertyDeclaration(member) && member.initializer !== undefined && !hasModifier(member, SyntaxKind.StaticKeyword)) roots.push(member.initializer);
  const body = constructorOf(cls)?.body;
  if (body !== undefined) roots.push(body);
  return roots;
}

export function constructorOf(cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return cls.members.find((member): member is ts.ConstructorDeclaration => isConstructorDeclaration(member) && member.body !== undefined);
}

/** `Base` of `class X extends Base`. */
export function baseOf(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
  return cls.heritageClauses?.find((clause) => clause.token === SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

/** A SourceFile has no parent, whatever ts.Node's type says. */
export function parentOf(node: ts.Node): ts.Node | undefined {
  const parent: ts.Node | undefined = node.parent;
  return parent;
}

/** `x`, `(x as T)`, `x satisfies T` → `x`. */
export function skipTypeWrappers(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (isParenthesizedExpression(inner) || isAsExpression(inner) || isSatisfiesExpression(inner)) inner = inner.expression;
  return inner;
}

/** Read from the node's own modifiers: no parent pointers needed. */
export function hasModifier(node: ts.Node, kind: ts.ModifierSyntaxKind): boolean {
  return canHaveModifiers(node) && (getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}
