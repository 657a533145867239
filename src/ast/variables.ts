import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The variable an identifier refers to, from the scope it is written in; `null` for an undeclared
 * global. (eslint-utils types its scopes as ESLint's, not typescript-eslint's: the casts live here.)
 */
export function variableOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  // Each rule asks about the same callees: look each name up once.
  let variable = variables.get(identifier);
  if (variable === undefined) {
    variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
    variables.set(identifier, variable);
  }
  return variable;
}

const variables = new WeakMap<TSESTree.Identifier, TSESLint.Scope.Variable | null>();
