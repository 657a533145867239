/**
 * The cheap filters in front of following (issue 7): which project names may reach a client
 * (reachingNames, no type checker), and which declarations may (createReachFilter, on the
 * TypeScript AST, before another file is converted to ESTree). Fixtures: test/fixtures/typed/reach/.
 */
import path from 'node:path';
import ts from 'typescript';
import { assert, describe, expect, it } from 'vitest';
import { effectiveCatalogue } from '../../src/analysis/client-catalogue.js';
import { createReachFilter } from '../../src/analysis/may-reach-client.js';
import { reachingNames } from '../../src/analysis/reaching-names.js';
import { createTsClientFilter } from '../../src/analysis/recognise-client.js';
import { typedFixtures } from '../rule-tester.js';

const files = ['clients.ts', 'reexports.ts', 'aliases.ts', 'required.ts', 'distances.ts'].map((name) => path.join(typedFixtures, 'reach', name));
const program = ts.createProgram(files, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
});
const catalogue = effectiveCatalogue({});

describe('reachingNames', () => {
  const names = reachingNames(program, catalogue);

  it.each([
    ['buildsPool', 'a `new` of a package class'],
    ['viaArrow', 'a factory called by name, in an arrow function'],
    ['Repo', 'a class whose field initialiser builds one'],
    ['Admin', 'a subclass without a constructor of its own'],
    ['ctorParam', 'a `new` of a parameter: only types know the class'],
    ['wrapsBuild', 'a call of a name that reaches'],
    ['default', 'a default export that reaches'],
    ['makePool', 'a factory re-exported under another name'],
    ['PgClient', 'a package import exported under another name'],
    ['pgNamespace', 'a package namespace re-exported'],
    ['send', 'a Node request function re-exported'],
    ['wb', 'an import alias of a name that reaches'],
    ['eagerConnect', 'a connect call on every call'],
    ['viaPromise', 'a construction in a `new Promise` executor, which runs right away'],
    ['PoolAlias', 'a module-level name for a package value'],
    ['Named', 'a class expression held by a const'],
    ['NamedImpl', 'the same class by its own name'],
    ['make', 'a field holding a function that builds one'],
    ['shadowed', 'a store into a local that shadows a module-level binding'],
    ['parenthesised', 'a parenthesised call of a name that reaches'],
    ['rebuilt', 'a project function re-exported under another name'],
    ['defaultBuild', 'a default export re-exported under a name'],
    ['viaRequire', 'a project function bound by a renaming `require`'],
    ['callsRequired', 'a call through that binding'],
    ['callsAlias', 'a call through that alias'],
    ['requiredHttps', 'a module-level name for a package value bound by `require`'],
    ['insideBody', 'a function declared in a body'],
    ['declaresInBody', 'a body that calls it'],
    ['openFromStore', 'a member of what a callback returns'],
  ])('%s: %s', (name) => {
    expect(names.has(name)).toBe(true);
  });

  it.each([
    ['onlyQueries', 'only queries the pool it is given'],
    ['usesGlobals', 'builds only globals (`new Map()`, `new URL()`)'],
    ['Plain', 'its field is a global'],
    ['size', 'a method that calls nothing'],
    ['lazyConnect', 'its connect is memoised into a module-level binding (`ready ??= …`)'],
    ['viaCallback', 'its construction is in a callback it only returns'],
    ['Lazy', 'its field holds a function, which constructing it does not run'],
    ['memoised', 'a store into a module-level binding no function shadows (`kept ??= …`)'],
    ['oq', 'an import alias of a name that does not reach'],
    ['callsQueriesAlias', 'a call through that alias'],
  ])('not %s: %s', (name) => {
    expect(names.has(name)).toBe(false);
  });

  // The fewest function bodies from a call of the name to one that builds or connects: what a
  // follower that deep may find. `makePool` re-exports a package's factory: the call itself builds.
  it.each([
    ['makePool', 0],
    ['buildsPool', 1],
    ['eagerConnect', 1],
    ['Repo', 1],
    ['Admin', 2],
    ['wrapsBuild', 2],
    ['wb', 2],
    ['callsAlias', 3],
    ['viaPromise', 1],
    ['TenantPool', 0],
    ['ShardPool', 0],
    ['OwnPool', 0],
    ['openTenant', 1],
    ['openShard', 1],
    ['viaOpenShard', 2],
    ['viaAlias', 1],
  ])('%s reaches within %i bodies, not fewer', (name, bodies) => {
    expect(names.reachesWithin(name, bodies)).toBe(true);
    expect(names.reachesWithin(name, bodies - 1)).toBe(false);
  });

  it('is gathered once per program and catalogue', () => {
    expect(reachingNames(program, catalogue)).toBe(names);
  });
});

describe('reachingNames across programs', () => {
  /** An editor's programs: the next one, after an edit, shares every file that did not change. */
  function programOf(texts: Record<string, string>, oldProgram?: ts.Program): ts.Program {
    const options: ts.CompilerOptions = { noLib: true, noResolve: true, noEmit: true };
    const host = ts.createCompilerHost(options);
    const previous = new Map(oldProgram?.getSourceFiles().map((file) => [file.fileName, file]));
    host.getSourceFile = (fileName, languageVersion) => {
      const text = texts[fileName];
      if (text === undefined) return undefined;
      const kept = previous.get(fileName);
      return kept?.text === text ? kept : ts.createSourceFile(fileName, text, languageVersion);
    };
    host.fileExists = (fileName) => fileName in texts;
    return ts.createProgram(Object.keys(texts), options, host, oldProgram);
  }

  it('sees an edit to one file and keeps what the others said', () => {
    const caller = `import { helper } from './helper';\nexport function caller() {\n  return helper();\n}\n`;
    const before = programOf({ '/app/caller.ts': caller, '/app/helper.ts': `export function helper() {\n  return 1;\n}\n` });
    expect(reachingNames(before, catalogue).has('caller')).toBe(false);
    const after = programOf({ '/app/caller.ts': caller, '/app/helper.ts': `import { Pool } from 'pg';\nexport function helper() {\n  return new Pool();\n}\n` }, before);
    expect(after.getSourceFile('/app/caller.ts')).toBe(before.getSourceFile('/app/caller.ts'));
    expect(reachingNames(after, catalogue).has('caller')).toBe(true);
    expect(reachingNames(after, catalogue).has('helper')).toBe(true);
  });
});

describe('createReachFilter', () => {
  const mayReach = createReachFilter(program, reachingNames(program, catalogue), createTsClientFilter({}, program));
  const source = (name: string) => {
    const file = program.getSourceFile(path.join(typedFixtures, 'reach', name));
    assert(file !== undefined);
    return file;
  };
  /** The declaration the follower would be given for `name`: a function or class, or a `const`'s arrow function. */
  const declaration = (name: string, file = 'clients.ts'): ts.Node => {
    for (const statement of source(file).statements) {
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement;
      if (ts.isVariableStatement(statement)) {
        const found = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
        if (found?.initializer !== undefined) return found.initializer;
      }
    }
    throw new Error(`no declaration ${name} in ${file}`);
  };

  it.each([
    ['buildsPool', 1, true],
    ['viaArrow', 1, true],
    ['Repo', 1, true],
    // By name it may (a parameter's class); the type checker knows it builds an `object`.
    ['ctorParam', 3, false],
    // `any`: nothing is known, so following goes on.
    ['anyCtor', 1, true],
    ['onlyQueries', 3, false],
    ['usesGlobals', 3, false],
    ['Plain', 3, false],
    ['eagerConnect', 1, true],
    ['lazyConnect', 3, false],
    ['viaPromise', 1, true],
    ['viaCallback', 3, false],
    ['Named', 1, true],
    ['Lazy', 3, false],
    ['shadowed', 1, true],
    ['memoised', 3, false],
    ['parenthesised', 2, true],
  ] as const)('%s within %i bodies: %s', (name, depth, expected) => {
    expect(mayReach(declaration(name), depth)).toBe(expected);
  });

  it('counts the bodies on the way: a call, a base class, an import alias', () => {
    expect(mayReach(declaration('wrapsBuild'), 1)).toBe(false);
    expect(mayReach(declaration('wrapsBuild'), 2)).toBe(true);
    expect(mayReach(declaration('Admin'), 1)).toBe(false);
    expect(mayReach(declaration('Admin'), 2)).toBe(true);
    expect(mayReach(declaration('callsAlias', 'aliases.ts'), 2)).toBe(false);
    expect(mayReach(declaration('callsAlias', 'aliases.ts'), 3)).toBe(true);
    expect(mayReach(declaration('callsQueriesAlias', 'aliases.ts'), 3)).toBe(false);
  });
});
