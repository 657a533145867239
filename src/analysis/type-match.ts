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
  while (queue.length > 0 && seen.size < MAX_TYPES_VISITED) {
    const type = queue.shift()!;
    if (seen.has(type) || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) continue;
    seen.add(type);
    const found = lookupSymbol(type.aliasSymbol, type, lookup) ?? lookupSymbol(type.getSymbol(), type, lookup);
    if (found !== undefined) return found;
    if (type.isUnionOrIntersection()) queue.push(...type.types);
    const target = (type as ts.TypeReference).target;
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
    const found = lookup(declaringPackage(declaration), symbol.getName(), type);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True for `any`, `unknown` and unresolved (error) types, about which nothing can be said. */
export function isUnknownType(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}
