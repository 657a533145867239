import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import {
  CALLBACK_CONSTRUCTORS,
  CALLBACK_PROPERTIES,
  CALLBACK_REGISTRARS,
  FILE_ROUTES,
  type FileRoute,
  GRAPHQL_OCCASION,
  HTTP_CLIENT_CALLS,
  HTTP_CLIENT_RESPONSE_EVENT,
  HOOK_OCCASION,
  MIDDLEWARE_OCCASION,
  NEST_METHOD_DECORATORS,
  NEST_PER_REQUEST_CLASS_DECORATORS,
  NEST_PER_REQUEST_INTERFACES,
  NEST_PER_REQUEST_METHODS,
  REPEATED_EVENTS,
  REQUEST_HOOKS,
  REQUEST_PARAMETER_TYPES,
  ROUTE_METHODS,
  ROUTE_OCCASION,
  ROUTER_PACKAGES,
  ROUTER_RECEIVER,
  ROUTER_TYPES,
  SERVER_ACTION_OCCASION,
  SERVERLESS_EXPORTS,
  COMMAND_MODULE_EXPORTS,
  SERVERLESS_OCCASION,
  type Occasion,
} from '../catalogue/contexts.js';
import {
  calleeName,
  calleeReceiver,
  decoratorName,
  hasDirective,
  isFunctionNode,
  isPathLike,
  receiverName,
  staticName,
  stringValue,
  type FunctionNode,
} from '../ast/predicates.js';
import { ITERATION_METHODS } from '../catalogue/loops.js';
import { typeServicesOf } from '../util/type-services.js';
import { builtByPackage } from '../ast/callee-origin.js';
import { findDeclaredType, isUnknownType } from './type-match.js';
import { mayHoldRequestTypes } from './request-types-in-program.js';
import { ownValue } from '../util/present.js';
import { annotatedType, NOT_A_PACKAGE_TYPE, type PackageTypeName } from '../ast/annotated-type.js';
import { definitionOf } from '../ast/variables.js';
import { fileSlot, perFile } from '../util/memo.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';

/** Code that runs again and again: the function, and how often. */
export interface RepeatedContext {
  /** The innermost repeated function: what the message and the fix speak of. */
  readonly fn: FunctionNode;
  readonly occasion: Occasion;
  /**
   * The outermost repeated function around it: a value kept in its locals still lives for one
   * request only (`let pool` in a `'connection'` listener, `pool ??= …` in each `'message'`).
   */
  readonly outermost: FunctionNode;
}

/** Where a platform requires a new client per request (Cloudflare Workers): never report. */
const EXEMPT = 'exempt';
type Role = Occasion | typeof EXEMPT | undefined;

export interface ContextFinder {
  /** The innermost enclosing function that runs per request, message, event or tick. */
  repeatedContextOf(node: TSESTree.Node): RepeatedContext | undefined;
}

const MAX_WRAPPERS = 2;

/**
 * Answers "how often does this function run?" for one file: by the shape that registers it
 * (`app.get(path, fn)`, `createServer(fn)`, `@Get()`, a file-system route's export), and, with
 * type information, by the types of its parameters (an Express `Request`, a Kafka payload, …).
 */
export function createContextFinder(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ContextFinder {
  // The rules of a file ask the same questions: one finder per file.
  return perFile(context.sourceCode, FINDER, () => buildContextFinder(context));
}

const FINDER = fileSlot<ContextFinder>('context finder');

function buildContextFinder(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ContextFinder {
  const roles = new Map<FunctionNode, Role>();
  const types = typeServicesOf(context);
  let fileRoutes: readonly FileRoute[] | undefined;
  let framework: string | undefined | null = null;
  const importedFramework = () => (framework === null ? (framework = singleImportedFramework(context.sourceCode.ast)) : framework);

  function roleOf(fn: FunctionNode): Role {
    if (!roles.has(fn)) roles.set(fn, computeRole(fn));
    return roles.get(fn);
  }

  function computeRole(fn: FunctionNode): Role {
    if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(fn.body.body, 'use server')) return SERVER_ACTION_OCCASION;
    const positioned = roleByPosition(fn, 0);
    // `export function handler` is a serverless entry point only by its name; a registration that
    // references it (`app.get('/x', handler)`) says more precisely how often it runs.
    if (positioned === SERVERLESS_OCCASION) return roleByReferences(fn) ?? positioned;
    return positioned ?? roleByReferences(fn) ?? roleByParameterTypes(fn);
  }

  /** The role given by where the function (or a wrapper call around it) is written. */
  function roleByPosition(node: TSESTree.Node, wrappers: number): Role {
    const parent = node.parent;
    if (parent == null) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return undefined;
        return (
          roleAsArgument(parent, node) ??
          // `app.get('/x', asyncHandler(fn))`, `export const handler = middy(fn)`
          (wrappers < MAX_WRAPPERS ? roleByPosition(parent, wrappers + 1) : undefined)
        );
      }
      case AST_NODE_TYPES.Property:
        return parent.value === node ? roleAsProperty(parent) : undefined;
      case AST_NODE_TYPES.MethodDefinition:
        return roleAsClassMethod(parent);
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return roleAsExport('default');
      case AST_NODE_TYPES.ExportNamedDeclaration:
        return node.type === AST_NODE_TYPES.FunctionDeclaration && node.id !== null ? roleAsExport(node.id.name) : undefined;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier && parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
          ? roleAsExport(parent.id.name)
          : undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === node ? roleAsCommonJsExport(parent.left) : undefined;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        return roleByPosition(parent, wrappers);
      default:
        return undefined;
    }
  }

  function roleAsArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: TSESTree.Node): Role {
    const name = calleeName(call);
    if (name === undefined) return undefined;
    const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    if (call.type === AST_NODE_TYPES.NewExpression) return index === 1 ? ownValue(CALLBACK_CONSTRUCTORS, name) : undefined;
    if (name === 'on' || name === 'addListener') return roleAsListener(call, index);
    if (name === 'addHook' || name === 'ext') {
      const hook = stringValue(call.arguments[0]);
      return hook !== undefined && REQUEST_HOOKS.has(hook) ? HOOK_OCCASION(routerFramework(call), hook) : undefined;
    }
    if (ROUTE_METHODS.has(name) && isRouteRegistration(call, index))
      return name === 'use' ? MIDDLEWARE_OCCASION(routerFramework(call)) : ROUTE_OCCASION(routerFramework(call));
    const registrar = ownValue(CALLBACK_REGISTRARS, name);
    if (registrar === undefined) return undefined;
    if (name === 'setInterval') return index === 0 ? registrar : undefined;
    // `procedure.query(fn)` takes one resolver; `connection.query(sql, cb)` is a callback, not a procedure.
    if (name === 'query' || name === 'mutation') return call.arguments.length === 1 ? registrar : undefined;
    return registrar;
  }

  function roleAsListener(call: TSESTree.CallExpression, index: number): Role {
    const event = stringValue(call.arguments[0]);
    if (event !== undefined && index === 1 && Object.hasOwn(REPEATED_EVENTS, event)) return REPEATED_EVENTS[event];
    // Hono: `app.on('GET', '/path', fn)`.
    return index >= 2 && isPathLike(call.arguments[1]) ? ROUTE_OCCASION(routerFramework(call)) : undefined;
  }

  /** `app.get('/x', fn)`, `router.use(fn)`, `app.route('/x').get(fn)` — and not `map.get(key)`. */
  function isRouteRegistration(call: TSESTree.CallExpression, index: number): boolean {
    const receiver = calleeReceiver(call);
    if (receiver === undefined) return false;
    const typed = receiverFramework(receiver);
    if (typed !== undefined) return typed !== null;
    if (index >= 1 && isPathLike(call.arguments[0])) return true;
    if (receiver.type === AST_NODE_TYPES.CallExpression && calleeName(receiver) === 'route') return true;
    return calleeName(call) === 'use' && ROUTER_RECEIVER.test(receiverName(receiver) ?? '');
  }

  function routerFramework(call: TSESTree.CallExpression): string | undefined {
    const receiver = calleeReceiver(call);
    return (receiver && receiverFramework(receiver)) ?? importedFramework();
  }

  /** With types: the framework that declares the receiver, `null` for a known non-router, `undefined` when unknown. */
  function receiverFramework(receiver: TSESTree.Expression): string | null | undefined {
    // `const app = express()` and `(app: FastifyInstance) => …` say it without the type checker.
    const builtBy = builtByPackage(receiver, context.sourceCode) ?? annotatedRouter(receiver);
    if (builtBy !== undefined && Object.hasOwn(ROUTER_PACKAGES, builtBy)) return ROUTER_PACKAGES[builtBy];
    if (types === undefined) return undefined;
    const type = types.checker.getTypeAtLocation(types.toTs(receiver));
    if (isUnknownType(type)) return undefined;
    return findDeclaredType(types.checker, type, (pkg) => (pkg === undefined ? undefined : ownValue(ROUTER_PACKAGES, pkg))) ?? null;
  }

  function roleAsProperty(property: TSESTree.Property): Role {
    const key = staticName(property.key);
    const object = property.parent;
    if (key === undefined || object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const holder = object.parent;
    // `module.exports = { handler: async (event) => … }`
    if (holder.type === AST_NODE_TYPES.AssignmentExpression && holder.right === object && isModuleExports(holder.left)) return roleAsExport(key);
    // Cloudflare Workers must open database sockets per request ("Cannot perform I/O on behalf of a different request").
    if (holder.type === AST_NODE_TYPES.ExportDefaultDeclaration || holder.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      if (key === 'fetch' || key === 'scheduled' || key === 'queue') return EXEMPT;
    }
    if (holder.type === AST_NODE_TYPES.Property) {
      const typeName = staticName(holder.key);
      if (typeName === 'Query' || typeName === 'Mutation' || typeName === 'Subscription') return GRAPHQL_OCCASION;
    }
    const callback = CALLBACK_PROPERTIES.get(key);
    if (callback === undefined) return undefined;
    if (holder.type !== AST_NODE_TYPES.CallExpression && holder.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const { occasion, calledBy } = callback;
    if (calledBy !== undefined && !calledBy.has(calleeName(holder) ?? '')) return undefined;
    // `fastify.route({ handler })`, `server.route({ handler })`: the framework is the receiver's.
    if (occasion === 'route') return ROUTE_OCCASION(holder.type === AST_NODE_TYPES.CallExpression ? routerFramework(holder) : importedFramework());
    return occasion;
  }

  function roleAsClassMethod(method: TSESTree.MethodDefinition): Role {
    for (const decorator of decoratorsOf(method)) {
      const name = decoratorName(decorator);
      if (name !== undefined && Object.hasOwn(NEST_METHOD_DECORATORS, name)) return NEST_METHOD_DECORATORS[name];
      if ((name === 'Query' || name === 'Mutation' || name === 'Subscription') && classHasDecorator(method, 'Resolver')) return GRAPHQL_OCCASION;
    }
    const name = staticName(method.key);
    if (name === undefined) return undefined;
    const owner = method.parent.parent;
    if ((name === 'fetch' || name === 'alarm') && owner.superClass != null && /WorkerEntrypoint|DurableObject/u.test(staticName(owner.superClass) ?? ''))
      return EXEMPT;
    if (Object.hasOwn(NEST_PER_REQUEST_METHODS, name) && isNestPerRequestClass(owner)) return NEST_PER_REQUEST_METHODS[name];
    return undefined;
  }

  function roleAsExport(name: string): Role {
    // Which routes the file's path matches is asked once (a file exports many functions), and only
    // for a name some file-based route exports: `start()` or `listUsers()` never needs the path.
    if (FILE_ROUTE_EXPORTS.has(name)) {
      for (const route of (fileRoutes ??= routesOfFile(context.filename))) {
        if (route.exports === 'default' ? name === 'default' : route.exports.has(name)) return route.occasion;
      }
    }
    if (hasDirective(context.sourceCode.ast.body, 'use server')) return SERVER_ACTION_OCCASION;
    return SERVERLESS_EXPORTS.has(name) && !isCommandModule() ? SERVERLESS_OCCASION : undefined;
  }

  let commandModule: boolean | undefined;
  /** A yargs/commander command module (`export const command`, `builder`) runs its `handler` once per CLI run. */
  function isCommandModule(): boolean {
    return (commandModule ??= exportedNames(context.sourceCode.ast).some((exported) => COMMAND_MODULE_EXPORTS.has(exported)));
  }

  /** `exports.handler = fn`, `module.exports.handler = fn`, `module.exports = fn`. */
  function roleAsCommonJsExport(target: TSESTree.Expression): Role {
    if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (isModuleExports(target)) return roleAsExport('default');
    const name = staticName(target.property);
    const isExports = (target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'exports') || isModuleExports(target.object);
    return isExports && name !== undefined ? roleAsExport(name) : undefined;
  }

  /** A named function is per request when any reference registers it: `app.get('/x', listUsers)`. */
  function roleByReferences(fn: FunctionNode): Role {
    const variable = declaredVariable(fn);
    if (variable === undefined) return undefined;
    for (const reference of variable.references) {
      const identifier = reference.identifier as TSESTree.Node;
      if (identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier) {
        const role = roleAsExport(staticName(identifier.parent.exported) ?? '');
        if (role !== undefined) return role;
        continue;
      }
      const role = roleByPosition(identifier, 0);
      if (role !== undefined) return role;
    }
    return undefined;
  }

  function declaredVariable(fn: FunctionNode): TSESLint.Scope.Variable | undefined {
    const id =
      fn.type === AST_NODE_TYPES.FunctionDeclaration
        ? fn.id
        : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
          ? fn.parent.id
          : null;
    if (id == null) return undefined;
    return context.sourceCode.getDeclaredVariables(fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent).find((v) => v.name === id.name);
  }

  /** The router package of a parameter annotated with its app or router type: `fastify` for `app: FastifyInstance`. */
  function annotatedRouter(receiver: TSESTree.Expression): string | undefined {
    if (types === undefined || receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = definitionOf(receiver, context.sourceCode);
    const annotated = definition?.type === DefinitionType.Parameter ? annotatedType(definition.name, context.sourceCode) : undefined;
    return typeof annotated === 'object' && isRouterType(annotated) ? annotated.package : undefined;
  }

  /**
   * With types: a parameter typed as a request, event, message or job marks per-request code. One
   * annotated with such a type by its import (`message: ConsumeMessage`) decides before the type
   * checker is asked about the others (an unannotated callback's, a project type that may extend one).
   */
  function roleByParameterTypes(fn: FunctionNode): Role {
    if (types === undefined || fn.params.length === 0 || isPlainCallback(fn)) return undefined;
    const params = fn.params.slice(0, 4);
    const annotated = params.map((param) => annotatedType(param, context.sourceCode));
    const named = annotated.map((type) => (typeof type === 'object' ? REQUEST_PARAMETER_TYPES.find((candidate) => candidate.declaredIn === type.package && candidate.types.includes(type.name)) : undefined));
    const byAnnotation = named.find((found) => found !== undefined && isPerRequest(found, fn));
    if (byAnnotation !== undefined) return byAnnotation.occasion;
    if (!mayHoldRequestTypes(types.program)) return undefined;
    for (const [index, param] of params.entries()) {
      const type = annotated[index];
      if (type === NOT_A_PACKAGE_TYPE || named[index] !== undefined || (typeof type === 'object' && isRouterType(type))) continue;
      const typed = types.checker.getTypeAtLocation(types.toTs(param));
      if (isUnknownType(typed) || (typed.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) !== 0) continue;
      const found = findDeclaredType(types.checker, typed, (pkg, name) =>
        REQUEST_PARAMETER_TYPES.find((candidate) => candidate.declaredIn === pkg && candidate.types.includes(name)),
      );
      if (found !== undefined && isPerRequest(found, fn)) return found.occasion;
    }
    return undefined;
  }

  return {
    repeatedContextOf(node) {
      let innermost: { fn: FunctionNode; occasion: Occasion } | undefined;
      let outermost: FunctionNode | undefined;
      for (let current = node.parent; current != null; current = current.parent) {
        if (!isFunctionNode(current)) continue;
        const role = roleOf(current);
        if (role === EXEMPT) return undefined;
        if (role === undefined) continue;
        innermost ??= { fn: current, occasion: role };
        outermost = current;
      }
      return innermost && { ...innermost, outermost: outermost ?? innermost.fn };
    },
  };
}

/** Every name a file-based route exports its handler under. */
const FILE_ROUTE_EXPORTS: ReadonlySet<string> = new Set(FILE_ROUTES.flatMap((route) => (route.exports === 'default' ? ['default'] : [...route.exports])));

/** The frameworks' file-based routes this file's path is one of (paths as `/`-separated, on every platform). */
function routesOfFile(filename: string): readonly FileRoute[] {
  const path = filename.replaceAll('\\', '/');
  return FILE_ROUTES.filter((route) => route.file.test(path));
}

/** `module.exports` */
function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && staticName(node.object) === 'module' && staticName(node.property) === 'exports';
}

function isRouterType(type: PackageTypeName): boolean {
  return ownValue(ROUTER_TYPES, type.package)?.includes(type.name) === true;
}

/** An HTTP client's response callback takes an `IncomingMessage` too, but runs once per outgoing request. */
function isPerRequest(type: (typeof REQUEST_PARAMETER_TYPES)[number], fn: FunctionNode): boolean {
  return type.alsoClientResponse !== true || !isClientResponseCallback(fn);
}

/** `http.get(url, (res) => …)`, `req.on('response', (res) => …)`: a client's response arrives once per outgoing request. */
function isClientResponseCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(call);
  if (name === 'on' || name === 'once' || name === 'addListener') return stringValue(call.arguments[0]) === HTTP_CLIENT_RESPONSE_EVENT;
  return name !== undefined && HTTP_CLIENT_CALLS.has(name);
}

function isNestPerRequestClass(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  return (
    decoratorsOf(owner).some((decorator) => NEST_PER_REQUEST_CLASS_DECORATORS.has(decoratorName(decorator) ?? '')) ||
    implementsOf(owner).some((clause) => NEST_PER_REQUEST_INTERFACES.has(staticName(clause.expression) ?? ''))
  );
}

// espree's classes and members have no `decorators` or `implements` at all, whatever typescript-estree's types say.
function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}

function implementsOf(node: { readonly implements?: readonly TSESTree.TSClassImplements[] }): readonly TSESTree.TSClassImplements[] {
  return node.implements ?? [];
}

function classHasDecorator(method: TSESTree.MethodDefinition, name: string): boolean {
  return decoratorsOf(method.parent.parent).some((decorator) => decoratorName(decorator) === name);
}

/** Without types, a file that imports exactly one web framework names its routes after it. */
function singleImportedFramework(program: TSESTree.Program): string | undefined {
  const found = new Set<string>();
  for (const statement of program.body) {
    const imported = statement.type === AST_NODE_TYPES.ImportDeclaration ? ownValue(ROUTER_PACKAGES, statement.source.value) : undefined;
    if (imported !== undefined) found.add(imported);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration)
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (init?.type === AST_NODE_TYPES.CallExpression && staticName(init.callee) === 'require') {
          const moduleId = stringValue(init.arguments[0]);
          const required = moduleId === undefined ? undefined : ownValue(ROUTER_PACKAGES, moduleId);
          if (required !== undefined) found.add(required);
        }
      }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Names a module exports: `export const x`, `export function x`, `export { x }`, `exports.x =`, `module.exports = { x }`. */
function exportedNames(program: TSESTree.Program): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration)
        for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) names.push(declarator.id.name);
      if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id !== null) names.push(declaration.id.name);
      for (const specifier of statement.specifiers) names.push(staticName(specifier.exported) ?? '');
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      if (left.type === AST_NODE_TYPES.MemberExpression && (staticName(left.object) === 'exports' || isModuleExports(left.object))) names.push(staticName(left.property) ?? '');
      if (isModuleExports(left) && right.type === AST_NODE_TYPES.ObjectExpression)
        for (const property of right.properties) if (property.type === AST_NODE_TYPES.Property) names.push(staticName(property.key) ?? '');
    }
  }
  return names;
}

/** Callbacks whose parameters come from the collection or promise they are given to: `ids.map(fn)`, `.then(fn)`, `new Promise(fn)`. */
const PLAIN_CALLBACK_CALLEES: ReadonlySet<string> = new Set([...ITERATION_METHODS, 'then', 'catch', 'finally', 'Promise']);

function isPlainCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression && parent.type !== AST_NODE_TYPES.NewExpression) return false;
  return parent.arguments.some((argument) => argument === fn) && PLAIN_CALLBACK_CALLEES.has(calleeName(parent) ?? '');
}
