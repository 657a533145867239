import { findVariable } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, type Definition } from '@typescript-eslint/scope-manager';
import { staticName } from './predicates.js';
import { fileSlot, perFile } from '../util/memo.js';

/**
 * The variable an identifier refers to, from the scope it is written in; `null` for an undeclared
 * global. (eslint-utils types its scopes as ESLint's, not typescript-eslint's: the casts live here.)
 */
export function variableOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  // Each rule asks about the same callees: look each name up once, by where it starts (a number
  // hashes for free; an AST node as a key needs a hash of its own).
  const byStart = perFile(sourceCode, VARIABLES, () => new Map<number, TSESLint.Scope.Variable | null>());
  const start = identifier.range[0];
  let variable = byStart.get(start);
  if (variable === undefined) {
    variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
    byStart.set(start, variable);
  }
  return variable;
}

const VARIABLES = fileSlot<Map<number, TSESLint.Scope.Variable | null>>('variables by offset');

/** What an `import` binds a name to: the module as written, and the export (`default`, `*` for a namespace). */
export interface ImportedName {
  readonly source: string;
  readonly imported: string;
}

/**
 * The module and export an import definition binds (`import { a as b } from 'm'` → `m`, `a`);
 * `undefined` for `import x = require(…)` and `import x = N.y`, whose forms differ.
 */
export function importedName(definition: Definition): ImportedName | undefined {
  if (definition.type !== DefinitionType.ImportBinding) return undefined;
  const specifier = definition.node;
  if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return undefined;
  const imported =
    specifier.type === AST_NODE_TYPES.ImportSpecifier ? (staticName(specifier.imported) ?? '') : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : '*';
  return { source: specifier.parent.source?.value ?? '', imported };
}
