import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, stringValue } from './predicates.js';
import { globalScopeOf, scopeManagerOf } from '../util/present.js';

/** How code in this file can name Node's `Agent` class of `http` or `https`. */
export interface AgentReference {
  /** `http.Agent`, `Agent`, or the name of a new import. */
  readonly expression: string;
  /** Adds the import (or require) the expression needs, when the file has none yet. */
  readonly addImport?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

/**
 * Finds an existing module-level `import`/`require` of `http`/`https` (with or without `node:`)
 * that names its `Agent`, or plans a new one after the last import (or require) when the module's
 * name is free. Undefined when neither is possible.
 */
export function nodeAgentReference(sourceCode: Readonly<TSESLint.SourceCode>, module: 'http' | 'https'): AgentReference | undefined {
  const ids = [module, `node:${module}`];
  const program = sourceCode.ast;
  let lastImport: TSESTree.Node | undefined;
  let lastRequire: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      lastImport = statement;
      if (statement.importKind === 'type' || !ids.includes(statement.source.value)) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return { expression: `${specifier.local.name}.Agent` };
        if (specifier.importKind !== 'type' && staticKey(specifier.imported) === 'Agent') return { expression: specifier.local.name };
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const required = requiredModule(declarator.init);
        if (required === undefined) continue;
        lastRequire = statement;
        if (!ids.includes(required)) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) return { expression: `${declarator.id.name}.Agent` };
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        for (const property of declarator.id.properties)
          if (property.type === AST_NODE_TYPES.Property && staticKey(property.key) === 'Agent' && property.value.type === AST_NODE_TYPES.Identifier)
            return { expression: property.value.name };
      }
    }
  }
  if (isNameTaken(sourceCode, module)) return undefined;
  const anchor = lastImport ?? lastRequire;
  if (anchor === undefined) return undefined;
  const line =
    anchor === lastImport ? `import * as ${module} from 'node:${module}';` : `const ${module} = require('node:${module}');`;
  return { expression: `${module}.Agent`, addImport: (fixer) => fixer.insertTextAfter(anchor, `\n${line}`) };
}

/** True outside every function and class: code that runs once, when the module loads. */
export function isAtModuleScope(node: TSESTree.Node): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return true;
}

function isNameTaken(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  return (
    scopeManagerOf(sourceCode).scopes.some((scope) => scope.set.has(name)) ||
    globalScopeOf(sourceCode).through.some((reference) => reference.identifier.name === name)
  );
}

function staticKey(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : stringValue(node);
}

function requiredModule(init: TSESTree.Expression | null): string | undefined {
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') return undefined;
  return stringValue(init.arguments[0]);
}
