import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * Picks names that clash with nothing in the file: no declaration in any scope (but `reusable`,
 * the local being replaced) and no global the file reads. Tries `preferred`, then `sharedX`, then
 * numbered variants.
 */
export function createNamer(sourceCode: Readonly<TSESLint.SourceCode>, reusable?: TSESLint.Scope.Variable): (preferred: string) => string {
  const taken = new Set<string>();
  for (const scope of sourceCode.scopeManager!.scopes)
    for (const variable of scope.variables) if (variable !== reusable) taken.add(variable.name);
  for (const reference of sourceCode.scopeManager!.globalScope!.through) taken.add(reference.identifier.name);
  return (preferred) => {
    const candidates = [preferred, `shared${capitalise(preferred)}`];
    for (let n = 2; ; n++) {
      const name = candidates.shift() ?? `${preferred}${n}`;
      if (!taken.has(name)) {
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
