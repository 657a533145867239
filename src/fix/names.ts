import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { globalScopeOf } from '../util/present.js';
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
  const blocked = new Set<string>(taken);
  // Up to the global scope, whose thousands of library names are asked about, not copied.
  const block = (scope: TSESLint.Scope.Scope | null) => {
    for (let current = scope; current !== null && current !== globalScope; current = current.upper)
      for (const variable of current.variables) if (variable !== reusable) blocked.add(variable.name);
  };
  for (const scope of globalScope.childScopes) if (scope.block.type === AST_NODE_TYPES.Program) block(scope);
  for (const reference of globalScope.through) blocked.add(reference.identifier.name);
  for (const site of useSites) block(sourceCode.getScope(site));
  return (preferred) => {
    const candidates = [preferred, `shared${capitalise(preferred)}`];
    for (let n = 2; ; n++) {
      const name = candidates.shift() ?? `${preferred}${n}`;
      const global = globalScope.set.get(name);
      if (!blocked.has(name) && (global === undefined || global === reusable)) {
        blocked.add(name);
        taken.add(name);
        return name;
      }
    }
  };
}

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
