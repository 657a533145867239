/**
 * The program-wide gate in front of typing parameters (issue 7): the type checker is asked whether a
 * parameter is a request only when some request type can reach the program's code. Each case that
 * opens the gate has a neighbour that names the same thing where it cannot reach.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mayHoldRequestTypes } from '../../src/analysis/request-types-in-program.js';

/** A program of files held in memory, by absolute path, without lib files: the gate reads syntax and paths only. */
function programOf(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { noLib: true, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, version) => {
    const text = files[path.posix.normalize(name)];
    return text === undefined ? undefined : ts.createSourceFile(name, text, version, true);
  };
  host.fileExists = (name) => files[path.posix.normalize(name)] !== undefined;
  host.readFile = (name) => files[path.posix.normalize(name)];
  return ts.createProgram(Object.keys(files), options, host);
}

/** What every Node program holds: `@types/node`'s HTTP module, and `undici-types`, whose JSDoc links intern `https`. */
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
    ['a require of its module', '/p/src/server.ts', `declare const require: (id: string) => unknown;\nexport const server = require('https');`],
    ['its module’s name written with an escape', '/p/src/server.ts', `declare const require: (id: string) => unknown;\nexport const server = require('\\x68ttp');`],
    ['a built-in module fetched by name', '/p/src/server.ts', `declare const process: { getBuiltinModule(id: string): unknown };\nexport const http = process.getBuiltinModule('http');`],
    ['JSDoc types of a JavaScript file', '/p/src/server.js', `/** @param {import('http').IncomingMessage} req */\nexport function handle(req) { return req; }`],
  ])('is true when code names Node’s request types: %s', (_, file, text) => {
    expect(holds({ [file]: text })).toBe(true);
  });

  it('is false when a TypeScript file writes the module’s name only in comments and other strings', () => {
    expect(holds({ '/p/src/links.ts': `// See https://nodejs.org/api/http.html\nexport const docs = 'https://example.org/http';` })).toBe(false);
  });

  it('is false when only a TypeScript file’s JSDoc names them (a comment there, not a type)', () => {
    expect(holds({ '/p/src/server.ts': `/** @param {import('http').IncomingMessage} req */\nexport function handle(req: unknown) { return req; }` })).toBe(false);
  });

  it('is true when a request type’s package is in the program, by its path', () => {
    expect(holds({ '/p/node_modules/@types/express-serve-static-core/index.d.ts': 'export interface Request { url: string }' })).toBe(true);
  });

  it('is false when a package is only required by name, its types absent', () => {
    expect(holds({ '/p/src/server.js': `const express = require('express');\nmodule.exports = express;` })).toBe(false);
  });

  it('is true when the project declares or augments a request type’s package module', () => {
    expect(holds({ '/p/src/koa.d.ts': `declare module 'koa' {\n  interface Context { user: string }\n}` })).toBe(true);
  });

  it('is false for a module declaration of another package, in a file that also names one of them', () => {
    expect(holds({ '/p/src/shims.d.ts': `declare module 'left-pad' {\n  export function next(koa: string): string;\n}` })).toBe(false);
  });
});
