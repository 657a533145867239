import { findVariable } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, type Definition } from '@typescript-eslint/scope-manager';
import { staticName } from './predicates.js';
import { fileSlot, perFile } from '../util/memo.js';
import { globalScopeOf, moduleScopesOf } from '../util/present.js';

/**
 * The variable an identifier refers to, from the scope it is written in; `null` for an undeclared
 * global. (eslint-utils types its scopes as ESLint's, not typescript-eslint's: the casts live here.)
 */
export function variableOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  // Each rule asks about the same callee right after the others (ESLint runs every rule's listener
  // for a node in turn): the last few answers catch the repeats, with no map per file to fill. (They
  // hold their identifiers, and so those files' trees, until eight others have been asked about.)
  for (let index = 0; index < RECENT; index++) if (recentIdentifiers[index] === identifier) return recentVariables[index] ?? null;
  const variable = resolvedAtTopLevel(identifier, sourceCode) ?? (findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null);
  recentIdentifiers[nextRecent] = identifier;
  recentVariables[nextRecent] = variable;
  nextRecent = (nextRecent + 1) % RECENT;
  return variable;
}

/** Where a name is declared: its variable's first definition; `undefined` for an undeclared global (`Date`, `fetch`). */
export function definitionOf(name: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): Definition | undefined {
  return variableOf(name, sourceCode)?.defs[0];
}

const RECENT = 8;
const recentIdentifiers: (TSESTree.Identifier | undefined)[] = Array.from({ length: RECENT }, () => undefined);
const recentVariables: (TSESLint.Scope.Variable | null)[] = Array.from({ length: RECENT }, () => null);
let nextRecent = 0;

/**
 * Most names a rule asks about are the file's top-level ones (imports, its functions) or globals
 * (`String`, `JSON`): when the scope analysis resolved this identifier to such a variable, that is
 * the one, found without walking up from the identifier's scope. (Where the two differ the scope
 * analysis is right: a value is not shadowed by a type parameter of the same name, nor is a default
 * parameter's by a declaration in the function's body.) `undefined`: look it up.
 */
function resolvedAtTopLevel(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | undefined {
  // Asked about most calls of every file: indexed loops, which allocate nothing even before V8 optimises them.
  const scopes = perFile(sourceCode, TOP_SCOPES, topScopes);
  for (let index = 0; index < scopes.length; index++) {
    const variable = (scopes[index] as TSESLint.Scope.Scope).set.get(identifier.name);
    if (variable === undefined) continue;
    // Declared here, but this identifier may be another's (a shadowing local) or no reference at
    // all; a name read thousands of times is looked up, not searched for among its reads.
    const { references } = variable;
    return references.length <= MAX_REFERENCES_SEARCHED && isOneOf(references, identifier) ? variable : undefined;
  }
  return undefined;
}

/** Whether the identifier is one of these references' (reads and writes). */
function isOneOf(references: readonly TSESLint.Scope.Reference[], identifier: TSESTree.Identifier): boolean {
  for (let index = 0; index < references.length; index++) if ((references[index] as TSESLint.Scope.Reference).identifier === identifier) return true;
  return false;
}

const MAX_REFERENCES_SEARCHED = 64;

const TOP_SCOPES = fileSlot<readonly TSESLint.Scope.Scope[]>('top-level scopes');

/** The scope covering the whole file, then the global one. */
function topScopes(sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Scope[] {
  return [...moduleScopesOf(sourceCode), globalScopeOf(sourceCode)];
}

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
