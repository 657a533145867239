import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';

/**
 * A value the code's own invariants guarantee (a token of a node that has one, the scope manager
 * ESLint builds for every file): a broken invariant is reported where it breaks, not as a
 * `TypeError` somewhere later.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`connection-reuse: no ${what}`);
  return value;
}

/** `record[key]` when `key` is the record's own property (never an inherited `constructor` or `toString`). */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The file's global scope: ESLint analyses the scopes of every file it lints. */
export function globalScopeOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Scope {
  return present(scopeManagerOf(sourceCode).globalScope, 'global scope');
}

/** The scopes that cover the whole file below the global one: a module's, or a CommonJS file's function scope. */
export function moduleScopesOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Scope[] {
  return globalScopeOf(sourceCode).childScopes.filter((scope) => scope.block.type === AST_NODE_TYPES.Program);
}

export function scopeManagerOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.ScopeManager {
  return present(sourceCode.scopeManager, 'scope manager');
}
