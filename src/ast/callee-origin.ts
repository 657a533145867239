import { definitionOf, importedName } from './variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, type Definition } from '@typescript-eslint/scope-manager';
import { staticName } from './predicates.js';
import { isPackageSpecifier, normaliseModuleName, packageName } from '../util/module-specifier.js';

/**
 * The cheap question before the type checker: could this callee come from a package? Its root name
 * must be an import, a `require`, a parameter or another value of unknown origin, or a local class
 * that extends something. Globals (`Date`, `Map`, `URL`) and the file's own functions and plain
 * classes cannot, so `new Date()` and `helper()` in a handler stop here.
 */
export function mayComeFromPackage(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const root = rootOf(callee);
  // `this.x`, a call's result: anything.
  if (root.type !== AST_NODE_TYPES.Identifier) return true;
  const definition = definitionOf(root, sourceCode);
  // An undeclared global (`Date`, `fetch`): no package's.
  if (definition === undefined) return false;
  const own = ownDeclaration(definition);
  if (own !== undefined) return own;
  switch (definition.type) {
    case DefinitionType.Variable: {
      const init = definition.node.init;
      return init == null || (init.type !== AST_NODE_TYPES.ArrowFunctionExpression && init.type !== AST_NODE_TYPES.FunctionExpression && init.type !== AST_NODE_TYPES.ClassExpression);
    }
    default:
      return true;
  }
}

/**
 * Narrower, for questions about a few modules (`http`, `https`, `http-proxy`): could this callee
 * come from one of them? Its root must be imported or required from one of them, imported from a
 * project module under a name that may stand for a package's (`mayBeReexport`), a local subclass,
 * or a value whose origin only the type checker knows (a parameter, an alias). `router.get()` on a
 * `const router = new Router()`, or `redis.get()` on an import from `ioredis`, stops here.
 */
export function mayComeFromModules(
  callee: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  modules: ReadonlySet<string>,
  mayBeReexport: (name: string) => boolean,
): boolean {
  const root = rootOf(callee);
  // `this.x`, a call's result: anything.
  if (root.type !== AST_NODE_TYPES.Identifier) return true;
  const definition = definitionOf(root, sourceCode);
  // An undeclared global (`fetch`): no module's.
  if (definition === undefined) return false;
  const own = ownDeclaration(definition);
  if (own !== undefined) return own;
  switch (definition.type) {
    case DefinitionType.ImportBinding: {
      const specifier = definition.node;
      if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = specifier.moduleReference;
        return reference.type !== AST_NODE_TYPES.TSExternalModuleReference || isFromModules(reference.expression.value, '*', modules, mayBeReexport);
      }
      const { source, imported } = importedName(definition) ?? { source: '', imported: '*' };
      return isFromModules(source, imported === '*' ? (memberAfter(root) ?? '*') : imported, modules, mayBeReexport);
    }
    case DefinitionType.Variable: {
      // `for (const task of tasks) task()`: like an unannotated parameter, only through a member
      // (unless what it iterates is written there: `for (const get of [https.get])`).
      const loop = loopOf(definition.parent);
      if (loop !== undefined) return root !== callee || (loop.type === AST_NODE_TYPES.ForOfStatement && loop.right.type === AST_NODE_TYPES.ArrayExpression);
      const init = definition.node.init;
      const required = requiredModule(init);
      if (required !== undefined) return isFromModules(required, '*', modules, mayBeReexport);
      // `const app = express()`: what another package's export builds is that package's, not a module object.
      if (init?.type === AST_NODE_TYPES.CallExpression) {
        const builder = builtByPackage(root, sourceCode);
        return builder === undefined || modules.has(builder);
      }
      // A module object is imported, required or aliased, never built with `new`, nor a literal or a function.
      return init == null || !(BUILT_VALUES.has(init.type) || (init.type === AST_NODE_TYPES.ClassExpression && init.superClass == null));
    }
    case DefinitionType.Parameter:
      return mayHoldModule(definition.name, root === callee, sourceCode, modules);
    default:
      return true;
  }
}

/** An import or `require` of `specifier`: one of the modules, or a project module's name that may stand for theirs. */
function isFromModules(specifier: string, imported: string, modules: ReadonlySet<string>, mayBeReexport: (name: string) => boolean): boolean {
  return isPackageSpecifier(specifier) ? modules.has(normaliseModuleName(specifier)) : mayBeReexport(imported);
}

/** The `for…of` or `for…in` loop whose variable this declaration declares. */
function loopOf(declaration: TSESTree.VariableDeclaration): TSESTree.ForOfStatement | TSESTree.ForInStatement | undefined {
  const loop = declaration.parent;
  return (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration ? loop : undefined;
}

/**
 * A parameter holds a module (or one of its functions) only when declared `typeof http` (or
 * `typeof http.get`); unannotated, only a module's member may be reached through it (`mod.get()`).
 * `next()`, `resolve()` and `app.get()` on `app: FastifyInstance` stop here.
 */
function mayHoldModule(name: TSESTree.Node, calledItself: boolean, sourceCode: Readonly<TSESLint.SourceCode>, modules: ReadonlySet<string>): boolean {
  const annotation = name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
  if (annotation === undefined) return !calledItself;
  return mayNameModuleType(annotation, sourceCode, modules);
}

/**
 * `typeof http`, or a type that may alias it (`type H = typeof http`); not a type imported from
 * another package (`FastifyInstance`, `Request`), nor a keyword or literal type.
 */
function mayNameModuleType(type: TSESTree.TypeNode, sourceCode: Readonly<TSESLint.SourceCode>, modules: ReadonlySet<string>): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeQuery:
      return true;
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return type.types.some((part) => mayNameModuleType(part, sourceCode, modules));
    case AST_NODE_TYPES.TSTypeReference: {
      let name: TSESTree.EntityName = type.typeName;
      while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.left;
      if (name.type !== AST_NODE_TYPES.Identifier) return true;
      const definition = definitionOf(name, sourceCode);
      const binding = definition === undefined ? undefined : importedName(definition);
      if (binding === undefined) return definition !== undefined;
      return !isPackageSpecifier(binding.source) || modules.has(normaliseModuleName(binding.source));
    }
    default:
      return false;
  }
}

/**
 * Without the type checker: the package whose export built a variable's value — `express` for the
 * `app` of `const app = express()` or `app.listen()`'s `const router = express.Router()`, `@koa/router`
 * for `const router = new Router()` — by its import or `require`. `undefined` when the syntax does not say.
 */
export function builtByPackage(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = definitionOf(expression, sourceCode);
  if (definition?.type !== DefinitionType.Variable) return undefined;
  const init = definition.node.init;
  if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const builder = rootOf(init.callee);
  if (builder.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = definitionOf(builder, sourceCode);
  if (origin?.type === DefinitionType.Variable) return packageName(requiredModule(origin.node.init));
  return packageName(origin === undefined ? undefined : importedName(origin)?.source);
}

const BUILT_VALUES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
]);

/** The file's own functions cannot come from a package; its classes only through what they extend. */
function ownDeclaration(definition: Definition): boolean | undefined {
  if (definition.type === DefinitionType.ClassName) return definition.node.superClass != null;
  return definition.type === DefinitionType.FunctionName ? false : undefined;
}

function rootOf(callee: TSESTree.Node): TSESTree.Node {
  let root = callee;
  for (;;) {
    if (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    else if (root.type === AST_NODE_TYPES.TSNonNullExpression) root = root.expression;
    else return root;
  }
}

/** `http` of `net.http.get` for the namespace import `net`. */
function memberAfter(root: TSESTree.Identifier): string | undefined {
  const parent = root.parent;
  return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === root && !parent.computed ? staticName(parent.property) : undefined;
}

/** The module of `require('x')`, or of a member of it (`require('x').get`). */
export function requiredModule(init: TSESTree.Expression | null): string | undefined {
  let node = init;
  while (node?.type === AST_NODE_TYPES.MemberExpression) node = node.object;
  if (node?.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return undefined;
  const [specifier] = node.arguments;
  return specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string' ? specifier.value : undefined;
}
