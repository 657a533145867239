import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { packageName } from '../util/module-specifier.js';
import { definitionOf, importedName } from './variables.js';

/** A type a package exports, named as it exports it: `Request` of `express`, `SQSEvent` of `aws-lambda`. */
export interface PackageTypeName {
  readonly package: string;
  readonly name: string;
}

/** Written so that it cannot be a package's named type: a keyword, a literal, an array, a tuple, a function or an object type, or a declared function's parameter typed by a primitive default. */
export const NOT_A_PACKAGE_TYPE = 'not-a-package-type';

const STRUCTURAL_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
  AST_NODE_TYPES.TSArrayType,
  AST_NODE_TYPES.TSTupleType,
  AST_NODE_TYPES.TSFunctionType,
  AST_NODE_TYPES.TSConstructorType,
  AST_NODE_TYPES.TSTypeLiteral,
  // `readonly string[]`, `keyof T`, `unique symbol`
  AST_NODE_TYPES.TSTypeOperator,
]);

/**
 * What a parameter's annotation says before the type checker is asked (given the parameter or the
 * name it binds): the package type it names through an import (`req: Request` of
 * `import type { Request } from 'express'`, `event: lambda.SQSEvent` of a namespace import),
 * `NOT_A_PACKAGE_TYPE`, or `undefined` when only the checker can tell (no annotation, a project
 * type, a default import, a union, a generic's parameter).
 */
export function annotatedType(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): PackageTypeName | typeof NOT_A_PACKAGE_TYPE | undefined {
  // The parameter, or the name it binds: `retries` of `retries = 3`.
  const parameter = node.parent?.type === AST_NODE_TYPES.AssignmentPattern && node.parent.left === node ? node.parent : node;
  const annotation = annotationOf(parameter)?.typeAnnotation;
  // `retries = 3` of a function declaration: typed by its default (a callback's is typed by its context).
  if (annotation === undefined)
    return parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.parent.type === AST_NODE_TYPES.FunctionDeclaration && isPrimitiveLiteral(parameter.right) ? NOT_A_PACKAGE_TYPE : undefined;
  if (STRUCTURAL_TYPES.has(annotation.type) || annotation.type.endsWith('Keyword')) return NOT_A_PACKAGE_TYPE;
  return annotation.type === AST_NODE_TYPES.TSTypeReference ? importedTypeName(annotation.typeName, sourceCode) : undefined;
}

function annotationOf(parameter: TSESTree.Node): TSESTree.TSTypeAnnotation | undefined {
  switch (parameter.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ObjectPattern:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return parameter.typeAnnotation;
    case AST_NODE_TYPES.AssignmentPattern:
      return annotationOf(parameter.left);
    case AST_NODE_TYPES.TSParameterProperty:
      return annotationOf(parameter.parameter);
    default:
      return undefined;
  }
}

function isPrimitiveLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.TemplateLiteral || (node.type === AST_NODE_TYPES.Literal && (node.value === null || typeof node.value !== 'object'));
}

/** `Request` imported by name, or `ns.Request` of `import * as ns`: the package and the exported name. */
function importedTypeName(typeName: TSESTree.EntityName, sourceCode: Readonly<TSESLint.SourceCode>): PackageTypeName | undefined {
  const qualified = typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName : undefined;
  const root = qualified === undefined ? typeName : qualified.left;
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = definitionOf(root, sourceCode);
  const binding = definition === undefined ? undefined : importedName(definition);
  const pkg = packageName(binding?.source);
  if (binding === undefined || pkg === undefined) return undefined;
  // `Request` of a named import; `ns.Request` of a namespace import. Not a default import's (its declared name is unknown).
  if (qualified === undefined) return binding.imported === 'default' || binding.imported === '*' ? undefined : { package: pkg, name: binding.imported };
  return binding.imported === '*' ? { package: pkg, name: qualified.right.name } : undefined;
}
