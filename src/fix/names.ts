import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { globalScopeOf, moduleScopesOf } from '../util/present.js';
import { fileSlot, perFile } from '../util/memo.js';

/** Names earlier fixes in the same file chose: fixes applied in one pass must not pick the same one. */
const RESERVED = fileSlot<Set<string>>('names fixes took');

/**
 * Picks names for new module-level bindings that clash with nothing: no module-level or global
 * name, no global the file reads, nothing declared around a place that will read the binding
 * (`useSites`, where a local would shadow it), and nothing an earlier fix in this file took.
 * `reusable` (the local being replaced) does not count. Tries `preferred`, `sharedX`, then numbers.
 */
export function createNamer(
  sourceCode: Readonly<TSESLint.SourceCode>,
  useSites: readonly TSESTree.Node[],
  reusable?: TSESLint.Scope.Variable,
): (preferred: string) => string {
  const globalScope = globalScopeOf(sourceCode);
  const taken = perFile(sourceCode, RESERVED, () => new Set<string>());
  // Each candidate is looked up in the scopes around the use sites (the module's among them), not
  // every name they declare copied: a fix tries a handful of names.
  const scopes = new Set<TSESLint.Scope.Scope>(moduleScopesOf(sourceCode));
  for (const site of useSites)
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(site); scope !== null && scope !== globalScope && !scopes.has(scope); scope = scope.upper) scopes.add(scope);
  const readGlobals = perFile(sourceCode, GLOBALS_READ, () => new Set(globalScope.through.map((reference) => reference.identifier.name)));
  const isFree = (name: string): boolean => {
    if (taken.has(name) || readGlobals.has(name)) return false;
    for (const scope of scopes) {
      const declared = scope.set.get(name);
      if (declared !== undefined && declared !== reusable) return false;
    }
    const global = globalScope.set.get(name);
    return global === undefined || global === reusable;
  };
  return (preferred) => {
    const candidates = [preferred, `shared${capitalise(preferred)}`];
    for (let n = 2; ; n++) {
      const name = candidates.shift() ?? `${preferred}${n}`;
      if (isFree(name)) {
        taken.add(name);
        return name;
      }
    }
  };
}

/** The names of globals the file reads without declaring them (`process`, `fetch`). */
const GLOBALS_READ = fileSlot<ReadonlySet<string>>('globals read');

/** A name for what a construction builds: `new Pool()` → `pool`, `new https.Agent()` → `httpsAgent`, `amqp.connect()` → `connection`. */
export function nameForConstruction(node: TSESTree.NewExpression | TSESTree.CallExpression): string {
  const callee = node.callee;
  const last = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : callee.type === AST_NODE_TYPES.Identifier ? callee.name : 'client';
  let name = last.replace(/^(?:create|make|open|get)(?=[A-Z])/u, '');
  if (name === 'connect') name = 'connection';
  if (name === 'Agent' && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) name = `${callee.object.name}Agent`;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
