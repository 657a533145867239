import { CALL, CONSTRUCT, ReferenceTracker, type TraceMap } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ClientEntry } from '../catalogue/clients.js';
import { builderName, type EffectiveCatalogue } from './client-catalogue.js';
import { tsestreeNode } from '../ast/estree.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { globalScopeOf, ownValue } from '../util/present.js';
import { importedName, variableOf } from '../ast/variables.js';
import { keyedFileSlot, lastNodeMemo, perFileAndKey } from '../util/memo.js';

/** What import tracking found in one file: the expressions that build or connect a client. */
export interface TrackedClients {
  readonly built: ReadonlyMap<TSESTree.Node, TrackedBuild>;
  readonly connected: ReadonlyMap<TSESTree.Node, ClientEntry>;
}

export interface TrackedBuild {
  readonly entry: ClientEntry;
  readonly name: string;
}

/** A construction whose instance has methods that build clients (`new Kafka().producer()`). */
interface InstanceFactory {
  readonly methods: Map<string, TrackedBuild>;
}

type Info = TrackedBuild | InstanceFactory;
type TraceNode = TraceMap<Info>[string];

/** What import tracking finds in a file, asked about one call or `new` at a time. */
export interface ClientImports {
  /** The client this call or `new` builds, as a catalogue module's export reached through an import or `require`. */
  builtAt(node: TSESTree.NewExpression | TSESTree.CallExpression): TrackedBuild | undefined;
  /** The client whose connect step this call is (`pool.connect()` of a tracked `new Pool()`); never a `new`. */
  connectedAt(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientEntry | undefined;
}

/**
 * Finds clients without type information: `import`/`require` of a catalogue module, followed
 * through aliases, destructuring and member access by eslint-utils' ReferenceTracker. A callee
 * written as an import's name or a member of it (`new Pool()`, `mysql.createPool()`) — most of
 * what the rules ask about — is read off the trace map alone; the whole file is tracked the
 * first time another callee is asked about.
 */
export function clientImports(sourceCode: Readonly<TSESLint.SourceCode>, catalogue: EffectiveCatalogue): ClientImports {
  // Every rule of a file asks: once per file and catalogue.
  return perFileAndKey(sourceCode, IMPORTS, catalogue, () => {
    let whole: TrackedClients | undefined;
    // The rules ask about one call several times in a row: its callee is read once.
    const read = lastNodeMemo((node: TSESTree.NewExpression | TSESTree.CallExpression) => builtByImportedCallee(node, catalogue, sourceCode));
    /** What the callee alone says, or the whole file tracked — once, and from then on for every call: a lookup is cheaper. */
    const answer = (node: TSESTree.NewExpression | TSESTree.CallExpression): TrackedBuild | TrackedClients | undefined => {
      if (whole !== undefined) return whole;
      const alone = read(node);
      return alone === WHOLE_FILE ? (whole = trackClientImports(sourceCode, catalogue)) : alone;
    };
    return {
      builtAt(node) {
        const found = answer(node);
        return found !== undefined && 'built' in found ? found.built.get(node) : found;
      },
      connectedAt(node) {
        const found = answer(node);
        // What an import's name calls is never a tracked client's connect step.
        return found !== undefined && 'built' in found ? found.connected.get(node) : undefined;
      },
    };
  });
}

const IMPORTS = keyedFileSlot<EffectiveCatalogue, ClientImports>('client imports');


export const WHOLE_FILE = Symbol('only tracking the whole file can tell');

/**
 * What the tracker reports for a call or `new` whose callee is an import's name or a chain of
 * members of it, from the trace map alone: it follows the import's references up through such
 * chains to the call, and nothing else reaches one (a tracked client's methods are called on the
 * value it built, never on an import), nor a call rooted in a name nothing writes. `WHOLE_FILE`
 * for any other callee. (Exported for the tests, which hold it equal to the whole-file tracking
 * on every call it decides.)
 */
export function builtByImportedCallee(
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  catalogue: EffectiveCatalogue,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TrackedBuild | undefined | typeof WHOLE_FILE {
  let root: TSESTree.Node = node.callee;
  for (; root.type === AST_NODE_TYPES.MemberExpression; root = root.object) if (root.computed || root.property.type !== AST_NODE_TYPES.Identifier) return WHOLE_FILE;
  if (root.type !== AST_NODE_TYPES.Identifier) return WHOLE_FILE;
  const variable = variableOf(root, sourceCode);
  // An undeclared name (`require`, an implicit global of a sloppy script): the tracker cannot look it up either.
  if (variable === null) return undefined;
  const [definition] = variable.defs;
  if (definition?.type !== DefinitionType.ImportBinding || variable.defs.length > 1) return mayBeWrittenTracked(variable) ? WHOLE_FILE : undefined;
  // The tracker reads the imports of the file's top level, not those of a `declare module` block.
  if (definition.parent.parent.type !== AST_NODE_TYPES.Program) return WHOLE_FILE;
  const binding = importedName(definition);
  // `import x = require('m')` is no import the tracker follows.
  if (binding === undefined) return undefined;
  const moduleMap = ownValue(traceMapOf(catalogue, sourceCode), binding.source);
  if (moduleMap === undefined) return undefined;
  // A named or default import is one of the module's exports; through a namespace, the first member is.
  let found: TraceNode | undefined = binding.imported === '*' ? moduleMap : exportOf(moduleMap, binding.imported);
  let exported = binding.imported !== '*';
  // From the import's name out to the callee, one member at a time (each a plain name: checked above).
  for (let member = root.parent; found !== undefined && member.type === AST_NODE_TYPES.MemberExpression; member = member.parent) {
    // A plain name: checked above.
    const name = (member.property as TSESTree.Identifier).name;
    found = exported ? ownValue(found, name) : exportOf(found, name);
    exported = true;
  }
  const info = found?.[node.type === AST_NODE_TYPES.NewExpression ? CONSTRUCT : CALL];
  // A class whose instances build clients (`new Kafka()`) is no client itself.
  return info === undefined || 'methods' in info ? undefined : info;
}

/**
 * Past an import, the tracker follows a value only into a name it is written to: a name nothing
 * writes (a global only read, as `console` or `fetch`; a parameter without a default, as `res` of
 * `res.json()`; a function's name) it never reaches. A global the file assigns (one a
 * `global x:writable` comment declares, a library's `Map`) may hold what it tracks. A name read
 * very often is left to the tracker rather than searched for a write at each call; so is an
 * import merged with another declaration (invalid, but parsed).
 */
function mayBeWrittenTracked(variable: TSESLint.Scope.Variable): boolean {
  const { references } = variable;
  return references.length > MAX_REFERENCES_SEARCHED || variable.defs.some((definition) => definition.type === DefinitionType.ImportBinding) || references.some((reference) => reference.isWrite());
}

const MAX_REFERENCES_SEARCHED = 64;

/** A module's export as the tracker's legacy mode sees it: `default` is the module itself unless it says otherwise (CommonJS interop). */
function exportOf(moduleMap: TraceNode, name: string): TraceNode | undefined {
  return name === 'default' && !Object.hasOwn(moduleMap, 'default') ? moduleMap : ownValue(moduleMap, name);
}

/**
 * The whole file tracked at once, not memoised (`clientImports` keeps it): what `clientImports`
 * must agree with, node by node (the tests hold them equal).
 */
export function trackClientImports(sourceCode: Readonly<TSESLint.SourceCode>, catalogue: EffectiveCatalogue): TrackedClients {
  const scope = globalScopeOf(sourceCode);
  const tracker = new ReferenceTracker(scope as never, { mode: 'legacy' });
  const built = new Map<TSESTree.Node, TrackedBuild>();
  const connected = new Map<TSESTree.Node, ClientEntry>();
  const traceMap = traceMapOf(catalogue, sourceCode);

  const found = [...tracker.iterateEsmReferences(traceMap), ...tracker.iterateCjsReferences(traceMap)];
  // `require` is a declared global only in CommonJS files; in ES modules and TypeScript (where
  // @types/node declares it) it is an unresolved reference, which the tracker does not follow.
  for (const reference of scope.through) {
    const call = reference.identifier.parent;
    if (reference.identifier.name !== 'require' || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const moduleId = requiredModule(call);
    const moduleMap = moduleId === undefined ? undefined : traceMap[moduleId];
    if (moduleMap !== undefined) found.push(...tracker.iteratePropertyReferences(call as never, moduleMap));
  }
  for (const { node, info } of found) {
    if ('methods' in info) {
      const methods = Object.fromEntries([...info.methods].map(([method, build]) => [method, { [CALL]: build }]));
      for (const call of tracker.iteratePropertyReferences(node as never, methods)) built.set(tsestreeNode(call.node), call.info);
    } else {
      built.set(tsestreeNode(node), info);
    }
  }
  // Follow each client to the methods that build another client or connect this one.
  for (const [node, { entry }] of [...built]) {
    const methods: TraceMap<Info | ClientEntry> = {};
    for (const builder of entry.builders)
      if (builder.on === 'self') methods[builderName(builder)] = { [CALL]: { entry, name: builderName(builder) } };
    if (entry.connect !== undefined) methods[entry.connect] = { [CALL]: entry };
    for (const call of tracker.iteratePropertyReferences(node as never, methods)) {
      const info = call.info as TrackedBuild | ClientEntry;
      if ('entry' in info) built.set(tsestreeNode(call.node), info);
      else connected.set(tsestreeNode(call.node), info);
    }
  }
  return { built, connected };
}

function traceMapOf(catalogue: EffectiveCatalogue, sourceCode: Readonly<TSESLint.SourceCode>): TraceMap<Info> {
  return perFileAndKey(sourceCode, TRACE_MAPS, catalogue, () => traceMapFor(catalogue, sourceCode));
}

const TRACE_MAPS = keyedFileSlot<EffectiveCatalogue, TraceMap<Info>>('trace maps');

/**
 * The catalogue's modules as a trace map: built once per catalogue, and extended for a file only
 * when it mentions a module of a `modulePrefix` entry (`@aws-sdk/client-sqs`).
 */
function traceMapFor(catalogue: EffectiveCatalogue, sourceCode: Readonly<TSESLint.SourceCode>): TraceMap<Info> {
  let base = baseTraceMaps.get(catalogue);
  if (base === undefined) {
    base = {};
    for (const entry of catalogue.entries)
      for (const moduleId of [entry.package, ...(entry.modules ?? [])]) for (const builder of entry.builders) addBuilder(base, moduleId, entry, builder);
    baseTraceMaps.set(catalogue, base);
  }
  const prefixed = catalogue.entries.filter((entry) => entry.modulePrefix !== undefined && sourceCode.text.includes(entry.modulePrefix));
  if (prefixed.length === 0) return base;
  const mentioned = mentionedNames(sourceCode.ast);
  const extra: TraceMap<Info> = {};
  for (const entry of prefixed) {
    for (const moduleId of mentioned.strings) {
      if (entry.modulePrefix === undefined || entry.exportPattern === undefined || !moduleId.startsWith(entry.modulePrefix) || moduleId in base) continue;
      for (const name of mentioned.names) if (entry.exportPattern.test(name)) addBuilder(extra, moduleId, entry, { new: name });
    }
  }
  return { ...base, ...extra };
}

const baseTraceMaps = new WeakMap<EffectiveCatalogue, TraceMap<Info>>();

function addBuilder(traceMap: TraceMap<Info>, moduleId: string, entry: ClientEntry, builder: ClientEntry['builders'][number]): void {
  if (builder.on === 'self') return;
  const name = builderName(builder);
  if (builder.on !== undefined) {
    const node = pathNode(traceMap, moduleId, builder.on.new);
    const factory = (node[CONSTRUCT] ??= { methods: new Map<string, TrackedBuild>() }) as InstanceFactory;
    factory.methods.set(name, { entry, name });
  } else if (builder.new !== undefined) {
    pathNode(traceMap, moduleId, builder.new)[CONSTRUCT] ??= { entry, name };
  } else if (builder.call !== undefined) {
    pathNode(traceMap, moduleId, builder.call)[CALL] ??= { entry, name };
  }
}

function pathNode(traceMap: TraceMap<Info>, moduleId: string, path: string): TraceNode {
  let node = (traceMap[moduleId] ??= {});
  for (const key of path === '' ? [] : path.split('.')) node = node[key] ??= {};
  return node;
}

interface Mentioned {
  readonly strings: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

/**
 * The string literals and identifiers in the file: for a `modulePrefix` entry, the module ids it may
 * import and the exports it may build, whatever the import shape (named, namespace, `require`).
 * The tracker then keeps only those really imported and constructed.
 */
function mentionedNames(program: TSESTree.Program): Mentioned {
  const strings = new Set<string>();
  const names = new Set<string>();
  for (const token of program.tokens ?? []) {
    if (token.type === AST_TOKEN_TYPES.Identifier) names.add(token.value);
    else if (token.type === AST_TOKEN_TYPES.String) strings.add(token.value.slice(1, -1));
  }
  return { strings, names };
}

function requiredModule(call: TSESTree.CallExpression): string | undefined {
  const [argument] = call.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}
