import ts from 'typescript';
import { declaringPackage } from './declaring-package.js';
import { baseOf, callsIn, constructionBodies, constructorOf, skipTypeWrappers } from '../ast/ts-bodies.js';
import type { NameFilter } from './reaching-names.js';

/**
 * The declaration whose body runs when `symbol` is called (or constructed, `isNew`): a function,
 * method, `const f = () => …`, or a class — if it is the project's own code with exactly one body.
 * Overloads, merged declarations, `let`s, declaration files and packages are not followed.
 */
export function followedDeclaration(found: ts.Symbol | undefined, isNew: boolean, program: ts.Program): ts.Node | undefined {
  if (found === undefined) return undefined;
  const symbol = (found.flags & ts.SymbolFlags.Alias) !== 0 ? program.getTypeChecker().getAliasedSymbol(found) : found;
  const bodies = (symbol.declarations ?? []).map((declaration) => bodyDeclaration(declaration, isNew)).filter((d) => d !== undefined);
  // Overloads and merged declarations with several bodies: which one runs is not ours to guess.
  const [declaration] = bodies;
  if (declaration === undefined || bodies.length !== 1) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file) || declaringPackage(declaration as ts.Declaration) !== undefined) return undefined;
  return declaration;
}

/** The declaration whose body runs for this call: a function, method, `const f = () => …`, or a class for `new`. */
function bodyDeclaration(declaration: ts.Declaration, isNew: boolean): ts.Node | undefined {
  if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) return isNew ? declaration : undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body === undefined ? undefined : declaration;
  let initializer: ts.Expression | undefined;
  if (ts.isVariableDeclaration(declaration)) {
    // A `let` can be given another function before the call.
    if ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0) return undefined;
    initializer = declaration.initializer;
  } else if (ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) {
    initializer = declaration.initializer;
  }
  if (initializer === undefined) return undefined;
  initializer = skipTypeWrappers(initializer);
  if (ts.isClassExpression(initializer)) return isNew ? initializer : undefined;
  return ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) ? initializer : undefined;
}

/** Could this call or `new` build or connect a client? Must answer yes to everything `builtBy` or `connectedBy` would. */
type MayBuildOrConnect = (node: ts.CallExpression | ts.NewExpression) => boolean;

/**
 * The cheap question before another file of the program is converted to ESTree for following: could
 * any path of at most `depth` bodies from this declaration build or connect a client? Decided on the
 * TypeScript AST the program already holds, once per declaration: a helper that only queries a
 * shared pool (`pool.query()`) is never converted. A yes is only a maybe; the follower then decides.
 */
export function createReachFilter(program: ts.Program, reaching: NameFilter, mayBuildOrConnect: MayBuildOrConnect): (declaration: ts.Node, depth: number) => boolean {
  const checker = program.getTypeChecker();
  const decided = new Map<ts.Node, Map<number, boolean>>();

  function mayReach(declaration: ts.Node, remaining: number): boolean {
    let byDepth = decided.get(declaration);
    if (byDepth === undefined) decided.set(declaration, (byDepth = new Map<number, boolean>()));
    const known = byDepth.get(remaining);
    if (known !== undefined) return known;
    const cls = ts.isClassLike(declaration) ? declaration : undefined;
    const result = bodiesOf(declaration).some((body) => callsIn(body, declaration.getSourceFile()).some((call) => mayBuildOrConnect(call) || (remaining > 1 && mayReachThrough(call, cls, remaining - 1)))) ||
      (remaining > 1 && runsBaseConstructor(declaration, remaining - 1));
    byDepth.set(remaining, result);
    return result;
  }

  /** `cls`: the class whose construction runs the call (a `super()` is its base's constructor). */
  function mayReachThrough(call: ts.CallExpression | ts.NewExpression, cls: ts.ClassLikeDeclaration | undefined, remaining: number): boolean {
    const callee = call.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return cls !== undefined && mayReachBase(cls, remaining);
    const name = calleeName(callee);
    if (name === undefined || !reaching.reachesWithin(name.text, remaining)) return false;
    const next = followedDeclaration(checker.getSymbolAtLocation(name), ts.isNewExpression(call), program);
    return next !== undefined && mayReach(next, remaining);
  }

  /** A class without a constructor of its own runs its base class's. */
  function runsBaseConstructor(declaration: ts.Node, remaining: number): boolean {
    return ts.isClassLike(declaration) && constructorOf(declaration) === undefined && mayReachBase(declaration, remaining);
  }

  function mayReachBase(cls: ts.ClassLikeDeclaration, remaining: number): boolean {
    const base = baseOf(cls);
    const name = base === undefined ? undefined : calleeName(base);
    const next = name === undefined ? undefined : followedDeclaration(checker.getSymbolAtLocation(name), true, program);
    return next !== undefined && mayReach(next, remaining);
  }

  return mayReach;
}

/** The name a callee is called by: `f` of `f()` or `(f)()`, `m` of `a.m()`. */
function calleeName(callee: ts.Expression): ts.Identifier | ts.PrivateIdentifier | undefined {
  const inner = skipTypeWrappers(callee);
  return ts.isIdentifier(inner) ? inner : ts.isPropertyAccessExpression(inner) ? inner.name : undefined;
}

/** Where a call of the declaration runs code: a function's body, or a class's constructor and instance field initialisers. */
function bodiesOf(declaration: ts.Node): ts.Node[] {
  if (ts.isClassLike(declaration)) return constructionBodies(declaration);
  const body = (declaration as ts.FunctionLikeDeclaration).body;
  return body === undefined ? [] : [body];
}
