import { CALL, CONSTRUCT, READ, ReferenceTracker, type TraceMap } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { typeServicesOf } from '../util/type-services.js';
import ts from 'typescript';
import type { ClientEntry } from '../catalogue/clients.js';
import { NODE_REQUEST_FUNCTIONS, PROXY_FACTORIES, type ProxyFactory, type RequestFunctions } from '../catalogue/keep-alive.js';
import { mayComeFromModules, mayComeFromPackage } from '../ast/callee-origin.js';
import { reachingNames, type NameFilter } from './reaching-names.js';
import { effectiveCatalogue } from './client-catalogue.js';
import { clientImports } from './import-tracking.js';
import { declaringPackage } from './declaring-package.js';
import { normaliseModuleName } from '../util/module-specifier.js';
import { calleeSymbol, constructedType, findDeclaredType, isUnknownType } from './type-match.js';
import { tsestreeNode } from '../ast/estree.js';
import { globalScopeOf } from '../util/present.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { definitionOf } from '../ast/variables.js';

/** `http.request(…)` / `https.get(…)`, and the module (`http` or `https`) it belongs to. */
export interface RequestCall {
  readonly functions: RequestFunctions;
  readonly module: string;
}

export interface OutboundCallRecogniser {
  /**
   * Cheap and syntactic: could this callee come from `http`, `https` or a proxy package at all? With
   * types it runs before the type checker; without, import tracking is as cheap and decides alone.
   */
  mayConcern(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** The request function a call is, if it is one of Node's (`http.request`, `https.get`, …). */
  requestFunction(node: TSESTree.CallExpression): RequestCall | undefined;
  /** The proxy package whose factory (or constructor) this is, if any. */
  proxyFactory(node: TSESTree.CallExpression | TSESTree.NewExpression): ProxyFactory | undefined;
  /**
   * For `super(…)` in a class that extends an agent which does not keep alive by default (Node's
   * `http.Agent`, not agentkeepalive's): that agent's catalogue entry.
   */
  agentBuiltBySuper(node: TSESTree.CallExpression): ClientEntry | undefined;
  /**
   * Whether the arguments of this construction reach the library's own constructor; false for a
   * subclass with its own constructor (its `super(…)` call is checked instead).
   */
  argumentsReachLibrary(node: TSESTree.NewExpression): boolean;
}

type Tracked =
  | { readonly kind: 'request'; readonly module: string }
  | { readonly kind: 'proxy'; readonly factory: ProxyFactory }
  | { readonly kind: 'agentClass'; readonly entry: ClientEntry };

const catalogue = effectiveCatalogue({});
const AGENT_ENTRIES = catalogue.entries.filter((entry) => entry.keepAliveByDefault === false);
/** The modules whose callees these questions are about. */
const modules: ReadonlySet<string> = new Set(
  [...NODE_REQUEST_FUNCTIONS.modules, ...PROXY_FACTORIES.map((factory) => factory.package), ...AGENT_ENTRIES.flatMap((entry) => [entry.package, ...(entry.modules ?? [])])].map(normaliseModuleName),
);

/**
 * Recognises the calls whose options decide connection reuse: by tracking `import`/`require` where
 * that is exact (a package's own export, called or built directly), by the declaring package of the
 * callee with type information (aliases, re-exports, subclasses), and by tracking again where the
 * type is unknown or there is no type information.
 */
export function createOutboundCallRecogniser(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): OutboundCallRecogniser {
  const types = typeServicesOf(context);
  let tracked: Map<TSESTree.Node, Tracked> | undefined;
  const imports = () => (tracked ??= trackImports(context));

  /** The declared (package, name) of the function or class a callee refers to. */
  function declaredCallee(callee: TSESTree.Node): { pkg: string | undefined; name: string } | 'unknown' | undefined {
    if (types === undefined) return 'unknown';
    const symbol = calleeSymbol(types.toTs(callee), types.checker);
    if (symbol === undefined) return isUnknownType(types.checker.getTypeAtLocation(types.toTs(callee))) ? 'unknown' : undefined;
    const declaration = symbol.declarations?.[0];
    if (declaration === undefined) return 'unknown';
    return { pkg: declaringPackage(declaration), name: symbol.getName() };
  }

  // Names of project modules that may stand for a package's value (`export { get } from 'https'`).
  let reaching: NameFilter | undefined;
  const mayBeReexport = (name: string): boolean => types !== undefined && (reaching ??= reachingNames(types.program, catalogue)).has(name);
  return {
    mayConcern(node) {
      return types === undefined || mayComeFromModules(node.callee, context.sourceCode, modules, mayBeReexport);
    },
    requestFunction(node) {
      if (types !== undefined && !mayComeFromPackage(node.callee, context.sourceCode)) return undefined;
      // `https.get()` of `import https from 'node:https'`: the types would say the same.
      const found = imports().get(node);
      if (found !== undefined) return found.kind === 'request' ? { functions: NODE_REQUEST_FUNCTIONS, module: found.module } : undefined;
      const declared = declaredCallee(node.callee);
      if (declared === 'unknown') return undefined;
      const { declaredIn, functions } = NODE_REQUEST_FUNCTIONS;
      if (declared?.pkg === undefined || !declaredIn.includes(declared.pkg) || !functions.includes(declared.name)) return undefined;
      return { functions: NODE_REQUEST_FUNCTIONS, module: declared.pkg };
    },
    proxyFactory(node) {
      if (types !== undefined && !mayComeFromPackage(node.callee, context.sourceCode)) return undefined;
      const found = imports().get(node);
      if (found !== undefined) return found.kind === 'proxy' ? found.factory : undefined;
      const declared = node.type === AST_NODE_TYPES.NewExpression ? constructedClass(node) : declaredCallee(node.callee);
      if (declared === 'unknown') return undefined;
      if (declared?.pkg === undefined) return undefined;
      const pkg = declared.pkg;
      return PROXY_FACTORIES.find(
        (factory) =>
          factory.declaredIn.includes(pkg) &&
          (node.type === AST_NODE_TYPES.NewExpression ? factory.constructs === true : factory.calls.includes(declared.name)),
      );
    },
    agentBuiltBySuper(node) {
      if (node.callee.type !== AST_NODE_TYPES.Super) return undefined;
      const classNode = enclosingClass(node);
      if (classNode?.superClass == null) return undefined;
      if (types !== undefined) {
        const instance = types.checker.getTypeAtLocation(types.toTs(classNode));
        const bases = instance.isClassOrInterface() ? types.checker.getBaseTypes(instance) : [];
        const [base] = bases;
        if (base !== undefined && !bases.every(isUnknownType)) {
          const found = findDeclaredType(types.checker, base, (pkg, name) =>
            pkg === undefined ? undefined : catalogue.byDeclaredType.get(pkg)?.get(name),
          );
          return found?.keepAliveByDefault === false ? found : undefined;
        }
      }
      const found = imports().get(classNode.superClass) ?? imports().get(importedAt(classNode.superClass, context.sourceCode) ?? classNode.superClass);
      return found?.kind === 'agentClass' ? found.entry : undefined;
    },
    argumentsReachLibrary(node) {
      // Built with the package's own export (`new https.Agent(…)`), not a subclass: they do.
      if (types === undefined || clientImports(context.sourceCode, catalogue).builtAt(node) !== undefined) return true;
      const tsNode = types.toTs(node);
      if (!ts.isNewExpression(tsNode)) return true;
      const declaration = types.checker.getResolvedSignature(tsNode)?.declaration;
      // A constructor declared in user code decides itself what reaches `super(…)`.
      return declaration === undefined || declaringPackage(declaration) !== undefined;
    },
  };

  function constructedClass(node: TSESTree.NewExpression): { pkg: string | undefined; name: string } | 'unknown' | undefined {
    if (types === undefined) return 'unknown';
    const tsNode = types.toTs(node) as ts.NewExpression;
    const type = constructedType(tsNode, calleeSymbol(tsNode.expression, types.checker), types.checker);
    if (isUnknownType(type)) return 'unknown';
    const symbol = type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    return symbol === undefined || declaration === undefined ? undefined : { pkg: declaringPackage(declaration), name: symbol.getName() };
  }
}

/**
 * Where the name a class extends was imported: import tracking reports `import { Agent }` and
 * `const { Agent } = require(…)` at the specifier, not at later uses of `Agent`.
 */
function importedAt(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = definitionOf(node, sourceCode);
  if (definition?.type === DefinitionType.ImportBinding) return definition.node;
  const parent = definition?.name.parent;
  return parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectPattern ? parent : undefined;
}

function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}

/** Request functions, proxy factories and agent classes reached through `import`/`require`. */
function trackImports(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Map<TSESTree.Node, Tracked> {
  const tracker = new ReferenceTracker(globalScopeOf(context.sourceCode) as never, { mode: 'legacy' });
  const found = new Map<TSESTree.Node, Tracked>();
  for (const { node, info } of [...tracker.iterateEsmReferences(OUTBOUND_TRACE_MAP), ...tracker.iterateCjsReferences(OUTBOUND_TRACE_MAP)])
    found.set(tsestreeNode(node), info);
  return found;
}

/** What `trackImports` looks for, the same in every file. */
function outboundTraceMap(): TraceMap<Tracked> {
  const traceMap: TraceMap<Tracked> = {};
  const moduleNode = (moduleId: string) => (traceMap[moduleId] ??= {});
  for (const moduleId of NODE_REQUEST_FUNCTIONS.modules) {
    const module = normaliseModuleName(moduleId);
    for (const name of NODE_REQUEST_FUNCTIONS.functions) (moduleNode(moduleId)[name] ??= {})[CALL] = { kind: 'request', module };
  }
  for (const factory of PROXY_FACTORIES) {
    const node = moduleNode(factory.package);
    for (const name of factory.calls) (node[name] ??= {})[CALL] = { kind: 'proxy', factory };
    if (factory.constructs === true) node[CONSTRUCT] = { kind: 'proxy', factory };
  }
  for (const entry of AGENT_ENTRIES) {
    for (const moduleId of [entry.package, ...(entry.modules ?? [])]) {
      for (const builder of entry.builders) {
        if (builder.new === undefined || builder.on !== undefined) continue;
        let node = moduleNode(moduleId);
        for (const key of builder.new === '' ? [] : builder.new.split('.')) node = node[key] ??= {};
        node[READ] ??= { kind: 'agentClass', entry };
      }
    }
  }
  return traceMap;
}

const OUTBOUND_TRACE_MAP = outboundTraceMap();
