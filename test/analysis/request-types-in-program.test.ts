/**
 * The program-wide gate in front of typing parameters (issue 7): the type checker is asked whether a
 * parameter is a request only when some request type can reach the program's code. Each case that
 * opens the gate has a neighbour that names the same thing where it cannot reach.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mayHoldRequestTypes } from '../../src/analysis/request-types-in-program.js';
import { NODE_REQUEST_MODULES, REQUEST_PARAMETER_TYPES } from '../../src/catalogue/contexts.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * A program of files held in memory, by absolute path: the gate reads syntax and paths only. Its
 * default library is `/lib/lib.d.ts` when that is given, and there is none otherwise.
 */
function programOf(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { noLib: files['/lib/lib.d.ts'] === undefined, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  const host = ts.createCompilerHost(options);
  host.getDefaultLibFileName = () => '/lib/lib.d.ts';
  host.getSourceFile = (name, version) => {
    const text = files[path.posix.normalize(name)];
    // Without parent pointers, as a program's files are until the type checker binds them.
    return text === undefined ? undefined : ts.createSourceFile(name, text, version);
  };
  host.fileExists = (name) => files[path.posix.normalize(name)] !== undefined;
  host.readFile = (name) => files[path.posix.normalize(name)];
  return ts.createProgram(Object.keys(files), options, host);
}

/** What every Node program holds: `@types/node`'s HTTP module, and `undici-types`, whose text holds `https` in JSDoc links only. */
const NODE_PROGRAM = {
  '/p/node_modules/@types/node/http.d.ts': `declare module 'http' {
  export class IncomingMessage {}
  export type RequestListener = (req: IncomingMessage) => void;
  export function createServer(listener: RequestListener): void;
}
declare module 'node:http' {
  export * from 'http';
}`,
  '/p/node_modules/undici-types/content-type.d.ts': `/**
 * @see https://mimesniff.spec.whatwg.org/#parse-a-mime-type
 */
export declare function parseMIMEType(input: string): unknown;`,
  '/p/src/app.ts': `export function run(next: () => void, express: unknown): void {
  next();
  void express;
}`,
};

const holds = (files: Record<string, string>): boolean => mayHoldRequestTypes(programOf({ ...NODE_PROGRAM, ...files }));

describe('mayHoldRequestTypes', () => {
  it('is false for a program whose only request types are in @types/node, unnamed elsewhere (a `next` and an `express` variable name no package)', () => {
    expect(holds({})).toBe(false);
  });

  it.each([
    ['an import of a request type', '/p/src/server.ts', `import type { IncomingMessage } from 'http';\nexport function handle(req: IncomingMessage): void { void req; }`],
    ['an import of its module under node:', '/p/src/server.ts', `import { createServer } from 'node:http';\ncreateServer(() => undefined);`],
    ['a module whose server hands it out', '/p/src/server.ts', `import * as https from 'https';\nexport const make = https;`],
    ['a type computed from its module', '/p/src/types.ts', `export type Req = Parameters<import('http').RequestListener>[0];`],
    ['an import-equals of its module', '/p/src/server.ts', `import http = require('http');\nexport const server = http;`],
    ['a re-export of its module', '/p/src/server.ts', `export * from 'node:http';`],
    ['a request type of http2', '/p/src/server.ts', `export function handle(stream: ServerHttp2Stream): void { void stream; }\ndeclare class ServerHttp2Stream {}`],
    ['an augmentation of its module', '/p/src/http.d.ts', `declare module 'http' {\n  interface IncomingMessage { user?: string }\n}`],
    ['a package’s declarations built on it', '/p/node_modules/@types/connect/index.d.ts', `import * as http from 'http';\nexport type Handle = (req: http.IncomingMessage) => void;`],
    ['url.urlToHttpOptions(), whose agent lists requests', '/p/src/pending.ts', `import { urlToHttpOptions } from 'node:url';\nexport const options = urlToHttpOptions(new URL('x:'));`],
    ['process.getBuiltinModule() with a computed id', '/p/src/server.ts', `declare const id: Lowercase<'NODE:HTTP'>;\ndeclare const process: Record<string, (id: string) => unknown>;\nexport const module = process.getBuiltinModule(id);`],
    ['a require of its module', '/p/src/server.ts', `declare const require: (id: string) => unknown;\nexport const server = require('https');`],
    ['its module’s name written with an escape', '/p/src/server.ts', `declare const require: (id: string) => unknown;\nexport const server = require('\\x68ttp');`],
    ['a built-in module fetched by name', '/p/src/server.ts', `declare const process: Record<string, (id: string) => unknown>;\nexport const module = process.getBuiltinModule('http');`],
    ['JSDoc types of a JavaScript file', '/p/src/server.js', `/** @param {import('http').IncomingMessage} req */\nexport function handle(req) { return req; }`],
  ])('is true when code names Node’s request types: %s', (_, file, text) => {
    expect(holds({ [file]: text })).toBe(true);
  });

  it('is false when a TypeScript file writes the module’s name only in comments and other strings', () => {
    expect(holds({ '/p/src/links.ts': `// See https://nodejs.org/api/http.html\nexport const docs = 'https://example.org/http';` })).toBe(false);
  });

  it('is false when a built-in module other than theirs is fetched by a literal id', () => {
    expect(holds({ '/p/src/v8.ts': `declare const process: Record<string, (id: string) => unknown>;\nexport const v8 = process.getBuiltinModule?.('v8');` })).toBe(false);
  });

  it('is false when only a TypeScript file’s JSDoc names them (a comment there, not a type)', () => {
    expect(holds({ '/p/src/server.ts': `/** @param {import('http').IncomingMessage} req */\nexport function handle(req: unknown) { return req; }` })).toBe(false);
  });

  it.each([
    ['@types/express-serve-static-core', '/p/node_modules/@types/express-serve-static-core/index.d.ts'],
    ['@types/aws-lambda', '/p/node_modules/@types/aws-lambda/index.d.ts'],
    ['a scoped package', '/p/node_modules/@hapi/hapi/lib/index.d.ts'],
    ['a pnpm store', '/p/node_modules/.pnpm/koa@2.15.0/node_modules/koa/index.d.ts'],
  ])('is true when a request type’s package is in the program, by its path: %s', (_, file) => {
    expect(holds({ [file]: 'export interface Request { url: string }' })).toBe(true);
  });

  it('is false for a package that declares no request type, by its path', () => {
    expect(holds({ '/p/node_modules/@types/left-pad/index.d.ts': 'export interface Request { url: string }' })).toBe(false);
  });

  it('is false when a package is only required by name, its types absent', () => {
    expect(holds({ '/p/src/server.js': `const express = require('express');\nmodule.exports = express;` })).toBe(false);
  });

  it.each([
    ['declared', '/p/src/koa.d.ts', `declare module 'koa' {\n  interface Context { user: string }\n}`],
    ['declared under node:', '/p/src/koa.d.ts', `declare module 'node:koa' {\n  export interface Context { user: string }\n}`],
    ['augmented inside another ambient module', '/p/src/aug.d.ts', `declare module 'koa-extras' {\n  module 'koa' {\n    interface Context { user: string }\n  }\n}`],
  ])('is true when the project declares a request type’s package module: %s', (_, file, text) => {
    expect(holds({ [file]: text })).toBe(true);
  });

  it('is false for a module declaration of another package, in a file that also names one of them', () => {
    expect(holds({ '/p/src/shims.d.ts': `declare module 'left-pad' {\n  export function next(koa: string): string;\n}` })).toBe(false);
  });

  it('does not read TypeScript’s default library', () => {
    expect(holds({ '/lib/lib.d.ts': `declare module 'http' {\n  export class IncomingMessage {}\n}\ninterface Koa { next(): void }` })).toBe(false);
  });

  it('holds every request type Node declares to the modules the gate reads', () => {
    const nodeModules = REQUEST_PARAMETER_TYPES.map((entry) => entry.declaredIn).filter((module) => isBuiltin(module));
    expect(nodeModules.length).toBeGreaterThan(0);
    for (const module of nodeModules) expect(NODE_REQUEST_MODULES).toContain(module);
  });

  it('knows every file of the installed @types/node that names the request modules in code (a new one needs a route in NODE_REQUEST_ROUTES)', () => {
    const dir = path.join(root, 'node_modules', '@types', 'node');
    const names = new Set(NODE_REQUEST_MODULES.flatMap((module) => [module, `node:${module}`]));
    const naming = ts.sys
      .readDirectory(dir, ['.d.ts'], undefined, ['**/*'])
      .filter((file) => {
        const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): boolean => (ts.isStringLiteralLike(node) && names.has(node.text)) || (ts.forEachChild(node, visit) ?? false);
        return visit(source);
      })
      .map((file) => path.relative(dir, file).replaceAll(path.sep, '/'))
      .filter((file) => !/^(?:ts[\d.]+\/)?https?2?\.d\.ts$/u.test(file))
      .sort();
    // perf_hooks: `'http'` and `'http2'` as kinds of performance entry, no way into the modules.
    expect(naming).toEqual(['perf_hooks.d.ts', 'process.d.ts', 'url.d.ts']);
  });
});
