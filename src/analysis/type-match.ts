import ts from 'typescript';
import { declaringPackage } from './declaring-package.js';

/** Answers "is this declared name from that package one we know?", e.g. `('pg', 'Pool')`. */
export type DeclaredNameLookup<T> = (pkg: string | undefined, name: string, type: ts.Type) => T | undefined;

const MAX_TYPES_VISITED = 64;

/**
 * Walks a type, its alias, the parts of an intersection or union and its base classes and
 * interfaces, most derived first, and returns the first declaration the lookup knows. A subclass
 * of `pg.Pool` in user code is found through its base; `any` and error types match nothing.
 */
export function findDeclaredType<T>(
  checker: ts.TypeChecker,
  start: ts.Type,
  lookup: DeclaredNameLookup<T>,
): T | undefined {
  const queue: ts.Type[] = [start];
  const seen = new Set<ts.Type>();
  for (let type = queue.shift(); type !== undefined && seen.size < MAX_TYPES_VISITED; type = queue.shift()) {
    if (seen.has(type) || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) continue;
    seen.add(type);
    const found = lookupSymbol(type.aliasSymbol, type, lookup) ?? lookupSymbol(type.getSymbol(), type, lookup);
    if (found !== undefined) return found;
    if (type.isUnionOrIntersection()) queue.push(...type.types);
    // Only a type reference has a `target`.
    const target = (type as Partial<ts.TypeReference>).target;
    if (target !== undefined && target !== type) queue.push(target);
    if (type.isClassOrInterface()) queue.push(...checker.getBaseTypes(type));
  }
  return undefined;
}

function lookupSymbol<T>(
  symbol: ts.Symbol | undefined,
  type: ts.Type,
  lookup: DeclaredNameLookup<T>,
): T | undefined {
  if (symbol === undefined) return undefined;
  for (const declaration of symbol.declarations ?? []) {
    const found = lookup(declaringPackage(declaration), declaredName(symbol, declaration), type);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True for `any`, `unknown` and unresolved (error) types, about which nothing can be said. */
export function isUnknownType(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

/** `export default class Client` names its symbol `default`; the class keeps its own name (@elastic/elasticsearch). */
function declaredName(symbol: ts.Symbol, declaration: ts.Declaration): string {
  const name = symbol.getName();
  if (symbol.escapedName !== ts.InternalSymbolName.Default) return name;
  const own = ts.getNameOfDeclaration(declaration);
  return own !== undefined && ts.isIdentifier(own) ? own.text : name;
}

/** The symbol a callee names (`Pool` of `pg.Pool`), through import aliases (`import { createPool as make }`). */
export function calleeSymbol(callee: ts.Node, checker: ts.TypeChecker): ts.Symbol | undefined {
  const target = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : callee;
  const symbol = checker.getSymbolAtLocation(target);
  return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * What `new X()` or `f()` gives, read from X's or f's declared signatures when they all agree: a
 * class's instance type, or the one return type of its signatures. The expression's own type would
 * first resolve the overloads against the arguments, which costs several times more and says
 * nothing more about which client it is. `undefined` when the signatures disagree or return a type
 * that only the call's arguments decide (a type parameter, a conditional type).
 */
export function declaredResultType(symbol: ts.Symbol, kind: 'call' | 'construct', checker: ts.TypeChecker): ts.Type | undefined {
  if (kind === 'construct' && (symbol.flags & ts.SymbolFlags.Class) !== 0) return checker.getDeclaredTypeOfSymbol(symbol);
  const type = checker.getTypeOfSymbol(symbol);
  const signatures = kind === 'call' ? type.getCallSignatures() : type.getConstructSignatures();
  const [first, ...rest] = signatures.map((signature) => signature.getReturnType());
  if (first === undefined || rest.some((other) => other !== first)) return undefined;
  return (first.flags & ts.TypeFlags.Instantiable) === 0 ? first : undefined;
}

/** The type `new X()` builds: X's declared instance type when its signatures say it, else the expression's type. */
export function constructedType(node: ts.NewExpression, symbol: ts.Symbol | undefined, checker: ts.TypeChecker): ts.Type {
  return (symbol && declaredResultType(symbol, 'construct', checker)) ?? checker.getTypeAtLocation(node);
}
