import ts from 'typescript';
import { fileSlot, perProgramFile } from '../util/memo.js';

// typescript's exports are getters: what the walks call on every node is read once, here.
const { SyntaxKind, canHaveModifiers, isBindingElement, isParameter, isVariableDeclaration, forEachChild, getModifiers, isArrowFunction, isAsExpression, isBinaryExpression, isCallExpression, isClassLike, isConstructorDeclaration, isElementAccessExpression, isFunctionExpression, isFunctionLike, isIdentifier, isNewExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyDeclaration, isSatisfiesExpression, isVariableStatement } = ts;

/** On the TypeScript AST (files the linter has not converted): where calls run, as the follower's ESTree walk sees it. */

const MAX_NODES_PER_BODY = 20_000;

/**
 * Every `new` and call that runs when `root` runs: not those inside functions it only defines, except
 * an immediately invoked function and a `new Promise` executor, not those inside nested classes, and
 * not those memoised (`ready ??= client.connect()`) into a binding of the module. Needs no parent pointers (a program's files have them only once its type checker has bound them).
 */
export function callsIn(root: ts.Node, file: ts.SourceFile): (ts.CallExpression | ts.NewExpression)[] {
  const found: (ts.CallExpression | ts.NewExpression)[] = [];
  let visited = 0;
  const visit = (node: ts.Node): void => {
    if (visited++ >= MAX_NODES_PER_BODY || isClassLike(node) || isFunctionLike(node) || isMemoisingAssignment(node, file)) return;
    if (isCallExpression(node) || isNewExpression(node)) {
      found.push(node);
      const body = immediatelyRun(node)?.body;
      if (body !== undefined) visit(body);
    }
    forEachChild(node, visit);
  };
  // The root itself runs when it is a call (a field initialiser `pool = new Pool()`).
  if (isCallExpression(root) || isNewExpression(root)) found.push(root);
  forEachChild(root, visit);
  return found;
}

/**
 * `x ??= …` or `x ||= …` into what outlives one call: a module-level variable that no function of
 * the file shadows, or a property of `this` or `globalThis`. The sure cases of
 * `isMemoisedConstruction`; the rest is left to it.
 */
export function isMemoisingAssignment(node: ts.Node, file: ts.SourceFile): boolean {
  if (!isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator !== SyntaxKind.QuestionQuestionEqualsToken && operator !== SyntaxKind.BarBarEqualsToken) return false;
  if (isIdentifier(node.left)) return moduleVariables(file).has(node.left.text);
  let root: ts.Expression = node.left;
  while (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = root.expression;
  return root.kind === SyntaxKind.ThisKeyword || (isIdentifier(root) && (root.text === 'globalThis' || root.text === 'global'));
}

const MODULE_VARIABLES = fileSlot<ReadonlySet<string>>('unshadowed module variables');

/** The names a file's top-level `let`, `const` and `var` statements declare and no inner declaration shadows (asked only when a file memoises). */
function moduleVariables(file: ts.SourceFile): ReadonlySet<string> {
  return perProgramFile(file, MODULE_VARIABLES, unshadowedModuleVariables);
}

function unshadowedModuleVariables(file: ts.SourceFile): ReadonlySet<string> {
  const topLevel = new Set<ts.Node>();
  const found = new Set<string>();
  for (const statement of file.statements) {
    if (!isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      topLevel.add(declaration);
      if (isIdentifier(declaration.name)) found.add(declaration.name.text);
    }
  }
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if ((isVariableDeclaration(node) || isParameter(node) || isBindingElement(node)) && !topLevel.has(node) && name !== undefined && isIdentifier(name)) found.delete(name.text);
    forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The function a call runs right away: `(() => …)()`, `new Promise((resolve) => …)`. */
export function immediatelyRun(call: ts.CallExpression | ts.NewExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const callee = skipTypeWrappers(call.expression);
  const fn = isCallExpression(call) ? callee : isIdentifier(callee) && callee.text === 'Promise' ? call.arguments?.[0] : undefined;
  const value = fn === undefined ? undefined : skipTypeWrappers(fn);
  return value !== undefined && (isArrowFunction(value) || isFunctionExpression(value)) ? value : undefined;
}

/**
 * Where constructing the class runs code: each instance field initialiser, then the constructor's
 * body. A field holding a function (`handler = () => new Pool()`) runs it only when called.
 */
export function constructionBodies(cls: ts.ClassLikeDeclaration): ts.Node[] {
  const roots: ts.Node[] = [];
  for (const member of cls.members) {
    if (!isPropertyDeclaration(member) || member.initializer === undefined || hasModifier(member, SyntaxKind.StaticKeyword)) continue;
    const value = skipTypeWrappers(member.initializer);
    if (!isArrowFunction(value) && !isFunctionExpression(value)) roots.push(member.initializer);
  }
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
