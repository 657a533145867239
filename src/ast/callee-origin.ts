import { variableOf } from './variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '@typescript-eslint/scope-manager';

/**
 * The cheap question before the type checker: could this callee come from a package? Its root name
 * must be an import, a `require`, a parameter or another value of unknown origin, or a local class
 * that extends something. Globals (`Date`, `Map`, `URL`) and the file's own functions and plain
 * classes cannot, so `new Date()` and `helper()` in a handler stop here.
 */
export function mayComeFromPackage(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root: TSESTree.Node = callee;
  for (;;) {
    if (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    else if (root.type === AST_NODE_TYPES.TSNonNullExpression) root = root.expression;
    else break;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = variableOf(root, sourceCode);
  const definition = variable?.defs[0];
  if (definition === undefined) return false;
  switch (definition.type) {
    case DefinitionType.ClassName:
      return definition.node.superClass != null;
    case DefinitionType.FunctionName:
      return false;
    case DefinitionType.Variable: {
      const init = definition.node.init;
      return init == null || (init.type !== AST_NODE_TYPES.ArrowFunctionExpression && init.type !== AST_NODE_TYPES.FunctionExpression && init.type !== AST_NODE_TYPES.ClassExpression);
    }
    default:
      return true;
  }
}
