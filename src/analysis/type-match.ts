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
