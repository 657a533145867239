import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '@typescript-eslint/scope-manager';

/** Global functions that compute a value from their arguments alone. */
const PURE_GLOBALS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'BigInt']);

/**
 * Whether an expression has the same value at module scope as where it is written, so evaluating
 * it once at start-up changes nothing: literals, `process.env.X`, imports and module-level `const`s,
 * and object, array, template and arithmetic expressions of those. A request, an event, a loop
 * variable, `this` or any other local makes it unstable.
 */
export function isModuleStable(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isModuleStable(expression, sourceCode));
    case AST_NODE_TYPES.Identifier:
      return isModuleConstant(node, sourceCode);
    case AST_NODE_TYPES.MemberExpression:
      return isProcessEnv(node) || (isModuleStable(node.object, sourceCode) && (!node.computed || isModuleStable(node.property, sourceCode)));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? isModuleStable(property.argument, sourceCode)
          : property.kind === 'init' && !property.method && (!property.computed || isModuleStable(property.key, sourceCode)) && isModuleStable(property.value, sourceCode),
      );
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element === null || isModuleStable(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, sourceCode));
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator !== 'delete' && isModuleStable(node.argument, sourceCode);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return isModuleStable(node.left, sourceCode) && isModuleStable(node.right, sourceCode);
    case AST_NODE_TYPES.ConditionalExpression:
      return [node.test, node.consequent, node.alternate].every((part) => isModuleStable(part, sourceCode));
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return isModuleStable(node.expression, sourceCode);
    case AST_NODE_TYPES.CallExpression:
      return node.callee.type === AST_NODE_TYPES.Identifier && PURE_GLOBALS.has(node.callee.name) && isGlobal(node.callee, sourceCode) && node.arguments.every((argument) => isModuleStable(argument, sourceCode));
    default:
      return false;
  }
}

/** The construction itself: its callee and arguments. */
export function isStableConstruction(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return isModuleStable(node.callee, sourceCode) && node.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isModuleStable(argument, sourceCode));
}

function isProcessEnv(node: TSESTree.MemberExpression): boolean {
  const object = node.object;
  return object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'process' && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'env';
}

/** An import, a module-level `const`, or `undefined`. */
function isModuleConstant(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = variableOf(identifier, sourceCode);
  if (variable === null) return identifier.name === 'undefined';
  const definition = variable.defs[0];
  if (definition === undefined || variable.defs.length !== 1) return false;
  if (definition.type === DefinitionType.ImportBinding) return true;
  if (definition.type !== DefinitionType.Variable || definition.parent.kind !== 'const') return false;
  return definition.parent.parent.type === AST_NODE_TYPES.Program || definition.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

function isGlobal(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = variableOf(identifier, sourceCode);
  return variable === null || variable.defs.length === 0;
}
