/**
 * The syntactic origin questions that run before the type checker (issue 7): which package built a
 * value (builtByPackage), and whether a callee may come from a few modules (mayComeFromModules).
 */
import { describe, expect, it } from 'vitest';
import { builtByPackage, mayComeFromModules } from '../../src/ast/callee-origin.js';
import { answers } from './probe.js';

const HTTP = new Set(['http', 'https']);

describe('builtByPackage', () => {
  it.each([
    ['express()', `import express from 'express';\nconst app = express();\nprobe(app);`, 'express'],
    ['express.Router()', `import express from 'express';\nconst router = express.Router();\nprobe(router);`, 'express'],
    ['new Router() of a scoped package', `import Router from '@koa/router';\nconst router = new Router();\nprobe(router);`, '@koa/router'],
    ['a subpath import', `import { Hono } from 'hono/tiny';\nconst app = new Hono();\nprobe(app);`, 'hono'],
    ['require', `const fastify = require('fastify');\nconst app = fastify();\nprobe(app);`, 'fastify'],
    ['a project module', `import { makeApp } from './app.js';\nconst app = makeApp();\nprobe(app);`, undefined],
    ['a global', `const cache = new Map();\nprobe(cache);`, undefined],
    ['a parameter', `export function f(app: unknown) { probe(app); }`, undefined],
  ])('%s', (_, code, expected) => {
    expect(answers(code, builtByPackage)).toEqual([expected]);
  });
});

describe('mayComeFromModules', () => {
  const reexported = (name: string) => name === 'send';
  it.each([
    ['an import of http', `import http from 'node:http';\nprobe(http.get);`, true],
    ['an import of another package', `import Redis from 'ioredis';\nconst redis = new Redis();\nprobe(redis.get);`, false],
    ['a value built with new', `import Router from '@koa/router';\nconst router = new Router();\nprobe(router.get);`, false],
    ['a project name that may stand for a package export', `import { send } from './net.js';\nprobe(send);`, true],
    ['a project name that may not', `import { read } from './db.js';\nprobe(read);`, false],
    ['a require of https', `const { get } = require('https');\nprobe(get);`, true],
    ['a module chosen at run time', `import http from 'node:http';\nimport https from 'node:https';\ndeclare const secure: boolean;\nconst transport = secure ? https : http;\nprobe(transport.get);`, true],
    ['an unannotated parameter called itself', `export function f(next: () => void) { probe(next); }`, false],
    ['a parameter typed typeof http', `import type http from 'node:http';\nexport function f(h: typeof http) { probe(h.get); }`, true],
    ['a parameter of another type', `import type { FastifyInstance } from 'fastify';\nexport function f(app: FastifyInstance) { probe(app.get); }`, false],
    ['a member of an unannotated parameter', `[1].forEach((mod) => probe(mod.get));`, true],
    ['a loop variable called itself', `export async function f(tasks: Array<() => Promise<void>>) {\n  for (const task of tasks) probe(task);\n}`, false],
    ['a loop variable over a written list of functions', `import https from 'node:https';\nfor (const get of [https.get]) probe(get);`, true],
    ['a member of a loop variable', `import http from 'node:http';\nimport https from 'node:https';\nfor (const mod of [http, https]) probe(mod.get);`, true],
    ['a global', `probe(fetch);`, false],
  ])('%s', (_, code, expected) => {
    expect(answers(code, (node, sourceCode) => mayComeFromModules(node, sourceCode, HTTP, reexported))).toEqual([expected]);
  });
});
