import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import path from 'node:path';
import ts from 'typescript';
import { describeConstruction } from '../ast/describe.js';
import { calleeNameNode, isFunctionNode, staticName, type FunctionNode } from '../ast/predicates.js';
import type { ClientOptions } from '../options.js';
import { typeServicesOf, type TypeServices } from '../util/type-services.js';
import { keyedFileSlot, lastNodeMemo, memoised, perFileAndKey } from '../util/memo.js';
import { clientEventOf } from './client-event.js';
import { isMemoisedConstruction } from './memoised-store.js';
import { programFileSource } from './program-file-source.js';
import { callsMayReach, NO_NAME, reachingNames, type NameFilter } from './reaching-names.js';
import { effectiveCatalogue, type EffectiveCatalogue } from './client-catalogue.js';
import { createClientRecogniser, createTsClientFilter, type ClientMatch, type ClientRecogniser } from './recognise-client.js';
import { createReachFilter, followedDeclaration } from './may-reach-client.js';
import { createContextFinder, type ContextFinder } from './repeated-context.js';
import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';

/** How many function bodies deep a call from repeated code is followed by default. */
export const DEFAULT_FOLLOW_DEPTH = 3;
const MAX_FOLLOW_DEPTH = 8;

export interface FollowOptions {
  /** How many function bodies deep to follow project code called from repeated code; 0 follows none. */
  readonly followDepth?: number;
}

export const followOptionsSchema: Record<string, JSONSchema4> = {
  followDepth: {
    type: 'integer',
    minimum: 0,
    maximum: MAX_FOLLOW_DEPTH,
    description: `How many function bodies deep to follow the project's own functions, methods and classes called from repeated code (default ${String(DEFAULT_FOLLOW_DEPTH)}; 0 follows none).`,
  },
};

/** A client that calling a project function or class builds (or connects) every time. */
export interface ClientThroughCall {
  readonly event: 'build' | 'connect';
  readonly match: ClientMatch;
  /** The followed call, as written at the call site: `db()`, `new UserRepo()`. */
  readonly call: string;
  /** The calls between it and the construction, each as written in its caller: `getRepo()`, `new UserRepo()`. */
  readonly through: readonly string[];
  /** The construction, or the connect call, as written: `new Pool()`, `client.connect()`. */
  readonly construction: string;
  /** Where the construction is written: `src/db.ts:12`, or `line 12` in the linted file. */
  readonly where: string;
  /** In the linted file itself: the construction and the function it runs in, for an in-place suggestion. */
  readonly inThisFile?: { readonly construction: TSESTree.NewExpression | TSESTree.CallExpression; readonly fn: TSESTree.Node };
}

export interface FactoryFollower {
  /**
   * Whether this call (or `new`) of project code builds a connection-owning client, or connects a
   * shared one, every time it runs — through at most `followDepth` function bodies. `boundary` is
   * the repeated code the call sits in (a handler, a loop body): a call memoised into something
   * that outlives it counts for nothing. `unlessCalleeRepeats`: stay silent when the called function
   * is itself repeated code (a handler of its own, or a function written inside the handler), whose
   * constructions are reported where they are.
   */
  clientBuiltThroughCall(
    node: TSESTree.NewExpression | TSESTree.CallExpression,
    boundary: TSESTree.Node,
    unlessCalleeRepeats?: boolean,
  ): ClientThroughCall | undefined;
  /** Cheap and syntactic: could this call lead into the project's own code at all? */
  mayFollow(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean;
}

/** The message data that names a helper's chain: `db()` … through `getRepo()` → `new UserRepo()` … (src/db.ts:12). */
export function helperMessageData(helper: ClientThroughCall): Record<string, string> {
  return {
    call: helper.call,
    through: helper.through.length === 0 ? '' : ` through ${helper.through.map((call) => `\`${call}\``).join(' → ')}`,
    construction: helper.construction,
    package: helper.match.entry.package,
    where: helper.where,
    opens: helper.match.entry.opens,
  };
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** One file as the follower reads it: the linted file, or another file of the same program. */
interface FileView {
  readonly filename: string;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly clients: ClientRecogniser;
  readonly types: TypeServices | undefined;
  readonly linted: boolean;
  toEstree(node: ts.Node): TSESTree.Node | undefined;
  contexts(): ContextFinder;
}

/** What a call may run: a function's body, or a class's constructor and instance field initialisers. */
type Target =
  | { readonly kind: 'function'; readonly fn: FunctionNode; readonly view: FileView; readonly key: object }
  | { readonly kind: 'class'; readonly cls: ClassNode; readonly view: FileView; readonly key: object };

/** The cached verdict on one target: the first unguarded construction on its path, if any. */
interface Verdict {
  readonly event: 'build' | 'connect';
  readonly match: ClientMatch;
  readonly through: readonly string[];
  readonly construction: string;
  readonly filename: string;
  readonly line: number;
  readonly node: TSESTree.NewExpression | TSESTree.CallExpression;
  readonly boundary: TSESTree.Node;
}

type VerdictCache = WeakMap<object, Map<number, Verdict | null>>;

/** With types: per program and options, the views of other files and the verdicts keyed by TypeScript declaration. */
interface ProgramCache {
  readonly views: Map<string, FileView | null>;
  readonly verdicts: VerdictCache;
  /** Cheap, on the TypeScript AST: may following this declaration find anything? */
  readonly mayReachClient: (declaration: ts.Node, depth: number) => boolean;
}
const byProgram = new WeakMap<object, Map<EffectiveCatalogue, ProgramCache>>();
/** Without types: per linted file and options, verdicts keyed by ESTree function or class. */
const UNTYPED_VERDICTS = keyedFileSlot<EffectiveCatalogue, VerdictCache>('verdicts without types');

const MAX_NODES_PER_BODY = 20_000;

/**
 * Answers "does calling this build a client every time?" for calls made from repeated code: it
 * follows the project's own functions, arrow functions, methods, constructors and field initialisers
 * — through the type checker's declarations across files with type information, through scope
 * analysis within the linted file without — and looks for a construction that is not memoised into a
 * longer-lived binding (`isMemoisedConstruction`, with the called function as the boundary), or a
 * `connect()` of a module-level client on every call. Never into node_modules or declaration files;
 * callees it cannot resolve to one body (parameters, `any`, interfaces, overloads) are not followed.
 */
export function createFactoryFollower(context: RuleContext, options: ClientOptions & FollowOptions): FactoryFollower {
  // The rules of a file (with the same options) share one follower, and so its answers.
  const depth = options.followDepth ?? DEFAULT_FOLLOW_DEPTH;
  const byDepth = perFileAndKey(context.sourceCode, FOLLOWERS, effectiveCatalogue(options), newFollowersByDepth);
  let follower = byDepth.get(depth);
  if (follower === undefined) byDepth.set(depth, (follower = buildFactoryFollower(context, options, depth)));
  return follower;
}

const FOLLOWERS = keyedFileSlot<EffectiveCatalogue, Map<number, FactoryFollower>>('factory followers');
const newFollowersByDepth = (): Map<number, FactoryFollower> => new Map();

/**
 * Most files only ever ask `mayFollow`, which with types is a lookup of the callee's name: the
 * resolver behind `clientBuiltThroughCall` (views of other files, caches, the linted file's
 * TypeScript tree) is built the first time a call of the file needs following.
 */
function buildFactoryFollower(context: RuleContext, clientOptions: ClientOptions, depth: number): FactoryFollower {
  const types = typeServicesOf(context);
  const catalogue = effectiveCatalogue(clientOptions);
  let resolver: Resolver | undefined;
  const resolve = (): Resolver => (resolver ??= buildResolver(context, clientOptions, depth));
  // Asked for every call of the file: the program's names, looked up once.
  let names: NameFilter | undefined;

  function mayFollow(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
    if (depth < 1) return false;
    if (node.callee.type === AST_NODE_TYPES.Super) return true;
    const name = calleeNameNode(node.callee);
    if (name === undefined) return false;
    // Without types only the linted file's own functions are followed: resolving one is scope analysis alone.
    if (types === undefined) return resolve().resolvesInFile(node);
    // A file that mentions no name that reaches (see `callsMayReach`) calls none.
    names ??= callsMayReach(types.program, catalogue, types.file) ? reachingNames(types.program, catalogue) : NO_NAME;
    return names.reachesWithin(memberName(name) ?? '', depth);
  }

  return {
    // The rules sharing this follower ask about each call one right after the other.
    mayFollow: lastNodeMemo(mayFollow),
    clientBuiltThroughCall: (node, boundary, unlessCalleeRepeats) => resolve().clientBuiltThroughCall(node, boundary, unlessCalleeRepeats),
  };
}

/** What follows calls for a file's follower. */
interface Resolver extends Pick<FactoryFollower, 'clientBuiltThroughCall'> {
  /** Without types: whether the call resolves to one of the linted file's own functions or classes. */
  resolvesInFile(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean;
}

function buildResolver(context: RuleContext, clientOptions: ClientOptions, depth: number): Resolver {
  const types = typeServicesOf(context);
  const catalogue = effectiveCatalogue(clientOptions);
  const reaching = (program: ts.Program): NameFilter => reachingNames(program, catalogue);
  const visitorKeys = context.sourceCode.visitorKeys;
  const reverseMap = (context.sourceCode.parserServices as { tsNodeToESTreeNodeMap?: { get(node: ts.Node): TSESTree.Node | undefined } } | undefined)
    ?.tsNodeToESTreeNodeMap;
  // The file's recogniser and context finder are the ones its rules share.
  const linted: FileView = {
    filename: context.filename,
    sourceCode: context.sourceCode,
    clients: createClientRecogniser(context, clientOptions),
    types,
    linted: true,
    toEstree: (node) => reverseMap?.get(node),
    contexts: () => createContextFinder(context),
  };
  const lintedTsFile = types?.file;

  function caches(): { program: ProgramCache | undefined; verdicts: VerdictCache } {
    if (types !== undefined) {
      const { program } = types;
      const cache = memoised(byProgram, program, catalogue, (): ProgramCache => ({
        views: new Map(),
        verdicts: new WeakMap(),
        mayReachClient: createReachFilter(program, reaching(program), createTsClientFilter(clientOptions, program)),
      }));
      return { program: cache, verdicts: cache.verdicts };
    }
    return { program: undefined, verdicts: perFileAndKey(context.sourceCode, UNTYPED_VERDICTS, catalogue, (): VerdictCache => new WeakMap()) };
  }
  let cached: ReturnType<typeof caches> | undefined;
  const cache = () => (cached ??= caches());

  /** The view of the file a TypeScript declaration is written in, if it is project code we can read. */
  function viewOfFile(file: ts.SourceFile): FileView | undefined {
    if (file === lintedTsFile) return linted;
    if (types === undefined) return undefined;
    const programCache = cache().program;
    // Defined whenever there are types.
    if (programCache === undefined) return undefined;
    const views = programCache.views;
    if (!views.has(file.fileName)) views.set(file.fileName, otherFileView(file, types.program) ?? null);
    return views.get(file.fileName) ?? undefined;
  }

  function otherFileView(file: ts.SourceFile, program: ts.Program): FileView | undefined {
    const source = programFileSource(program, file, visitorKeys);
    if (source === undefined) return undefined;
    const fileContext = {
      id: context.id,
      filename: source.filename,
      physicalFilename: source.filename,
      cwd: context.cwd,
      options: context.options,
      settings: context.settings,
      languageOptions: context.languageOptions,
      sourceCode: source.sourceCode,
      report() {},
    } as unknown as RuleContext;
    return {
      filename: source.filename,
      sourceCode: source.sourceCode,
      clients: createClientRecogniser(fileContext, clientOptions),
      types: typeServicesOf(fileContext),
      linted: false,
      toEstree: (node) => source.toEstree(node),
      contexts: () => createContextFinder(fileContext),
    };
  }

  function verdictOf(target: Target, remaining: number): Verdict | undefined {
    const verdicts = cache().verdicts;
    let byDepth = verdicts.get(target.key);
    if (byDepth === undefined) verdicts.set(target.key, (byDepth = new Map<number, Verdict | null>()));
    if (byDepth.has(remaining)) return byDepth.get(remaining) ?? undefined;
    byDepth.set(remaining, null); // a recursive call sees "nothing" while this one is being decided
    const verdict = decide(target, remaining);
    byDepth.set(remaining, verdict ?? null);
    return verdict;
  }

  function decide(target: Target, remaining: number): Verdict | undefined {
    const { view } = target;
    for (const [boundary, root] of bodiesOf(target)) {
      for (const node of callsIn(root, view.sourceCode.visitorKeys)) {
        const event = clientEventOf(node, boundary, view.clients, view.sourceCode);
        if (event !== undefined) {
          if (event.event === 'connect' && !connectsSharedClientEveryTime(node as TSESTree.CallExpression, boundary, view)) continue;
          return {
            event: event.event,
            match: event.match,
            through: [],
            construction: describeConstruction(node, view.sourceCode),
            filename: view.filename,
            line: node.loc.start.line,
            node,
            boundary,
          };
        }
        if (remaining <= 1 || isMemoisedConstruction(node, boundary, view.sourceCode)) continue;
        const next = targetOf(node, view, remaining - 1);
        const inner = next === undefined ? undefined : verdictOf(next, remaining - 1);
        if (inner !== undefined) return { ...inner, through: [describeConstruction(node, view.sourceCode), ...inner.through] };
      }
    }
    // A class without a constructor of its own runs its base class's.
    if (target.kind === 'class' && remaining > 1 && target.cls.superClass != null && constructorOf(target.cls) === undefined) {
      const base = classTargetOf(target.cls.superClass, view, remaining - 1);
      const inner = base === undefined ? undefined : verdictOf(base, remaining - 1);
      if (inner !== undefined) return { ...inner, through: ['super()', ...inner.through] };
    }
    return undefined;
  }

  // ---- Resolving a callee to a body -------------------------------------------------------------

  /** What the call runs, when following it `remaining` bodies deep (as `verdictOf` then will) may find a client. */
  function targetOf(node: TSESTree.NewExpression | TSESTree.CallExpression, view: FileView, remaining: number): Target | undefined {
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Super) {
      const cls = enclosingClass(node);
      return cls?.superClass == null ? undefined : classTargetOf(cls.superClass, view, remaining);
    }
    return view.types === undefined ? untypedTargetOf(node, view) : typedTargetOf(node, view.types, remaining);
  }

  function typedTargetOf(node: TSESTree.NewExpression | TSESTree.CallExpression, services: TypeServices, remaining: number): Target | undefined {
    const name = calleeNameNode(node.callee);
    // Cheap filter first: only a name under which the project's code may reach a client that deep leads anywhere.
    if (name === undefined || !reaching(services.program).reachesWithin(memberName(name) ?? '', remaining)) return undefined;
    return targetOfSymbol(services.checker.getSymbolAtLocation(services.toTs(name)), node.type === AST_NODE_TYPES.NewExpression, remaining);
  }

  function targetOfSymbol(found: ts.Symbol | undefined, isNew: boolean, remaining: number): Target | undefined {
    if (types === undefined) return undefined;
    const declaration = followedDeclaration(found, isNew, types.program);
    if (declaration === undefined) return undefined;
    const file = declaration.getSourceFile();
    // Another file is converted to ESTree only if following it may find something.
    if (file !== lintedTsFile && !cache().program?.mayReachClient(declaration, remaining)) return undefined;
    const view = viewOfFile(file);
    const estree = view?.toEstree(declaration);
    if (view === undefined || estree === undefined) return undefined;
    return estreeTarget(unwrapExport(estree), view, declaration, isNew);
  }

  function classTargetOf(expression: TSESTree.Expression, view: FileView, remaining: number): Target | undefined {
    if (view.types !== undefined) {
      const name = calleeNameNode(expression);
      return name === undefined ? undefined : targetOfSymbol(view.types.checker.getSymbolAtLocation(view.types.toTs(name)), true, remaining);
    }
    return expression.type === AST_NODE_TYPES.Identifier ? untypedTargetOfIdentifier(expression, view, true) : undefined;
  }

  function untypedTargetOf(node: TSESTree.NewExpression | TSESTree.CallExpression, view: FileView): Target | undefined {
    const callee = node.callee;
    const isNew = node.type === AST_NODE_TYPES.NewExpression;
    if (callee.type === AST_NODE_TYPES.Identifier) return untypedTargetOfIdentifier(callee, view, isNew);
    if (isNew || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    const method = memberName(callee.property);
    if (method === undefined) return undefined;
    // `this.load()` in a method: the class's own method of that name.
    if (callee.object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = thisOwner(callee);
      if (owner === undefined) return undefined;
      const fn = soleMethod(owner.cls, method, owner.isStatic);
      return fn && { kind: 'function', fn, view, key: fn };
    }
    if (callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declared = soleDeclaration(callee.object, view);
    // `Db.connect()` on a class of this file, `db.connect()` on a `const db = { connect() {…} }`.
    const cls = declared?.type === AST_NODE_TYPES.ClassDeclaration || declared?.type === AST_NODE_TYPES.ClassExpression ? declared : undefined;
    if (cls !== undefined) {
      const fn = soleMethod(cls, method, true);
      return fn && { kind: 'function', fn, view, key: fn };
    }
    if (declared?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const properties = declared.properties.filter(
      (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && staticName(property.key) === method,
    );
    const value = properties.length === 1 && declared.properties.every((p) => p.type === AST_NODE_TYPES.Property) ? properties[0]?.value : undefined;
    return isFunctionNode(value) ? { kind: 'function', fn: value, view, key: value } : undefined;
  }

  function untypedTargetOfIdentifier(identifier: TSESTree.Identifier, view: FileView, isNew: boolean): Target | undefined {
    const declared = soleDeclaration(identifier, view);
    if (declared === undefined) return undefined;
    if (declared.type === AST_NODE_TYPES.ClassDeclaration || declared.type === AST_NODE_TYPES.ClassExpression)
      return isNew ? { kind: 'class', cls: declared, view, key: declared } : undefined;
    return isFunctionNode(declared) ? { kind: 'function', fn: declared, view, key: declared } : undefined;
  }

  return {
    resolvesInFile: (node) => untypedTargetOf(node, linted) !== undefined,
    clientBuiltThroughCall(node, boundary, unlessCalleeRepeats = false) {
      if (depth < 1 || calleeNameNode(node.callee) === undefined) return undefined;
      const target = targetOf(node, linted, depth);
      if (target === undefined || isMemoisedConstruction(node, boundary, context.sourceCode)) return undefined;
      const verdict = verdictOf(target, depth);
      if (verdict === undefined) return undefined;
      if (unlessCalleeRepeats && target.kind === 'function' && target.view.contexts().repeatedContextOf(target.fn.body) !== undefined) return undefined;
      const file = verdict.filename === context.filename ? undefined : path.relative(context.cwd, verdict.filename).split(path.sep).join('/');
      return {
        event: verdict.event,
        match: verdict.match,
        call: describeConstruction(node, context.sourceCode),
        through: verdict.through,
        construction: verdict.construction,
        where: file === undefined ? `line ${String(verdict.line)}` : `${file}:${String(verdict.line)}`,
        // Only nodes of the linted file's own tree can be edited (another file's view is a separate conversion).
        ...(verdict.through.length === 0 && rootOf(verdict.node) === context.sourceCode.ast ? { inThisFile: { construction: verdict.node, fn: verdict.boundary } } : {}),
      };
    },
  };
}

function estreeTarget(estree: TSESTree.Node, view: FileView, key: object, isNew: boolean): Target | undefined {
  if (estree.type === AST_NODE_TYPES.ClassDeclaration || estree.type === AST_NODE_TYPES.ClassExpression)
    return isNew ? { kind: 'class', cls: estree, view, key } : undefined;
  const fn =
    estree.type === AST_NODE_TYPES.MethodDefinition || estree.type === AST_NODE_TYPES.Property
      ? estree.value
      : estree;
  if (estree.type === AST_NODE_TYPES.MethodDefinition && estree.kind !== 'method') return undefined;
  return isFunctionNode(fn) ? { kind: 'function', fn, view, key } : undefined;
}

function unwrapExport(node: TSESTree.Node): TSESTree.Node {
  if ((node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration) && node.declaration != null)
    return node.declaration;
  return node;
}

/** Where a call of the target runs code: its body, or the constructor and each instance field initialiser that is not a function. */
function bodiesOf(target: Target): [boundary: TSESTree.Node, root: TSESTree.Node][] {
  if (target.kind === 'function') return [[target.fn, target.fn.body]];
  const bodies: [TSESTree.Node, TSESTree.Node][] = [];
  for (const member of target.cls.body.body) {
    // A field holding a function (`handler = () => new Pool()`) runs it only when called.
    if ((member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) && !member.static && member.value != null && !isFunctionNode(member.value))
      bodies.push([member, member.value]);
  }
  const constructor = constructorOf(target.cls);
  if (constructor !== undefined) bodies.push([constructor, constructor.body]);
  return bodies;
}

function constructorOf(cls: ClassNode): TSESTree.FunctionExpression | undefined {
  for (const member of cls.body.body)
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && member.value.body != null) return member.value;
  return undefined;
}

/**
 * Every `new` and call that runs when `root` runs, in source order: not those inside functions it
 * only defines (callbacks run when someone calls them), except a `new Promise` executor and an
 * immediately invoked function, which run right away.
 */
function callsIn(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): (TSESTree.NewExpression | TSESTree.CallExpression)[] {
  const found: (TSESTree.NewExpression | TSESTree.CallExpression)[] = [];
  const stack: TSESTree.Node[] = [root];
  let visited = 0;
  for (let node = stack.pop(); node !== undefined && visited++ < MAX_NODES_PER_BODY; node = stack.pop()) {
    if (node !== root) {
      if (isFunctionNode(node) && !runsImmediately(node)) continue;
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    }
    if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) found.push(node);
    const keys = visitorKeys[node.type] ?? [];
    // Backwards, by index: no reversed copy, nor an iterator, per node.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i] as TSESTree.Node);
      } else if (isNode(child)) stack.push(child as TSESTree.Node);
    }
  }
  return found;
}

function isNode(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function runsImmediately(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
  return parent.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === fn && staticName(parent.callee) === 'Promise';
}

/**
 * A `connect()` of a client declared at module level, made unconditionally: a helper that connects
 * the shared client on every call. One under an `if` is probably a "connect once" guard; one on a
 * parameter or a `this` field may be a fresh client each time: neither is reported.
 */
function connectsSharedClientEveryTime(call: TSESTree.CallExpression, boundary: TSESTree.Node, view: FileView): boolean {
  for (let node: TSESTree.Node | undefined = call.parent; node !== undefined && node !== boundary; node = node.parent) {
    if (
      node.type === AST_NODE_TYPES.IfStatement ||
      node.type === AST_NODE_TYPES.ConditionalExpression ||
      node.type === AST_NODE_TYPES.LogicalExpression ||
      node.type === AST_NODE_TYPES.SwitchCase ||
      node.type === AST_NODE_TYPES.CatchClause
    )
      return false;
  }
  const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
  if (receiver?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(receiver, view.sourceCode);
  return variable !== null && variable.defs.length > 0 && (variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global);
}

function memberName(property: TSESTree.Node): string | undefined {
  if (property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${property.name}`;
  return property.type === AST_NODE_TYPES.Identifier ? property.name : undefined;
}

function classMemberName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return staticName(key);
}

/** The one method of that name (and staticness) the class declares itself. */
function soleMethod(cls: ClassNode, name: string, isStatic: boolean): FunctionNode | undefined {
  const members = cls.body.body.filter((member) => 'key' in member && !member.computed && classMemberName(member.key) === name);
  const [only] = members;
  if (members.length !== 1 || only?.type !== AST_NODE_TYPES.MethodDefinition || only.kind !== 'method' || only.static !== isStatic) return undefined;
  return only.value.body == null ? undefined : only.value;
}

/** The class whose `this` a member call is made on, from one of its methods (arrow functions keep `this`). */
function thisOwner(node: TSESTree.Node): { cls: ClassNode; isStatic: boolean } | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return { cls: current.parent.parent, isStatic: current.static };
    if (!isFunctionNode(current)) continue;
    const member = current.parent;
    if (member.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    return { cls: member.parent.parent, isStatic: member.static };
  }
  return undefined;
}

function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current != null; current = current.parent)
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  return undefined;
}

/**
 * Without types: what a name of the linted file stands for when it is declared once and never
 * reassigned: a function declaration, a class, or the function, class or object literal a `const` holds.
 */
function soleDeclaration(identifier: TSESTree.Identifier, view: FileView): TSESTree.Node | undefined {
  const variable = variableOf(identifier, view.sourceCode);
  if (variable === null || variable.defs.length !== 1) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const [def] = variable.defs;
  if (def === undefined) return undefined;
  const node = def.node as TSESTree.Node;
  if (def.type === DefinitionType.FunctionName && node.type === AST_NODE_TYPES.FunctionDeclaration) return node;
  if (def.type === DefinitionType.ClassName && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)) return node;
  if (def.type !== DefinitionType.Variable || node.type !== AST_NODE_TYPES.VariableDeclarator || node.parent.kind !== 'const' || node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  let init = node.init;
  while (init?.type === AST_NODE_TYPES.TSAsExpression || init?.type === AST_NODE_TYPES.TSSatisfiesExpression) init = init.expression;
  if (init == null) return undefined;
  return isFunctionNode(init) || init.type === AST_NODE_TYPES.ClassExpression || init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}

function rootOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent != null) root = root.parent;
  return root;
}
