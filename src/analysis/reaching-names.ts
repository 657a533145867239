import ts from 'typescript';
import type { EffectiveCatalogue } from './client-catalogue.js';
import { isPackageSpecifier } from '../util/module-specifier.js';
import { fileSlot, keyedFileSlot, memoised, perProgramFile, perProgramFileAndKey } from '../util/memo.js';
import { baseOf, constructionBodies, constructorOf, hasModifier, immediatelyRun, isMemoisingAssignment, skipTypeWrappers } from '../ast/ts-bodies.js';
import { mayHoldDirectBody, mentionsAny } from './scan-triage.js';

// typescript's exports are getters: what the walks call on every node is read once, here.
const { SyntaxKind, forEachChild, isArrowFunction, isCallExpression, isClassExpression, isClassLike, isExternalModuleReference, isObjectBindingPattern, isVariableStatement, isFunctionExpression, isFunctionLike, isIdentifier, isMethodDeclaration, isNamespaceExport, isNamespaceImport, isNewExpression, isOmittedExpression, isPrivateIdentifier, isPropertyAccessExpression, isStringLiteral } = ts;

/**
 * The cheapest filter for following, with no type checker at all: the names under which the
 * project's own functions, methods and classes may — through calls made by name — reach something
 * that could build or connect a client. `read0()` in a handler, whose body only runs
 * `pool.query()`, is not in it, so the follower never resolves it.
 *
 * Decided once per program on the TypeScript AST, by name, and on the side of yes: a body reaches
 * when it calls a factory or connect method by name, constructs anything imported from a package
 * or of unknown origin, or calls a name that reaches; names re-exported from packages
 * (`export { createPool as make } from 'mysql2'`) reach. A `new Map()` of a global does not. Each
 * name comes with how many bodies deep its nearest client is, so that following stops short.
 */
export function reachingNames(program: ts.Program, catalogue: EffectiveCatalogue): NameFilter {
  return reachOf(program, catalogue).names;
}

/**
 * Whether a call in this file may build or connect a client, or lead to code that does: not when
 * `reachingNames` never had to walk the file. Outside module-level code its text shows no
 * factory's or connect method's name, no `require` and no package's export called, and it mentions
 * no name that reaches, so no call of it passes the rules' filters but `super()`, which they follow
 * by the class (a `new` may pass too: its class may be a project module's value the names do not
 * follow). A file the program does not hold (`undefined`) may.
 */
export function callsMayReach(program: ts.Program, catalogue: EffectiveCatalogue, file: ts.SourceFile | undefined): boolean {
  return file === undefined || !reachOf(program, catalogue).unwalked.has(file);
}

function reachOf(program: ts.Program, catalogue: EffectiveCatalogue): Reach {
  return memoised(byProgram, program, catalogue, () => collect(program, catalogue));
}

const byProgram = new WeakMap<object, Map<EffectiveCatalogue, Reach>>();

interface Reach {
  readonly names: NameFilter;
  /** The files none of whose bodies was walked. */
  readonly unwalked: ReadonlySet<ts.SourceFile>;
}

/** The names that reach, as far as the filters ask. */
export interface NameFilter {
  has(name: string): boolean;
  /**
   * Whether a call of this name may reach a body that builds or connects a client through at most
   * `bodies` function bodies, that body's own included: what following it `bodies` deep (the
   * follower's `followDepth`) may find. A package's value re-exported under the name, or a
   * client's subclass, builds one at the call itself (0 bodies).
   */
  reachesWithin(name: string, bodies: number): boolean;
}

/** The names that reach, each with the fewest function bodies from a call of it to a body that may build or connect a client. */
class BodiesToClient extends Map<string, number> implements NameFilter {
  reachesWithin(name: string, bodies: number): boolean {
    const nearest = this.get(name);
    return nearest !== undefined && nearest <= bodies;
  }
}

const EVERY_NAME: NameFilter = { has: () => true, reachesWithin: () => true };
export const NO_NAME: NameFilter = { has: () => false, reachesWithin: () => false };

/** What a body does, by name: whether it may build or connect a client itself, and which names it calls. */
interface BodyFacts {
  readonly names: string[];
  direct: boolean;
  readonly calls: Set<string>;
  /**
   * A class that may be a client itself (it extends a package's class, or one only the checker
   * knows): the recogniser finds it where it is built, no body away.
   */
  client?: boolean;
  /** The project names a class extends: what they are, it is. */
  bases?: string[];
}

/** The body whose code is running, and the class it constructs if it is a class's. */
interface Running {
  readonly facts: BodyFacts;
  readonly cls: ts.ClassLikeDeclaration | undefined;
}

/** A name bound by an import: from which module, under which exported name (`default`, `*` for a namespace). */
export interface ImportBinding {
  readonly fromPackage: boolean;
  readonly imported: string;
  /** `import type { X }`: a name no code can call or build. */
  readonly typeOnly: boolean;
}

/**
 * The same names from a full scan of every file, without the triage: what the triage must agree
 * with (the tests hold them equal on the fixture projects, generated corpora and packages' sources).
 */
export function reachingNamesScanningEveryFile(program: ts.Program, catalogue: EffectiveCatalogue): NameFilter {
  return collect(program, catalogue, false).names;
}

/**
 * The names from the bodies that may build or connect a client (`direct`, one body from a
 * construction), then their callers (two), theirs, and so on: each name at the fewest bodies any
 * path of calls takes, so that the follower skips a name whose nearest client is deeper than it
 * looks. Only files whose text may hold such a body are scanned at first (see scan-triage.ts);
 * another file is scanned once it mentions a name found to reach — until then none of its bodies
 * can reach. Walking every node of every file costs more than the rules' other work together, and
 * most files of a service never mention a client.
 */
function collect(program: ts.Program, catalogue: EffectiveCatalogue, triage = true): Reach {
  const reaching = new BodiesToClient();
  /** Reached names not yet looked for in the files that are not scanned. */
  let fresh: string[] = [];
  /** Names reached, or found nearer, whose callers and aliases are still to hear of it. */
  const queue: string[] = [];
  const reach = (name: string, bodies: number): void => {
    const known = reaching.get(name);
    if (known !== undefined && known <= bodies) return;
    reaching.set(name, bodies);
    queue.push(name);
    if (known === undefined) fresh.push(name);
  };
  const reachAll = (names: readonly string[], bodies: number): void => {
    for (const name of names) reach(name, bodies);
  };
  /** The bodies that do not build or connect themselves, by the names they call. */
  const callers = new Map<string, BodyFacts[]>();
  /** Classes by the project names they extend: a client's subclass is one. */
  const subclasses = new Map<string, BodyFacts[]>();
  /** `import { a as b }` of project modules: `b` reaches when `a` does. */
  const aliasesOf = new Map<string, string[]>();
  const addAliases = (aliases: readonly (readonly [imported: string, local: string])[]): void => {
    for (const [imported, local] of aliases) {
      const locals = aliasesOf.get(imported);
      if (locals === undefined) aliasesOf.set(imported, [local]);
      else locals.push(local);
      const bodies = reaching.get(imported);
      if (bodies !== undefined) reach(local, bodies);
    }
  };
  const addBodies = (bodies: readonly BodyFacts[]): void => {
    for (const body of bodies) {
      if (body.client) {
        reachAll(body.names, 0);
        continue;
      }
      for (const base of body.bases ?? []) {
        if (reaching.get(base) === 0) reachAll(body.names, 0);
        const known = subclasses.get(base);
        if (known === undefined) subclasses.set(base, [body]);
        else known.push(body);
      }
      // Nothing else is nearer than building or connecting in the body itself.
      if (body.direct) {
        reachAll(body.names, 1);
        continue;
      }
      for (const call of body.calls) {
        const callees = reaching.get(call);
        if (callees !== undefined) reachAll(body.names, callees + 1);
        // Kept even when it reaches: a callee found nearer later brings it nearer too.
        const known = callers.get(call);
        if (known === undefined) callers.set(call, [body]);
        else known.push(body);
      }
    }
  };
  const propagate = (): void => {
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      const bodies = reaching.get(name) as number;
      for (const caller of callers.get(name) ?? []) reachAll(caller.names, bodies + 1);
      if (bodies === 0) for (const subclass of subclasses.get(name) ?? []) reachAll(subclass.names, 0);
      for (const local of aliasesOf.get(name) ?? []) reach(local, bodies);
    }
  };

  let unscanned: { file: ts.SourceFile; header: FileHeader }[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    const header = headerOf(file);
    // `export * from 'pg'` somewhere: any project import may be a package's, so any name may reach.
    if (header.starFromPackage) return { names: EVERY_NAME, unwalked: new Set() };
    const scan = !triage || mayHoldDirectBody(file, header, catalogue) ? scanOf(file, catalogue) : undefined;
    // A scan adds what `require` calls bind to the header's imports and exports.
    const exported = scan ?? header;
    // A package's value under a project name builds or connects at the call itself.
    for (const name of exported.reexported) reach(name, 0);
    addAliases(exported.aliases);
    if (scan !== undefined) addBodies(scan.bodies);
    else unscanned.push({ file, header });
  }
  propagate();
  while (fresh.length > 0 && unscanned.length > 0) {
    const names = new Set(fresh);
    fresh = [];
    unscanned = unscanned.filter(({ file, header }) => {
      if (!mentionsAny(file, header, names)) return true;
      // Its header's aliases are in already; the bodies are what the scan adds.
      addBodies(scanOf(file, catalogue).bodies);
      return false;
    });
    propagate();
  }
  return { names: reaching, unwalked: new Set(unscanned.map(({ file }) => file)) };
}

/**
 * A file's scan depends on its text alone: kept while the file is, so an editor's next program
 * (a new one after each edit, sharing every unchanged file) rescans only the edited file.
 */
function scanOf(file: ts.SourceFile, catalogue: EffectiveCatalogue): FileScan {
  return perProgramFileAndKey(file, SCANS, catalogue, () => scanFile(file, catalogue));
}

const SCANS = keyedFileSlot<EffectiveCatalogue, FileScan>('reaching-names scans');

interface FileScan extends Exports {
  readonly bodies: BodyFacts[];
}

/** What a file exports of packages' values, and under which other names it imports or exports the project's. */
interface Exports {
  readonly reexported: readonly string[];
  readonly aliases: readonly (readonly [imported: string, local: string])[];
}

/** What a file's top-level imports and exports say, read without walking into any body. */
export interface FileHeader extends Exports {
  readonly imports: ReadonlyMap<string, ImportBinding>;
  /** The local names of the imports that bind a package's value (not `import type`). */
  readonly packageValueImports: readonly string[];
  /** `export * from 'pg'`. */
  readonly starFromPackage: boolean;
  /** `import db = require('./db')`: what calling it runs, only the type checker knows (the rules ask it, whatever the module exports). */
  readonly requiresProjectModule: boolean;
}

/** The header depends on the file's text alone, like the scan. */
export function headerOf(file: ts.SourceFile): FileHeader {
  return perProgramFile(file, HEADER, readHeader);
}

const HEADER = fileSlot<FileHeader>('imports and exports');

function readHeader(file: ts.SourceFile): FileHeader {
  const imports = new Map<string, ImportBinding>();
  const packageValueImports: string[] = [];
  const addImport = (local: string, binding: ImportBinding): void => {
    imports.set(local, binding);
    if (binding.fromPackage && !binding.typeOnly) packageValueImports.push(local);
  };
  const reexported: string[] = [];
  const aliases: [string, string][] = [];
  let starFromPackage = false;
  /** `export { x }` and `export default x` of a local name: a package's value or an alias, once every import is known. */
  const exportedLocals: [local: string, exported: string][] = [];
  let importsPackage = false;
  /** The roots of `export default a.b` (and `export = a.b`). */
  const exportedMembers: string[] = [];
  let requiresProjectModule = false;

  // Read once per file of the program, in code V8 seldom optimises: no `for…of`, which allocates a result object per step there.
  for (let index = 0; index < file.statements.length; index++) {
    const statement = file.statements[index] as ts.Statement;
    switch (statement.kind) {
      case SyntaxKind.ImportDeclaration: {
        const { moduleSpecifier, importClause: clause } = statement as ts.ImportDeclaration;
        if (!isStringLiteral(moduleSpecifier) || clause === undefined) break;
        const fromPackage = isPackageSpecifier(moduleSpecifier.text);
        importsPackage ||= fromPackage;
        const typeOnly = clause.phaseModifier === SyntaxKind.TypeKeyword;
        const bind = (local: string, imported: string, typeOnlyBinding: boolean): void => {
          addImport(local, { fromPackage, imported, typeOnly: typeOnlyBinding });
          if (!fromPackage && imported !== local) aliases.push([imported, local]);
        };
        if (clause.name !== undefined) bind(clause.name.text, 'default', typeOnly);
        const named = clause.namedBindings;
        // A namespace is no export of its module: nothing for it to alias.
        if (named !== undefined && isNamespaceImport(named)) addImport(named.name.text, { fromPackage, imported: '*', typeOnly });
        else
          named?.elements.forEach((element) => {
            bind(element.name.text, (element.propertyName ?? element.name).text, typeOnly || element.isTypeOnly);
          });
        break;
      }
      case SyntaxKind.ImportEqualsDeclaration: {
        const { moduleReference: reference, name, isTypeOnly } = statement as ts.ImportEqualsDeclaration;
        const fromPackage = !isExternalModuleReference(reference) || !isStringLiteral(reference.expression) || isPackageSpecifier(reference.expression.text);
        addImport(name.text, { fromPackage, imported: 'default', typeOnly: isTypeOnly });
        if (!fromPackage) aliases.push(['default', name.text]);
        importsPackage ||= fromPackage;
        requiresProjectModule ||= !fromPackage && !isTypeOnly;
        break;
      }
      case SyntaxKind.ExportDeclaration: {
        const { moduleSpecifier, exportClause: clause } = statement as ts.ExportDeclaration;
        const from = moduleSpecifier !== undefined && isStringLiteral(moduleSpecifier) ? moduleSpecifier.text : undefined;
        if (clause === undefined) starFromPackage ||= from !== undefined && isPackageSpecifier(from);
        else if (isNamespaceExport(clause)) {
          if (from !== undefined && isPackageSpecifier(from)) reexported.push(clause.name.text);
        } else {
          clause.elements.forEach((element) => {
            const local = (element.propertyName ?? element.name).text;
            if (from === undefined) exportedLocals.push([local, element.name.text]);
            else if (isPackageSpecifier(from)) reexported.push(element.name.text);
            else if (local !== element.name.text) aliases.push([local, element.name.text]);
          });
        }
        break;
      }
      case SyntaxKind.ExportAssignment: {
        const { expression } = statement as ts.ExportAssignment;
        if (isIdentifier(expression)) exportedLocals.push([expression.text, 'default']);
        else {
          // `export default redis.createClient`, `export = pg.Pool`: a package's value, if its root is one.
          const root = rootName(expression);
          if (root !== undefined) exportedMembers.push(root);
        }
        break;
      }
      default:
        break;
    }
  }

  const isPackageImport = (name: string): boolean => imports.get(name)?.fromPackage === true;
  for (const [local, exported] of exportedLocals) {
    if (isPackageImport(local)) reexported.push(exported);
    else if (local !== exported) aliases.push([local, exported]);
  }
  if (exportedMembers.some(isPackageImport)) reexported.push('default');
  // Only what a package's import binds can be held by a module-level name (a `require` is the scan's to add).
  if (importsPackage) reexported.push(...moduleLevelPackageValues(file, isPackageImport));
  return { imports, packageValueImports, reexported, aliases, starFromPackage, requiresProjectModule };
}

/** `export const client = https`, `const PoolAlias = pg.Pool`: module-level names for a package's value. */
function moduleLevelPackageValues(file: ts.SourceFile, isPackageImport: (name: string) => boolean): string[] {
  const names: string[] = [];
  file.statements.forEach((statement) => {
    if (!isVariableStatement(statement)) return;
    statement.declarationList.declarations.forEach((declaration) => {
      const root = declaration.initializer === undefined ? undefined : rootName(declaration.initializer);
      if (root !== undefined && isPackageImport(root)) names.push(...boundNames(declaration.name));
    });
  });
  return names;
}

/** The name a chain of members is read from: `pg` of `pg.native.Pool`; undefined for any other expression. */
function rootName(expression: ts.Expression): string | undefined {
  let root = skipTypeWrappers(expression);
  while (isPropertyAccessExpression(root)) root = root.expression;
  return isIdentifier(root) ? root.text : undefined;
}

function scanFile(file: ts.SourceFile, catalogue: EffectiveCatalogue): FileScan {
  const header = headerOf(file);
  // A `require` anywhere adds to the header's imports, aliases and package values: copies of the header's, made at the first.
  let withRequires: { readonly imports: Map<string, ImportBinding>; readonly aliases: (readonly [string, string])[] } | undefined;
  const importOf = (name: string): ImportBinding | undefined => (withRequires?.imports ?? header.imports).get(name);
  /** Names a `require` binds: what the header's imports do not know. */
  const boundByRequire = new Set<string>();
  const localClasses = new Set<string>();
  const bound = new Set<string>();
  const isPackageImport = (name: string): boolean => importOf(name)?.fromPackage === true;

  /** Calls made where some body runs them, classified once the whole file is known (a `require` may come later); in two lists, not a pair per call. */
  const calls: (ts.CallExpression | ts.NewExpression)[] = [];
  const callsRunning: Running[] = [];
  const bodies: BodyFacts[] = [];
  /** The body's root → what runs it: each owner's roots, and functions run right away where they are. */
  const runBy = new Map<ts.Node, Running>();
  let running: Running | undefined;
  /** Roots noted and not yet met: while there are none, no node needs looking up. */
  let pendingRoots = 0;
  const visit = (node: ts.Node): void => {
    const kind = KIND[node.kind] ?? 0;
    if ((kind & SKIP) !== 0) return;
    if ((kind & BINDS) !== 0) noteBinding(node);
    if ((kind & OWNS) !== 0) noteOwner(node);
    const outer = running;
    const root = pendingRoots === 0 ? undefined : runBy.get(node);
    if (root !== undefined) {
      pendingRoots--;
      running = root;
    } else if (running !== undefined && ((kind & ENDS_RUN) !== 0 || ((kind & MAY_MEMOISE) !== 0 && isMemoisingAssignment(node, file)))) {
      // Code in a function or class runs when that is called or built, not here; a memoised store runs once.
      running = undefined;
    }
    if (running !== undefined && (kind & CALLS) !== 0) {
      const call = node as ts.CallExpression | ts.NewExpression;
      calls.push(call);
      callsRunning.push(running);
      const body = immediatelyRun(call)?.body;
      if (body !== undefined) runsAt(body, running);
    }
    forEachChild(node, visit);
    running = outer;
  };
  const runsAt = (root: ts.Node, run: Running): void => {
    runBy.set(root, run);
    pendingRoots++;
  };
  function noteOwner(node: ts.Node): void {
    const owner = bodyOwner(node);
    if (owner === undefined) return;
    // `const Repo = class RepoImpl {…}`: one body under two names.
    const shared = owner.roots[0] === undefined ? undefined : runBy.get(owner.roots[0]);
    if (shared !== undefined) {
      shared.facts.names.push(...owner.names);
      return;
    }
    const facts: BodyFacts = { names: owner.names, direct: false, calls: new Set() };
    bodies.push(facts);
    for (const root of owner.roots) runsAt(root, { facts, cls: owner.cls });
    if (owner.cls !== undefined && constructorOf(owner.cls) === undefined) baseRuns.push({ facts, cls: owner.cls });
  }
  /** Classes without a constructor of their own: building them runs their base's. */
  const baseRuns: { facts: BodyFacts; cls: ts.ClassLikeDeclaration }[] = [];

  /** `const db = require('./db')`, `const { make: mk } = require('./db')`, `const make = require('./db').make`. */
  function noteRequire(name: ts.BindingName, required: { module: string; property: string | undefined }): void {
    const fromPackage = isPackageSpecifier(required.module);
    const bind = (local: string, imported: string): void => {
      withRequires ??= { imports: new Map(header.imports), aliases: [...header.aliases] };
      withRequires.imports.set(local, { fromPackage, imported, typeOnly: false });
      boundByRequire.add(local);
      if (!fromPackage && imported !== '*' && imported !== local) withRequires.aliases.push([imported, local]);
    };
    if (isIdentifier(name)) {
      bind(name.text, required.property ?? '*');
      return;
    }
    if (required.property !== undefined || !isObjectBindingPattern(name)) {
      for (const local of boundNames(name)) bind(local, '*');
      return;
    }
    for (const element of name.elements) {
      const property = element.propertyName;
      const imported = property === undefined ? (isIdentifier(element.name) ? element.name.text : '*') : isIdentifier(property) || isStringLiteral(property) ? property.text : '*';
      for (const local of boundNames(element.name)) bind(local, imported);
    }
  }

  function noteBinding(node: ts.Node): void {
    switch (node.kind) {
      case SyntaxKind.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        if (isIdentifier(declaration.name)) bound.add(declaration.name.text);
        const required = requireOf(declaration.initializer);
        if (required !== undefined) noteRequire(declaration.name, required);
        break;
      }
      case SyntaxKind.Parameter:
      case SyntaxKind.BindingElement: {
        const name = (node as ts.ParameterDeclaration | ts.BindingElement).name;
        if (isIdentifier(name)) bound.add(name.text);
        break;
      }
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression: {
        const name = (node as ts.ClassLikeDeclaration).name;
        if (name !== undefined) localClasses.add(name.text);
        break;
      }
      default:
        break;
    }
  }
  visit(file);

  /** Which name a `new` or call leads to, or 'direct' when it may build or connect a client itself. */
  function callOf(call: ts.CallExpression | ts.NewExpression, facts: BodyFacts, cls: ts.ClassLikeDeclaration | undefined): void {
    const callee = call.expression;
    // `super()` runs in a constructor, a root of its class's facts.
    if (callee.kind === SyntaxKind.SuperKeyword) {
      if (cls !== undefined) extendsFrom(cls, facts);
      return;
    }
    leadsTo(callee, isNewExpression(call), facts);
  }

  /** Building a class runs its base's construction; and a client's subclass is a client. */
  function extendsFrom(cls: ts.ClassLikeDeclaration, facts: BodyFacts): void {
    const base: BodyFacts = { names: [], direct: false, calls: new Set() };
    leadsTo(baseOf(cls), true, base);
    facts.client ||= base.direct;
    facts.bases ??= [];
    for (const name of base.calls) {
      facts.calls.add(name);
      facts.bases.push(name);
    }
  }

  function leadsTo(written: ts.Expression | undefined, isNew: boolean, facts: BodyFacts): void {
    if (written === undefined) return;
    const callee = skipTypeWrappers(written);
    const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    // `new (factory())()`: which class, only the type checker knows. A call needs a name to be recognised.
    if (name === undefined) {
      facts.direct ||= isNew;
      return;
    }
    if (!isNew && (catalogue.factoryNames.has(name) || catalogue.connectMethods.has(name))) {
      facts.direct = true;
      return;
    }
    let root: ts.Expression = callee;
    while (isPropertyAccessExpression(root)) root = root.expression;
    const rootName = isIdentifier(root) ? root.text : undefined;
    // `new this.Client()`, `new (await load()).Pool()`: only the type checker knows the class.
    if (isNew && rootName === undefined) {
      facts.direct = true;
      return;
    }
    const binding = rootName === undefined ? undefined : importOf(rootName);
    if (binding?.fromPackage === true) {
      // A package's classes are built with `new`; its factories are called by name (above) or under a
      // local one. What `import type` binds is no value: nothing calls or builds it.
      facts.direct ||= !binding.typeOnly && (isNew || root === callee);
      return;
    }
    if (binding !== undefined) {
      // `import { createPool as open } from './db'`: a factory's name, recognised where it is called.
      if (!isNew && root === callee && (catalogue.factoryNames.has(binding.imported) || catalogue.connectMethods.has(binding.imported))) {
        facts.direct = true;
        return;
      }
      facts.calls.add(root === callee ? binding.imported : name);
      if (root !== callee) facts.calls.add(binding.imported);
      return;
    }
    facts.calls.add(name);
    // `new Ctor()` of a parameter or a variable: which class it is, only the type checker knows.
    if (isNew && rootName !== undefined && bound.has(rootName) && !localClasses.has(rootName)) facts.direct = true;
  }

  // Indexed: in code V8 seldom optimises, a `for…of` allocates a result object per step.
  for (let index = 0; index < calls.length; index++) {
    const { facts, cls } = callsRunning[index] as Running;
    callOf(calls[index] as ts.CallExpression | ts.NewExpression, facts, cls);
  }
  for (let index = 0; index < baseRuns.length; index++) {
    const { facts, cls } = baseRuns[index] as (typeof baseRuns)[number];
    extendsFrom(cls, facts);
  }
  // The header knows the imports' package values; a `require` may add more (`const https = require('https')`).
  const requiredValues = boundByRequire.size > 0 ? moduleLevelPackageValues(file, (name) => boundByRequire.has(name) && isPackageImport(name)) : [];
  const reexported = requiredValues.length > 0 ? [...header.reexported, ...requiredValues] : header.reexported;
  return { bodies, reexported, aliases: withRequires?.aliases ?? header.aliases };
}

function boundNames(name: ts.BindingName): string[] {
  if (isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** The kinds `bodyOwner` may answer for. */
const OWNER_KINDS = [
  SyntaxKind.ExportAssignment,
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.ClassDeclaration,
  SyntaxKind.ClassExpression,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.VariableDeclaration,
  SyntaxKind.PropertyAssignment,
  SyntaxKind.PropertyDeclaration,
];

/**
 * What the walk does with each syntax kind, looked up once per node instead of a chain of tests.
 * SKIP: tokens (names, literals, keywords), types, interfaces, type aliases and imports — nothing in
 * them runs or declares a body. ENDS_RUN: functions and classes, whose code runs when called or built.
 */
const SKIP = 1;
const BINDS = 2;
const OWNS = 4;
const ENDS_RUN = 8;
const MAY_MEMOISE = 16;
const CALLS = 32;
const KIND: Uint8Array = (() => {
  const table = new Uint8Array(SyntaxKind.Count);
  const mark = (flag: number, ...kinds: ts.SyntaxKind[]): void => {
    for (const kind of kinds) table[kind] = (table[kind] ?? 0) | flag;
  };
  for (const kind of Object.values(SyntaxKind).filter((value): value is ts.SyntaxKind => typeof value === 'number')) {
    // The predicates read only the kind.
    const fake = { kind } as ts.Node;
    if (kind < SyntaxKind.FirstNode || (kind >= SyntaxKind.FirstTypeNode && kind <= SyntaxKind.LastTypeNode)) mark(SKIP, kind);
    if (isFunctionLike(fake) || isClassLike(fake)) mark(ENDS_RUN, kind);
  }
  mark(SKIP, SyntaxKind.InterfaceDeclaration, SyntaxKind.TypeAliasDeclaration, SyntaxKind.ImportDeclaration);
  mark(BINDS, SyntaxKind.VariableDeclaration, SyntaxKind.Parameter, SyntaxKind.BindingElement, SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression);
  mark(OWNS, ...OWNER_KINDS);
  mark(MAY_MEMOISE, SyntaxKind.BinaryExpression);
  mark(CALLS, SyntaxKind.CallExpression, SyntaxKind.NewExpression);
  return table;
})();

/** A declaration with code that runs when it is called by name: its names, and where its code is. */
interface BodyOwner {
  readonly names: string[];
  readonly roots: ts.Node[];
  readonly cls?: ts.ClassLikeDeclaration;
}

function bodyOwner(node: ts.Node): BodyOwner | undefined {
  switch (node.kind) {
    case SyntaxKind.ExportAssignment:
      return (node as ts.ExportAssignment).isExportEquals === true ? undefined : valueOwner(['default'], (node as ts.ExportAssignment).expression);
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.ClassDeclaration:
    case SyntaxKind.ClassExpression:
    case SyntaxKind.MethodDeclaration: {
      const declaration = node as ts.FunctionDeclaration | ts.ClassLikeDeclaration | ts.MethodDeclaration;
      const names = ownName(declaration.name);
      // `export default function make()` is imported as `default`; `export default class {}` only as that.
      if (!isClassExpression(declaration) && !isMethodDeclaration(declaration) && hasModifier(declaration, SyntaxKind.DefaultKeyword)) names.push('default');
      if (names.length === 0) return undefined;
      if (isClassLike(declaration)) return { names, roots: constructionBodies(declaration), cls: declaration };
      return declaration.body === undefined ? undefined : { names, roots: [declaration.body] };
    }
    case SyntaxKind.VariableDeclaration:
    case SyntaxKind.PropertyAssignment:
    case SyntaxKind.PropertyDeclaration: {
      const declaration = node as ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration;
      const names = ownName(declaration.name);
      return names.length === 0 || declaration.initializer === undefined ? undefined : valueOwner(names, declaration.initializer);
    }
    default:
      return undefined;
  }
}

/** A function or class held by a value: `const f = () => …`, `export default class {}`. */
function valueOwner(names: string[], value: ts.Expression): BodyOwner | undefined {
  const inner = skipTypeWrappers(value);
  if (isClassExpression(inner)) return { names, roots: constructionBodies(inner), cls: inner };
  return isArrowFunction(inner) || isFunctionExpression(inner) ? { names, roots: [inner.body] } : undefined;
}

function ownName(name: ts.Node | undefined): string[] {
  return name !== undefined && (isIdentifier(name) || isPrivateIdentifier(name)) ? [name.text] : [];
}


/** The module of `require('x')`, `require('x').y` or `require('x').y.z`, and the first property read from it. */
function requireOf(expression: ts.Expression | undefined): { module: string; property: string | undefined } | undefined {
  let node = expression === undefined ? undefined : skipTypeWrappers(expression);
  let property: string | undefined;
  while (node !== undefined && isPropertyAccessExpression(node)) {
    property = node.name.text;
    node = node.expression;
  }
  if (node === undefined || !isCallExpression(node) || !isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const [specifier] = node.arguments;
  return specifier !== undefined && isStringLiteral(specifier) ? { module: specifier.text, property } : undefined;
}
