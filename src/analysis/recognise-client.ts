import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { Builder, ClientEntry } from '../catalogue/clients.js';
import type { ClientOptions } from '../options.js';
import { builderName, effectiveCatalogue, type EffectiveCatalogue } from './client-catalogue.js';
import { declaringPackage } from './declaring-package.js';
import { mayComeFromPackage, requiredModule } from '../ast/callee-origin.js';
import { staticName } from '../ast/predicates.js';
import { definitionOf, importedName } from '../ast/variables.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { callsMayReach, reachingNames } from './reaching-names.js';
import { skipTypeWrappers } from '../ast/ts-bodies.js';
import { isPackageSpecifier } from '../util/module-specifier.js';
import { keyedFileSlot, lastNodeMemo, perFileAndKey } from '../util/memo.js';
import { typeServicesOf, type TypeServices } from '../util/type-services.js';
import { clientImports, type ClientImports } from './import-tracking.js';
import { calleeSymbol, constructedType, declaredResultType, findDeclaredType, isUnknownType } from './type-match.js';

export interface ClientMatch {
  readonly entry: ClientEntry;
  /** The constructor, factory or type name that identified it (for `allow`). */
  readonly names: readonly string[];
}

export interface ClientRecogniser {
  /** The client that a `new X()` or a factory call builds, if it is one that owns connections. */
  builtBy(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientMatch | undefined;
  /** The client whose connect step (`client.connect()`) this call is, if any. */
  connectedBy(node: TSESTree.CallExpression): ClientMatch | undefined;
  /** Cheap and syntactic: could `builtBy` or `connectedBy` answer anything for this expression? */
  mayBeClient(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean;
}

/**
 * Decides whether an expression builds a connection-owning client. A catalogue package's own export,
 * built or called directly, is recognised by import tracking; otherwise, with type information, the
 * declaring package of the built type decides (through aliases, re-exports and subclasses); where
 * the type is unknown, and in files without type information, import tracking decides.
 */
export function createClientRecogniser(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: ClientOptions,
): ClientRecogniser {
  // The rules of a file (with the same clients and allow options) share one recogniser.
  const catalogue = effectiveCatalogue(options);
  return perFileAndKey(context.sourceCode, RECOGNISERS, catalogue, () => buildClientRecogniser(context, catalogue));
}

const RECOGNISERS = keyedFileSlot<EffectiveCatalogue, ClientRecogniser>('client recognisers');

function buildClientRecogniser(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, catalogue: EffectiveCatalogue): ClientRecogniser {
  const types = typeServicesOf(context);
  // Asked only about candidates with types, about every call without: looked up once, when first needed.
  let fileImports: ClientImports | undefined;
  const imports = (): ClientImports => (fileImports ??= clientImports(context.sourceCode, catalogue));

  const allowed = (match: ClientMatch | undefined) =>
    match !== undefined && catalogue.isAllowed(match.entry, match.names) ? undefined : match;
  /**
   * Import tracking follows a catalogue package's own exports exactly (`new Pool()` of
   * `import { Pool } from 'pg'`): there the type checker would say the same, so it is asked only
   * about aliases, subclasses, project factories and values of unknown origin. Its names differ
   * (the builder's, not the built type's), so not when an `allow` entry names one.
   */
  const importsDecide = !catalogue.allowsByName;

  function builtByImport(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientMatch | undefined {
    const build = imports().builtAt(node);
    if (build === undefined || !argumentsFit(builderOf(build.entry, build.name), node, types)) return undefined;
    return allowed({ entry: build.entry, names: [build.name] });
  }

  // Asked at the first call: whether any call of the file may build or connect a client (see `callsMayReach`).
  let callsMayBuild: boolean | undefined;

  function mayBeClient(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
    if (types === undefined) return imports().builtAt(node) !== undefined || imports().connectedAt(node) !== undefined;
    if (node.type === AST_NODE_TYPES.CallExpression && !(callsMayBuild ??= callsMayReach(types.program, catalogue, types.file))) return false;
    const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? syntacticCalleeName(node.callee) : undefined;
    return mayBuildClient(node, catalogue, context.sourceCode, types.program) || (method !== undefined && catalogue.connectMethods.has(method));
  }
  return {
    // The rules sharing this recogniser ask about each call one right after the other.
    mayBeClient: lastNodeMemo(mayBeClient),
    builtBy(node) {
      if (types === undefined) return builtByImport(node);
      if (!mayBuildClient(node, catalogue, context.sourceCode, types.program)) return undefined;
      if (importsDecide) {
        if (imports().builtAt(node) !== undefined) return builtByImport(node);
        // `client.connect()` of a tracked client is its connect step, not a build.
        if (imports().connectedAt(node) !== undefined) return undefined;
      }
      const typed = builtByType(node, types, catalogue);
      return typed === 'unknown' ? builtByImport(node) : allowed(typed);
    },
    connectedBy(node) {
      if (node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      const method = node.callee.property.name;
      if (!catalogue.connectMethods.has(method)) return undefined;
      const tracked = imports().connectedAt(node);
      const byImport = () => allowed(tracked && { entry: tracked, names: [method] });
      if (types === undefined || (tracked !== undefined && importsDecide)) return byImport();
      const receiver = matchType(types.checker.getTypeAtLocation(types.toTs(node.callee.object)), types.checker, catalogue);
      if (receiver === undefined || receiver === 'unknown') return byImport();
      return receiver.entry.connect === method ? allowed(receiver) : undefined;
    },
  };
}

type TypedResult = ClientMatch | 'unknown' | undefined;

/** The cheap question before the type checker: could this expression build a client at all? `res.json()` stops here. */
function mayBuildClient(node: TSESTree.NewExpression | TSESTree.CallExpression, catalogue: EffectiveCatalogue, sourceCode: Readonly<TSESLint.SourceCode>, program: ts.Program): boolean {
  let callee: TSESTree.Node = node.callee;
  while (callee.type === AST_NODE_TYPES.TSNonNullExpression) callee = callee.expression;
  if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = syntacticCalleeName(callee);
    if (name === undefined || !catalogue.factoryNames.has(name)) return false;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && !mayNameFactory(callee, catalogue, sourceCode, program)) return false;
  return mayComeFromPackage(callee, sourceCode);
}

/**
 * Whether a called name may be a factory's: its own name is one, or it may stand for another name —
 * an import from a package, a default import, a `require`, or an import of a project name that may
 * reach a client (`export { createPool as make } from 'mysql2'`, see `reachingNames`). A parameter
 * `next` or an import of the project's `read0` is what it says.
 */
function mayNameFactory(callee: TSESTree.Identifier, catalogue: EffectiveCatalogue, sourceCode: Readonly<TSESLint.SourceCode>, program: ts.Program): boolean {
  if (catalogue.factoryNames.has(callee.name)) return true;
  const definition = definitionOf(callee, sourceCode);
  if (definition === undefined) return false;
  if (definition.type === DefinitionType.Variable) return requiredModule(definition.node.init) !== undefined;
  if (definition.type !== DefinitionType.ImportBinding) return false;
  const binding = importedName(definition);
  // `import x = require(…)`: whatever the module is.
  if (binding === undefined || isPackageSpecifier(binding.source)) return true;
  return catalogue.factoryNames.has(binding.imported) || reachingNames(program, catalogue).has(binding.imported);
}

function builtByType(node: TSESTree.NewExpression | TSESTree.CallExpression, types: TypeServices, catalogue: EffectiveCatalogue): TypedResult {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const tsNode = types.toTs(node) as ts.NewExpression;
    return constructedClient(tsNode, calleeSymbol(tsNode.expression, types.checker), types.checker, catalogue);
  }
  const calleeName = syntacticCalleeName(node.callee);
  // Cheap filter first: a factory is called by its own name, or through an imported alias.
  if (calleeName === undefined || (node.callee.type === AST_NODE_TYPES.MemberExpression && !catalogue.factoryNames.has(calleeName)))
    return undefined;
  const symbol = calleeSymbol(types.toTs(node.callee), types.checker);
  if (symbol === undefined) return isUnknownType(types.checker.getTypeAtLocation(types.toTs(node.callee))) ? 'unknown' : undefined;
  const declaredName = declaredNameOf(symbol);
  if (declaredName === undefined || !catalogue.factoryNames.has(declaredName.name)) return undefined;
  const returned = declaredResultType(symbol, 'call', types.checker) ?? types.checker.getTypeAtLocation(types.toTs(node));
  const built = types.checker.getAwaitedType(returned);
  const match = built === undefined ? undefined : matchType(built, types.checker, catalogue);
  // A user's factory may return a user's class that is itself a client entry (`new Conn()` and `connect()`).
  if (match === 'unknown' || match === undefined) return builderByDeclaration(declaredName, 'call', catalogue) ?? match;
  const builder = match.entry.builders.find((candidate) => candidate.call !== undefined && builderName(candidate) === declaredName.name);
  if (builder === undefined) return builderByDeclaration(declaredName, 'call', catalogue);
  // A module-level factory or static is not an instance method of the same name: `client.connect()` on a
  // MongoClient is a connect step, and oracledb's `pool.getConnection()` borrows from the pool.
  if (builder.on === undefined && declaredName.isMethod && !declaredName.isStatic) return undefined;
  if (!argumentsFit(builder, node, types)) return undefined;
  return { entry: match.entry, names: [...match.names, declaredName.name] };
}

function constructedClient(node: ts.NewExpression, symbol: ts.Symbol | undefined, checker: ts.TypeChecker, catalogue: EffectiveCatalogue): TypedResult {
  const match = matchType(constructedType(node, symbol, checker), checker, catalogue);
  if (match !== undefined) return match;
  // Some instance types have no name of their own (mongoose's `new Mongoose()` is `typeof mongoose`).
  const declared = symbol && declaredNameOf(symbol);
  return declared === undefined ? undefined : builderByDeclaration(declared, 'new', catalogue);
}

/**
 * For code the linter has not converted to ESTree (another file the follower may read): could this
 * call or `new` build or connect a client? Says yes to everything `builtBy` or `connectedBy` may
 * match, cheaply: calls by name, `new` by the class's declared type; globals of the default library
 * (`new Map()`, `new Promise()`) stop at their symbol.
 */
export function createTsClientFilter(options: ClientOptions, program: ts.Program): (node: ts.CallExpression | ts.NewExpression) => boolean {
  const catalogue = effectiveCatalogue(options);
  const checker = program.getTypeChecker();
  return (node) => {
    const callee = skipTypeWrappers(node.expression);
    if (ts.isNewExpression(node)) {
      const symbol = calleeSymbol(callee, checker);
      if (symbol?.declarations?.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile())) === true) return false;
      return constructedClient(node, symbol, checker, catalogue) !== undefined;
    }
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (name === undefined) return false;
    if (catalogue.factoryNames.has(name) || catalogue.connectMethods.has(name)) return true;
    if (!ts.isIdentifier(callee)) return false;
    const found = checker.getSymbolAtLocation(callee);
    // Unknown: import tracking may still know it.
    if (found === undefined) return true;
    return (found.flags & ts.SymbolFlags.Alias) !== 0 && catalogue.factoryNames.has(checker.getAliasedSymbol(found).getName());
  };
}

function builderOf(entry: ClientEntry, name: string): Builder | undefined {
  return entry.builders.find((builder) => builderName(builder) === name);
}

/** Whether these arguments make the builder open connections (see `Builder.opensWhen`). */
function argumentsFit(builder: Builder | undefined, node: TSESTree.NewExpression | TSESTree.CallExpression, types: TypeServices | undefined): boolean {
  if (builder?.opensWhen === undefined) return true;
  const [first] = node.arguments;
  if (first === undefined || first.type === AST_NODE_TYPES.SpreadElement) return false;
  if (builder.opensWhen === 'url-or-connection') {
    if (first.type === AST_NODE_TYPES.ObjectExpression) return first.properties.some((property) => property.type === AST_NODE_TYPES.Property && staticName(property.key) === 'connection');
    if (first.type === AST_NODE_TYPES.TemplateLiteral || (first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string')) return true;
    // `drizzle(pool)` wraps an existing client; `drizzle(process.env.DATABASE_URL!)` opens one.
    return types !== undefined && (types.checker.getTypeAtLocation(types.toTs(first)).flags & ts.TypeFlags.StringLike) !== 0;
  }
  if (first.type === AST_NODE_TYPES.ObjectExpression) return true;
  // Without types only an object literal is known to be one.
  if (types === undefined) return false;
  const type = types.checker.getTypeAtLocation(types.toTs(first));
  return (type.flags & ts.TypeFlags.Object) !== 0 && type.getCallSignatures().length === 0;
}

function matchType(type: ts.Type, checker: ts.TypeChecker, catalogue: EffectiveCatalogue): ClientMatch | 'unknown' | undefined {
  if (isUnknownType(type)) return 'unknown';
  return findDeclaredType(checker, type, (pkg, name, candidate) => {
    const entry = pkg === undefined ? generatedClient(name, candidate, catalogue) : catalogue.byDeclaredType.get(pkg)?.get(name);
    return entry && { entry, names: [name] };
  });
}

function generatedClient(name: string, type: ts.Type, catalogue: EffectiveCatalogue): ClientEntry | undefined {
  const entry = catalogue.generated.get(name);
  return entry?.generatedWithMembers?.every((member) => type.getProperty(member) !== undefined) ? entry : undefined;
}

interface DeclaredName {
  readonly name: string;
  readonly pkg: string | undefined;
  readonly isStatic: boolean;
  readonly isMethod: boolean;
}

/** The name a (dealiased) callee symbol was declared with, where, and as what. */
function declaredNameOf(symbol: ts.Symbol): DeclaredName | undefined {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return undefined;
  const isStatic = ts.canHaveModifiers(declaration) && (ts.getModifiers(declaration) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  const isMethod = ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration);
  return { name: symbol.getName(), pkg: declaringPackage(declaration), isStatic, isMethod };
}

/**
 * A builder matched by the declaration it is called through, when the built type names no client: a
 * user-declared factory (`clients: [{ package, export, via: 'call' }]`, whose entry has no types), or a
 * constructor whose instance type has no name.
 */
function builderByDeclaration(declared: DeclaredName, via: 'new' | 'call', catalogue: EffectiveCatalogue): ClientMatch | undefined {
  const entry = catalogue.entries.find(
    (candidate) =>
      declared.pkg !== undefined &&
      candidate.declaredIn.includes(declared.pkg) &&
      (via === 'new' || candidate.types.length === 0) &&
      candidate.builders.some((builder) => builder.on === undefined && builder[via] !== undefined && builderName(builder) === declared.name),
  );
  return entry && { entry, names: [declared.name] };
}

function syntacticCalleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && !callee.computed) return callee.property.name;
  return undefined;
}
