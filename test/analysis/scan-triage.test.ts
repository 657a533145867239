/**
 * The triage in front of reachingNames (issue 7): a file is walked at first only when its text may
 * hold a body that builds or connects a client itself, and later only once it mentions a name
 * found to reach. Whatever it skips, the names must equal a walk of every file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.mjs';
import { effectiveCatalogue } from '../../src/analysis/client-catalogue.js';
import { callsMayReach, headerOf, reachingNames, reachingNamesScanningEveryFile, type NameFilter } from '../../src/analysis/reaching-names.js';
import { mayHoldDirectBody } from '../../src/analysis/scan-triage.js';

const catalogue = effectiveCatalogue({});
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function programOf(tsconfig: string): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error(`cannot read ${tsconfig}`);
  return ts.createProgram(config.fileNames, config.options);
}

/** A program of files held in memory (`/v/a.ts` …), without lib files: the scans read syntax only. */
function virtualProgram(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { noLib: true, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  const host = ts.createCompilerHost(options);
  const at = (name: string) => files[path.posix.basename(name)];
  host.getSourceFile = (name, version) => {
    const text = at(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, version, true);
  };
  host.fileExists = (name) => at(name) !== undefined;
  host.readFile = (name) => at(name);
  return ts.createProgram(Object.keys(files).map((name) => `/v/${name}`), options, host);
}

/** The filter holds each name with the fewest bodies it reaches a client through. */
const byName = (names: NameFilter) => names as unknown as ReadonlyMap<string, number>;
const sorted = (names: NameFilter) => [...byName(names).keys()].sort();
const withBodies = (names: NameFilter) => [...byName(names)].map(([name, bodies]) => `${name} ${String(bodies)}`).sort();

function expectSameNames(program: ts.Program): string[] {
  const triaged = reachingNames(program, catalogue);
  // Another catalogue object with the same content: the full walk is not served from the first one's memo.
  expect(withBodies(triaged)).toEqual(withBodies(reachingNamesScanningEveryFile(program, effectiveCatalogue({ clients: [] }))));
  expect(callsTheRulesMayReport(program)).toEqual([]);
  return sorted(triaged);
}

/** The files whose calls `callsMayReach` says cannot reach a client. */
function quietFiles(program: ts.Program): string[] {
  return program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !callsMayReach(program, catalogue, file))
    .map((file) => file.fileName);
}

/**
 * The calls, in the files whose calls `callsMayReach` says cannot reach a client, that the rules'
 * cheap filters would still let through: read from the tree, not the text the triage reads. Each is
 * written where code runs later (in a function, a class or a loop) and calls a factory's or connect
 * method's name, a name that reaches, a package's export or `require`.
 */
function callsTheRulesMayReport(program: ts.Program): string[] {
  const names = reachingNames(program, catalogue);
  const found: string[] = [];
  for (const fileName of quietFiles(program)) {
    const file = program.getSourceFile(fileName) as ts.SourceFile;
    const { packageValueImports } = headerOf(file);
    // `import db = require('./db')`: the rules ask the type checker about any call of it.
    const required = file.statements.filter(ts.isImportEqualsDeclaration).map((statement) => statement.name.text);
    const visit = (node: ts.Node, runsLater: boolean): void => {
      if (ts.isCallExpression(node) && runsLater && node.expression.kind !== ts.SyntaxKind.SuperKeyword) {
        let callee: ts.Expression = node.expression;
        while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) callee = callee.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        const calledItself = ts.isIdentifier(callee) && (callee.text === 'require' || packageValueImports.includes(callee.text) || required.includes(callee.text));
        if (calledItself || (name !== undefined && (catalogue.buildOrConnectNames.includes(name) || names.has(name))))
          found.push(`${file.fileName}: ${node.getText(file)}`);
      }
      const later = runsLater || ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isIterationStatement(node, false);
      ts.forEachChild(node, (child) => {
        visit(child, later);
      });
    };
    visit(file, false);
  }
  return found;
}

describe('reachingNames with the triage', () => {
  it.each([
    ['the typed fixtures', 'test/fixtures/typed/tsconfig.json'],
    ['the e2e project', 'test/fixtures/project/tsconfig.json'],
    ['the fixable project', 'test/fixtures/fixable/tsconfig.json'],
    ['the example app', 'examples/app/tsconfig.json'],
  ])('finds the names a walk of every file finds: %s', (_, tsconfig) => {
    expect(expectSameNames(programOf(path.join(root, tsconfig))).length).toBeGreaterThan(0);
  });

  it.each(['mongodb', '@grpc/grpc-js', 'rxjs'])('finds the names a walk of every file finds: the sources %s ships (real code)', (pkg) => {
    const sources = path.join(root, 'node_modules', pkg, 'src');
    const files = ts.sys.readDirectory(sources, ['.ts'], ['**/*.d.ts'], ['**/*']);
    expect(files.length).toBeGreaterThan(30);
    expectSameNames(ts.createProgram(files, { noEmit: true, noResolve: true, noLib: true, types: [] }));
  });

  const corpora = mkdtempSync(path.join(os.tmpdir(), 'triage-'));
  afterAll(() => {
    rmSync(corpora, { recursive: true, force: true });
  });

  it.each([1, 2, 3])('finds the names a walk of every file finds: the bench corpus of 150 files, seed %i', (seed) => {
    const { dir } = generateCorpus({ n: 150, seed, dir: path.join(corpora, String(seed)) });
    const program = programOf(path.join(dir, 'tsconfig.json'));
    expect(expectSameNames(program).length).toBeGreaterThan(0);
    // Most of a service's files call nothing that reaches a client: the rules ask nothing about their calls.
    expect(quietFiles(program).length).toBeGreaterThan(50);
  });

  // Each case: a body that builds a client in a way only its text's shape tells, and a caller in a
  // file the triage leaves for later, which must be walked once the body's name reaches.
  it.each([
    ['new of a call', 'export function direct(load: () => any) { return new (load())(); }'],
    ['new of this', 'export class Direct { Client: any; direct() { return new this.Client(); } }'],
    ['new of an element', 'import { registry } from "./registry";\nexport function direct() { return new registry[0](); }'],
    ['new through a non-null', 'import { drivers } from "./registry";\nexport function direct() { return new drivers!.Pool(); }'],
    ['new of a parameter', 'export function direct(Ctor: new () => object) { return new Ctor(); }'],
    ['new of a spread', 'export function direct(Ctor: any) { return [...new Ctor()]; }'],
    ['new of a local that shadows a global', 'export function direct(Map: any) { return new Map(); }'],
    ['new with a comment', 'export function direct() { return new /* pooled */ Pool(); }\nimport { Pool } from "pg";'],
    ['new of a package class', 'import pg from "pg";\nexport function direct() { return new pg.Pool(); }'],
    ['a package factory called', 'import knex from "knex";\nexport function direct() { return knex({}); }'],
    ['a package function called', 'import { fn } from "lib";\nexport function direct() { return fn(); }'],
    ['a factory name', 'export function direct(mysql: any) { return mysql.createPool({}); }'],
    ['a connect call', 'export async function direct(client: any) { await client.connect(); }'],
    ['a require', 'export function direct() { const { Pool } = require("pg"); return new Pool(); }'],
    ['a mixin base', 'declare function mixin(base: unknown): any;\nexport class Direct extends mixin(Object) {}'],
    ['a generic mixin base', 'declare function mixin<T>(base: T): any;\nexport class Direct extends mixin<object>(Object) {}'],
    ['a package base class', 'import { Pool } from "pg";\nexport class Direct extends Pool {}'],
    ['an escaped name', 'export function direct(\\u0043tor: any) { return new Ctor(); }'],
    // What a review found the text alone misread: comments, other spaces, arrow parameters, type arguments.
    ['a parameter under a comment ending in a full stop', 'export function direct(\n  // The class to build.\n  Ctor: any,\n) { return new Ctor(); }'],
    ['a parameter under a comment ending in `type`', 'export function direct(\n  // a driver type\n  Ctor: any,\n) { return new Ctor(); }'],
    ['a package call under a comment', 'import express from "express";\nexport function direct() {\n  return (\n    // The app.\n    express()\n  );\n}'],
    ['a new under a comment', 'import pg from "pg";\nexport function direct() {\n  return (\n    // A fresh pool per call.\n    new pg.Pool()\n  );\n}'],
    ['a base class under a comment', 'import pg from "pg";\nexport class Direct // pooled.\n  extends pg.Pool {}'],
    ['a no-break space before new', 'export function direct(Ctor: any) {\n  return\u00a0new Ctor();\n}'],
    ['a global an arrow parameter shadows', 'export function direct() { return new Map(); }\nexport function other(): (m: unknown) => number { return Map => 0; }'],
    ['a comment before an element access', 'import { registry } from "./registry";\nexport function direct() { return new registry /* the first */ [0](); }'],
    ['a comment before a mixin call', 'declare function mixin(base: unknown): any;\nexport class Direct extends mixin /* adds logging */ (Object) {}'],
    ['a string in a mixin\'s type arguments', "declare function mixin<T>(base: unknown): any;\nexport class Direct extends mixin<'>'>(Object) {}"],
    ['a tagged template with type arguments', 'import { tag } from "./registry";\nexport function direct() { return new tag<number>`x`(); }'],
    ['a number ending in a full stop before a new line', 'declare const Ctor: any;\nexport function direct() {\n  const a = 1.\n  new Ctor()\n}'],
  ])('finds a body whose name reaches through %s, and its caller in another file', (_, body) => {
    const program = virtualProgram({
      'direct.ts': body,
      'caller.ts': 'import { direct, Direct } from "./direct";\nexport function caller() { return direct() ?? new Direct(); }',
      'unrelated.ts': 'export function unrelated() { return new Map<string, number>(); }',
    });
    const names = expectSameNames(program);
    expect(names).toContain('caller');
    expect(names).not.toContain('unrelated');
    expect(quietFiles(program)).toEqual(['/v/unrelated.ts']);
  });

  // A handler is mostly an anonymous callback: no name of it reaches, yet its calls must be asked about.
  it.each([
    ['a factory name', 'declare const mysql: any;', 'mysql.createPool({})'],
    ['a connect call', 'declare const client: any;', 'client.connect()'],
    ['a package export', 'import make from "lib";', 'make({})'],
    ['a project module imported by require', 'import make = require("./factory");', 'make()'],
    ['a require', 'declare const require: any;', 'require("pg")'],
    ['a name that reaches', 'import { open } from "./factory";', 'open()'],
  ])('leaves no file quiet whose anonymous callback calls %s', (_, prelude, call) => {
    const program = virtualProgram({
      'factory.ts': 'import { Pool } from "pg";\nexport function open() { return new Pool(); }',
      'routes.ts': `${prelude}\ndeclare const app: any;\napp.get("/", () => ${call});`,
      'quiet.ts': 'declare const app: any;\napp.get("/", () => Math.max(1, 2));',
    });
    expectSameNames(program);
    expect(quietFiles(program)).toEqual(['/v/quiet.ts']);
  });

  it('brings a name nearer its client when a shorter way turns up in a file scanned after it', () => {
    const program = virtualProgram({
      'a.ts': 'import { Pool } from "pg";\nexport function direct() { return new Pool(); }\nexport function two() { return direct(); }\nexport function three() { return two(); }',
      // Scanned once `three` reaches: first four bodies from a client, then three once `near` is found.
      'top.ts': 'import { three } from "./a";\nimport { near } from "./z";\nexport function top() { three(); return near(); }',
      'z.ts': 'import { direct } from "./a";\nexport function near() { return direct(); }',
    });
    expectSameNames(program);
    const names = reachingNames(program, catalogue);
    expect(names.reachesWithin('top', 3)).toBe(true);
    expect(names.reachesWithin('top', 2)).toBe(false);
  });

  const MAKE = 'export function make() { class Local extends Base {} return new Local(); }';
  const BASE = 'export class Base extends Pool {}';
  it.each([
    // Scanned before `Base`: only once `Base` is found to extend a client is `Local` one.
    ['after it', { 'pools.ts': `import { Pool } from "pg";\n${MAKE}\n${BASE}` }],
    // `make`'s file is scanned only once `Base` reaches, long after `Base` was last looked at.
    ['before it', { 'base.ts': `import { Pool } from "pg";\n${BASE}`, 'make.ts': `import { Base } from "./base";\n${MAKE}` }],
  ])('makes a class a client when its base is found to be one %s', (_, files) => {
    const program = virtualProgram(files);
    expectSameNames(program);
    const names = reachingNames(program, catalogue);
    expect(names.reachesWithin('Local', 0)).toBe(true);
    expect(names.reachesWithin('make', 1)).toBe(true);
    expect(names.reachesWithin('make', 0)).toBe(false);
  });

  it('leaves no file quiet that calls a package export in a module-level do loop', () => {
    const program = virtualProgram({ 'loop.ts': 'import make from "lib";\ndo make({}); while (Math.random() > 0.5);' });
    expectSameNames(program);
    expect(quietFiles(program)).toEqual([]);
  });

  it.each([
    ['export default', 'export default redis.createClient;'],
    ['export =', 'export = redis.createClient;'],
  ])("finds a package's factory a project module exports with %s, and the files that call it", (_, statement) => {
    const program = virtualProgram({
      'maker.ts': `import * as redis from "redis";\n${statement}`,
      'user.ts': 'import make from "./maker";\nexport function user() { return make(); }',
    });
    expect(expectSameNames(program)).toEqual(['default', 'make', 'user']);
    expect(quietFiles(program)).toEqual([]);
  });

  it('walks a file that calls a reaching name through a default import, though the text never says `default`', () => {
    const program = virtualProgram({
      'maker.ts': 'import { Pool } from "pg";\nexport default function () { return new Pool(); }',
      'user.ts': 'import make from "./maker";\nexport function user() { return make(); }',
    });
    expect(expectSameNames(program)).toEqual(expect.arrayContaining(['default', 'user']));
    expect(quietFiles(program)).toEqual([]);
  });

  it('walks a file once it mentions a reaching name, and follows its private methods', () => {
    const names = expectSameNames(
      virtualProgram({
        'factory.ts': 'import { Pool } from "pg";\nexport function open() { return new Pool(); }',
        'store.ts': 'import { open } from "./factory";\nexport class Store { #open() { return open(); } get() { return this.#open(); } }',
      }),
    );
    expect(names).toEqual(expect.arrayContaining(['open', '#open', 'get']));
  });
});

describe('mayHoldDirectBody', () => {
  const decide = (text: string) => {
    const program = virtualProgram({ 'file.ts': text });
    const file = program.getSourceFile('/v/file.ts');
    if (file === undefined) throw new Error('no file');
    return mayHoldDirectBody(file, headerOf(file), catalogue);
  };

  it.each([
    ['builds only globals, used in types too', 'export function f(): Map<string, Set<number>> { return new Map<string, Set<number>>(); }', false],
    ['builds a class of its own', 'class Store {}\nexport function f() { return new Store(); }', false],
    ['builds a project import', 'import { Repo } from "./repo";\nexport function f() { return new Repo(); }', false],
    ['builds a package class at module level only', 'import Router from "@koa/router";\nexport const router = new Router({ prefix: "/a" });', false],
    ['calls a package export at module level only', 'import express from "express";\nconst app = express();\nexport default app;', false],
    ['reads members of a package export', 'import express from "express";\nexport function f() { return express.json(); }', false],
    ['extends a global', 'export class Failure extends Error {}', false],
    ['names a package type only', 'import type { Pool } from "pg";\nexport function f(pool: Pool) { return pool.query("select 1"); }', false],
    ['says `new` in a comment about a global', '// a new Map per call\nexport function f() { return new Map(); }', false],
    ['builds a package class at module level under a comment with parentheses', 'import { Pool } from "pg";\n/** One pool (shared). */\nexport const pool = new Pool();', false],
    ['names a package class in a comment above a function', 'import { Pool } from "pg";\n/** (Read-only) through a Pool */\nexport function f(pool: { query(): void }) { return pool.query(); }', false],
    ['builds a global a parameter shadows', 'export function f(Map: any) { return new Map(); }', true],
    ['builds a class of its own a variable shadows', 'class Store {}\nexport function f() { const Store = load(); return new Store(); }\ndeclare function load(): any;', true],
    ['builds a package class in a body', 'import Router from "@koa/router";\nexport function f() { return new Router({ prefix: "/a" }); }', true],
    ['builds a package class in a body under a comment with parentheses', 'import { Pool } from "pg";\n/** One pool (per call). */\nexport const f = () => new Pool();', true],
    ['calls a package export in a body', 'import express from "express";\nexport function f() { return express(); }', true],
    ['calls a package export in a module-level arrow function', 'import express from "express";\nexport const f = () => express();', true],
    ['extends a package class', 'import { Pool } from "pg";\nexport class Mine extends Pool {}', true],
    ['names a package class as a value', 'import { Pool } from "pg";\nexport function f(pool: Pool) { return pool.query("select 1"); }', true],
  ])('%s', (_, text, direct) => {
    expect(decide(text)).toBe(direct);
  });
});
