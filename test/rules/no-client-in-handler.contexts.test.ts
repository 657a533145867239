/**
 * no-client-in-handler: every per-request / per-message / per-tick context is recognised, and the
 * one-shot callbacks that look like them are not. The client is always `new Pool()` from 'pg' so
 * that this file is only about contexts; the client catalogue has its own tests.
 *
 * Each invalid case is paired with a valid neighbour that differs from it by one thing (the event
 * name, the registering call, the file name, a directive, a decorator, a parameter type, …).
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import noClientInHandler, { type MessageIds, type Options } from '../../src/rules/no-client-in-handler.js';
import { typedFixtures, typedRuleTester, untypedRuleTester } from '../rule-tester.js';
import { withoutFixes } from '../without-fixes.js';

/** What is reported, and where; the fixes are tested in test/fix/. */
const rule = withoutFixes(noClientInHandler);

const CONSTRUCTION = 'new Pool()';
const OPENS = 'a pool of PostgreSQL connections';

/** "runs on every {every}, so each {unit} opens …" */
interface Occasion {
  readonly every: string;
  readonly unit: string;
}

const request = (what: string): Occasion => ({ every: `request to ${what}`, unit: 'request' });
const through = (what: string): Occasion => ({ every: `request through ${what}`, unit: 'request' });
const message = (what: string): Occasion => ({ every: `message of ${what}`, unit: 'message' });

/** A file that must exist on disk (typed linting opens it through the project service). */
const fixture = (relative: string): string => path.join(typedFixtures, ...relative.split('/'));

interface Pair {
  readonly name: string;
  /** One `new Pool()`, in code that runs repeatedly. */
  readonly invalid: string;
  readonly occasion: Occasion;
  /** The neighbour: the same code but for one thing, accepted. */
  readonly valid: string;
  readonly filename?: string;
  readonly validFilename?: string;
  /** CommonJS cases declare `require`/`module`/`exports`, as `globals.node` does in a real config. */
  readonly commonjs?: true;
}

interface Valid {
  readonly name: string;
  readonly code: string;
  readonly filename?: string;
}

/**
 * Without these globals, `require('pg')` is not followed (eslint-utils' ReferenceTracker only
 * tracks a declared global `require`), so the client would not be recognised at all.
 */
const COMMONJS = { globals: { require: 'readonly', module: 'writable', exports: 'writable' } } as const;

/** Strips the common indentation of a template literal and its first and last blank lines. */
function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/u, '').replace(/\n\s*$/u, '');
  const indent = Math.min(...text.split('\n').filter((line) => line.trim() !== '').map((line) => (/^ */u.exec(line)?.[0] ?? '').length));
  return `${text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n')}\n`;
}

/** The exact location of the single `new Pool()` in `source`. */
function locate(source: string): { line: number; column: number; endLine: number; endColumn: number } {
  const index = source.indexOf(CONSTRUCTION);
  if (index < 0 || source.indexOf(CONSTRUCTION, index + 1) >= 0) throw new Error(`expected exactly one ${CONSTRUCTION} in:\n${source}`);
  const before = source.slice(0, index).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return { line, column, endLine: line, endColumn: column + CONSTRUCTION.length };
}

function invalidCase(pair: Pair): InvalidTestCase<MessageIds, Options> {
  return {
    name: `${pair.name} (reported)`,
    code: pair.invalid,
    ...(pair.filename === undefined ? {} : { filename: pair.filename }),
    ...(pair.commonjs ? { languageOptions: COMMONJS } : {}),
    errors: [
      {
        messageId: 'clientInHandler',
        data: { construction: CONSTRUCTION, package: 'pg', every: pair.occasion.every, unit: pair.occasion.unit, opens: OPENS },
        ...locate(pair.invalid),
      },
    ],
  };
}

function validCases(pairs: readonly Pair[], valids: readonly Valid[]): ValidTestCase<Options>[] {
  return [
    ...pairs.map((pair) => {
      const filename = pair.validFilename ?? pair.filename;
      return {
        name: `${pair.name} (neighbour, accepted)`,
        code: pair.valid,
        ...(filename === undefined ? {} : { filename }),
        ...(pair.commonjs ? { languageOptions: COMMONJS } : {}),
      };
    }),
    ...valids.map((valid) => ({ name: valid.name, code: valid.code, ...(valid.filename === undefined ? {} : { filename: valid.filename }) })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Contexts recognised by shape: the same answer with and without type information.
// ---------------------------------------------------------------------------------------------

const HTTP_SERVER = request('this HTTP server');
const EXPRESS_ROUTE = request('this Express route');

const NODE_HTTP: Pair[] = [
  {
    name: 'node:http createServer(listener)',
    invalid: code`
      import { Pool } from 'pg';
      import { createServer } from 'node:http';
      createServer((req, res) => {
        const pool = new Pool();
        res.end();
      }).listen(3000);
    `,
    occasion: HTTP_SERVER,
    valid: code`
      import { Pool } from 'pg';
      import { createServer } from 'node:http';
      createServer().listen(3000, () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'node:https createServer(options, listener)',
    invalid: code`
      import { Pool } from 'pg';
      import https from 'node:https';
      https.createServer({}, (req, res) => {
        const pool = new Pool();
        res.end();
      });
    `,
    occasion: HTTP_SERVER,
    valid: code`
      import { Pool } from 'pg';
      import https from 'node:https';
      const pool = new Pool();
      https.createServer({}, (req, res) => {
        res.end();
      });
    `,
  },
  {
    name: "server.on('request') versus server.on('listening')",
    invalid: code`
      import { Pool } from 'pg';
      import http from 'node:http';
      const server = http.createServer();
      server.on('request', (req, res) => {
        const pool = new Pool();
      });
    `,
    occasion: HTTP_SERVER,
    valid: code`
      import { Pool } from 'pg';
      import http from 'node:http';
      const server = http.createServer();
      server.on('listening', () => {
        const pool = new Pool();
      });
    `,
  },
];

const EXPRESS: Pair[] = [
  {
    name: "Express app.get(path, fn) versus app.listen(port, fn)",
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.get('/users', async (req, res) => {
        const pool = new Pool();
        res.json([]);
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.listen(3000, async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'Express router.post on express.Router()',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      export const router = express.Router();
      router.post('/users', async (req, res) => {
        const pool = new Pool();
        res.sendStatus(201);
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      export const router = express.Router();
      const pool = new Pool();
      router.post('/users', async (req, res) => {
        res.sendStatus(201);
      });
    `,
  },
  {
    name: 'Express app.use(middleware) versus plugins.use(fn) on a non-router',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.use((req, res, next) => {
        const pool = new Pool();
        next();
      });
    `,
    occasion: through('this Express middleware'),
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const plugins = { use(fn: () => void): void { fn(); } };
      plugins.use(() => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: "Express app.route('/x').get(fn)",
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.route('/users').get((req, res) => {
        const pool = new Pool();
        res.end();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pool = new Pool();
      app.route('/users').get((req, res) => {
        res.end();
      });
    `,
  },
  {
    name: 'Express error handler (err, req, res, next)',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
        const pool = new Pool();
        res.status(500).end();
      });
    `,
    occasion: through('this Express middleware'),
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pool = new Pool();
      app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
        res.status(500).end();
      });
    `,
  },
  {
    name: 'Express named handler declared elsewhere in the file, registered by reference',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      async function listUsers(req, res) {
        const pool = new Pool();
        res.json([]);
      }
      app.get('/users', listUsers);
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      async function listUsers(req, res) {
        const pool = new Pool();
        res.json([]);
      }
      void listUsers(undefined, undefined);
    `,
  },
  {
    name: 'Express named arrow handler registered by reference',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const createUser = async (req, res) => {
        const pool = new Pool();
        res.sendStatus(201);
      };
      app.post('/users', createUser);
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const createUser = async (req, res) => {
        const pool = new Pool();
        res.sendStatus(201);
      };
      app.listen(3000, createUser);
    `,
  },
  {
    name: 'Express: an exported function named handler that a route registers is an Express route, not a Lambda',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      export async function handler(req, res) {
        const pool = new Pool();
      }
      app.get('/users', handler);
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pool = new Pool();
      export async function handler(req, res) {
      }
      app.get('/users', handler);
    `,
  },
  {
    name: 'Express wrapped handler app.get(path, asyncHandler(fn))',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare function asyncHandler<T>(fn: T): T;
      const app = express();
      app.get('/users', asyncHandler(async (req, res) => {
        const pool = new Pool();
        res.json([]);
      }));
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare function asyncHandler<T>(fn: T): T;
      const app = express();
      app.listen(3000, asyncHandler(async () => {
        const pool = new Pool();
      }));
    `,
  },
];

const KOA: Pair[] = [
  {
    name: 'Koa app.use(fn) versus app.listen(port, fn)',
    invalid: code`
      import { Pool } from 'pg';
      import Koa from 'koa';
      const app = new Koa();
      app.use(async (ctx, next) => {
        const pool = new Pool();
        await next();
      });
    `,
    occasion: through('this Koa middleware'),
    valid: code`
      import { Pool } from 'pg';
      import Koa from 'koa';
      const app = new Koa();
      app.listen(3000, async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: '@koa/router router.get(path, fn)',
    invalid: code`
      import { Pool } from 'pg';
      import Router from '@koa/router';
      const router = new Router();
      router.get('/users', async (ctx) => {
        const pool = new Pool();
        ctx.body = [];
      });
    `,
    occasion: request('this Koa route'),
    valid: code`
      import { Pool } from 'pg';
      import Router from '@koa/router';
      const router = new Router();
      const pool = new Pool();
      router.get('/users', async (ctx) => {
        ctx.body = [];
      });
    `,
  },
];

const FASTIFY: Pair[] = [
  {
    name: 'Fastify shorthand app.get(path, fn) versus app.ready(fn)',
    invalid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const app = Fastify();
      app.get('/users', async (request, reply) => {
        const pool = new Pool();
        return [];
      });
    `,
    occasion: request('this Fastify route'),
    valid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const app = Fastify();
      app.ready(async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'Fastify route({ handler }) versus a handler option of a non-router call',
    invalid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const app = Fastify();
      app.route({
        method: 'GET',
        url: '/users',
        handler: async (request, reply) => {
          const pool = new Pool();
          return [];
        },
      });
    `,
    occasion: request('this Fastify route'),
    valid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      declare function configure(options: { handler: () => Promise<void> }): void;
      configure({
        handler: async () => {
          const pool = new Pool();
        },
      });
    `,
  },
  {
    name: "Fastify addHook('onRequest') versus addHook('onReady')",
    invalid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const app = Fastify();
      app.addHook('onRequest', async (request, reply) => {
        const pool = new Pool();
      });
    `,
    occasion: through("this Fastify 'onRequest' hook"),
    valid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const app = Fastify();
      app.addHook('onReady', async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'Fastify route registered inside a plugin body versus the plugin body itself',
    invalid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const fastify = Fastify();
      fastify.register(async (app) => {
        app.get('/users', async () => {
          const pool = new Pool();
          return [];
        });
      });
    `,
    occasion: request('this Fastify route'),
    valid: code`
      import { Pool } from 'pg';
      import Fastify from 'fastify';
      const fastify = Fastify();
      fastify.register(async (app) => {
        const pool = new Pool();
        app.get('/users', async () => {
          return [];
        });
      });
    `,
  },
];

const HAPI: Pair[] = [
  {
    name: 'hapi server.route({ handler })',
    invalid: code`
      import { Pool } from 'pg';
      import Hapi from '@hapi/hapi';
      const server = Hapi.server({ port: 3000 });
      server.route({
        method: 'GET',
        path: '/users',
        handler: async (request, h) => {
          const pool = new Pool();
          return [];
        },
      });
    `,
    occasion: request('this hapi route'),
    valid: code`
      import { Pool } from 'pg';
      import Hapi from '@hapi/hapi';
      const server = Hapi.server({ port: 3000 });
      const pool = new Pool();
      server.route({
        method: 'GET',
        path: '/users',
        handler: async (request, h) => {
          return [];
        },
      });
    `,
  },
  {
    name: "hapi server.ext('onRequest') versus server.ext('onPostStart')",
    invalid: code`
      import { Pool } from 'pg';
      import Hapi from '@hapi/hapi';
      const server = Hapi.server({ port: 3000 });
      server.ext('onRequest', (request, h) => {
        const pool = new Pool();
        return h.continue;
      });
    `,
    occasion: through("this hapi 'onRequest' hook"),
    valid: code`
      import { Pool } from 'pg';
      import Hapi from '@hapi/hapi';
      const server = Hapi.server({ port: 3000 });
      server.ext('onPostStart', () => {
        const pool = new Pool();
      });
    `,
  },
];

const NEST_CONTROLLER_IMPORTS = `import { Pool } from 'pg';\nimport { Controller, Get, Injectable, Post } from '@nestjs/common';`;

const NESTJS: Pair[] = [
  {
    name: 'NestJS @Get() controller method versus an undecorated method',
    invalid: code`
      ${NEST_CONTROLLER_IMPORTS}
      @Controller('users')
      export class UsersController {
        @Get()
        findAll() {
          const pool = new Pool();
          return [];
        }
      }
    `,
    occasion: request('this NestJS route'),
    valid: code`
      ${NEST_CONTROLLER_IMPORTS}
      @Controller('users')
      export class UsersController {
        findAll() {
          const pool = new Pool();
          return [];
        }
      }
    `,
  },
  {
    name: 'NestJS @Post(path) controller method',
    invalid: code`
      ${NEST_CONTROLLER_IMPORTS}
      @Controller('users')
      export class UsersController {
        @Post(':id')
        async update() {
          const pool = new Pool();
        }
      }
    `,
    occasion: request('this NestJS route'),
    valid: code`
      ${NEST_CONTROLLER_IMPORTS}
      const pool = new Pool();
      @Controller('users')
      export class UsersController {
        @Post(':id')
        async update() {
        }
      }
    `,
  },
  {
    name: 'NestJS @MessagePattern method',
    invalid: code`
      import { Pool } from 'pg';
      import { Controller } from '@nestjs/common';
      import { MessagePattern } from '@nestjs/microservices';
      @Controller()
      export class MathController {
        @MessagePattern({ cmd: 'sum' })
        sum(data: number[]) {
          const pool = new Pool();
          return data.length;
        }
      }
    `,
    occasion: message('this NestJS message handler'),
    valid: code`
      import { Pool } from 'pg';
      import { Controller } from '@nestjs/common';
      import { MessagePattern } from '@nestjs/microservices';
      @Controller()
      export class MathController {
        sum(data: number[]) {
          const pool = new Pool();
          return data.length;
        }
      }
    `,
  },
  {
    name: 'NestJS @EventPattern method',
    invalid: code`
      import { Pool } from 'pg';
      import { Controller } from '@nestjs/common';
      import { EventPattern } from '@nestjs/microservices';
      @Controller()
      export class UsersEvents {
        @EventPattern('user_created')
        async onUserCreated(data: unknown) {
          const pool = new Pool();
        }
      }
    `,
    occasion: { every: 'event of this NestJS event handler', unit: 'event' },
    valid: code`
      import { Pool } from 'pg';
      import { Controller } from '@nestjs/common';
      import { EventPattern } from '@nestjs/microservices';
      const pool = new Pool();
      @Controller()
      export class UsersEvents {
        @EventPattern('user_created')
        async onUserCreated(data: unknown) {
        }
      }
    `,
  },
  {
    name: 'NestJS guard canActivate versus a provider onModuleInit',
    invalid: code`
      import { Pool } from 'pg';
      import { Injectable, type CanActivate } from '@nestjs/common';
      @Injectable()
      export class AuthGuard implements CanActivate {
        canActivate() {
          const pool = new Pool();
          return true;
        }
      }
    `,
    occasion: through('this NestJS guard'),
    valid: code`
      import { Pool } from 'pg';
      import { Injectable, type CanActivate } from '@nestjs/common';
      @Injectable()
      export class AuthGuard implements CanActivate {
        onModuleInit() {
          const pool = new Pool();
          return true;
        }
      }
    `,
  },
  {
    name: 'NestJS interceptor intercept versus a provider method of another name',
    invalid: code`
      import { Pool } from 'pg';
      import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
      @Injectable()
      export class TimingInterceptor implements NestInterceptor {
        intercept(context: ExecutionContext, next: CallHandler) {
          const pool = new Pool();
          return next.handle();
        }
      }
    `,
    occasion: through('this NestJS interceptor'),
    valid: code`
      import { Pool } from 'pg';
      import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
      @Injectable()
      export class TimingInterceptor implements NestInterceptor {
        onModuleInit(context: ExecutionContext, next: CallHandler) {
          const pool = new Pool();
          return next.handle();
        }
      }
    `,
  },
  {
    name: 'NestJS interceptor without @Injectable() (useGlobalInterceptors(new X())): implements NestInterceptor',
    invalid: code`
      import { Pool } from 'pg';
      import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
      export class TimingInterceptor implements NestInterceptor {
        intercept(context: ExecutionContext, next: CallHandler) {
          const pool = new Pool();
          return next.handle();
        }
      }
    `,
    occasion: through('this NestJS interceptor'),
    valid: code`
      import { Pool } from 'pg';
      import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
      export class TimingInterceptor {
        intercept(context: ExecutionContext, next: CallHandler) {
          const pool = new Pool();
          return next.handle();
        }
      }
    `,
  },
];

const NEXT_API = fixture('pages/api/users.ts');
const NEXT_ROUTE = fixture('app/api/users/route.ts');
const NEXT_PAGE = fixture('pages/users.ts');
const REMIX_ROUTE = fixture('app/routes/users.ts');
const SVELTEKIT_ENDPOINT = fixture('src/routes/api/users/+server.ts');
const NUXT_ROUTE = fixture('server/api/users.ts');
const NUXT_PLUGIN = fixture('server/plugins/db.ts');
const NOT_A_ROUTE = fixture('lib/users.ts');

const FILE_SYSTEM_ROUTES: Pair[] = [
  {
    name: 'Next.js pages/api default export versus the same file outside pages/api',
    invalid: code`
      import { Pool } from 'pg';
      export default async function handler(req, res) {
        const pool = new Pool();
        res.status(200).json([]);
      }
    `,
    occasion: request('this Next.js API route'),
    valid: code`
      import { Pool } from 'pg';
      export default async function handler(req, res) {
        const pool = new Pool();
        res.status(200).json([]);
      }
    `,
    filename: NEXT_API,
    validFilename: NOT_A_ROUTE,
  },
  {
    name: 'Next.js pages/api default export of a named function declared above',
    invalid: code`
      import { Pool } from 'pg';
      async function users(req, res) {
        const pool = new Pool();
        res.status(200).json([]);
      }
      export default users;
    `,
    occasion: request('this Next.js API route'),
    valid: code`
      import { Pool } from 'pg';
      async function users(req, res) {
        const pool = new Pool();
        res.status(200).json([]);
      }
      export { users };
    `,
    filename: NEXT_API,
  },
  {
    name: 'Next.js App Router route.ts export GET versus the same file named otherwise',
    invalid: code`
      import { Pool } from 'pg';
      export async function GET(request: Request) {
        const pool = new Pool();
        return Response.json([]);
      }
    `,
    occasion: request('this Next.js route handler'),
    valid: code`
      import { Pool } from 'pg';
      export async function GET(request: Request) {
        const pool = new Pool();
        return Response.json([]);
      }
    `,
    filename: NEXT_ROUTE,
    validFilename: NOT_A_ROUTE,
  },
  {
    name: 'Next.js App Router route.ts export const POST versus a non-verb export',
    invalid: code`
      import { Pool } from 'pg';
      export const POST = async (request: Request) => {
        const pool = new Pool();
        return new Response(null, { status: 201 });
      };
    `,
    occasion: request('this Next.js route handler'),
    valid: code`
      import { Pool } from 'pg';
      export const createUser = async (request: Request) => {
        const pool = new Pool();
        return new Response(null, { status: 201 });
      };
    `,
    filename: NEXT_ROUTE,
  },
  {
    name: "'use server' module directive versus the same module without it",
    invalid: code`
      'use server';
      import { Pool } from 'pg';
      export async function createUser(form: FormData) {
        const pool = new Pool();
      }
    `,
    occasion: { every: "call of this server action ('use server')", unit: 'call' },
    valid: code`
      import { Pool } from 'pg';
      export async function createUser(form: FormData) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: "'use server' function directive versus the same function without it",
    invalid: code`
      import { Pool } from 'pg';
      export function Page() {
        async function save(form: FormData) {
          'use server';
          const pool = new Pool();
        }
        return save;
      }
    `,
    occasion: { every: "call of this server action ('use server')", unit: 'call' },
    valid: code`
      import { Pool } from 'pg';
      export function Page() {
        async function save(form: FormData) {
          const pool = new Pool();
        }
        return save;
      }
    `,
  },
  {
    name: 'Next.js getServerSideProps versus getStaticProps (build time)',
    invalid: code`
      import { Pool } from 'pg';
      export async function getServerSideProps() {
        const pool = new Pool();
        return { props: {} };
      }
    `,
    occasion: request('this Next.js page (getServerSideProps)'),
    valid: code`
      import { Pool } from 'pg';
      export async function getStaticProps() {
        const pool = new Pool();
        return { props: {} };
      }
    `,
    filename: NEXT_PAGE,
  },
  {
    name: 'Remix / React Router loader in app/routes versus clientLoader',
    invalid: code`
      import { Pool } from 'pg';
      export async function loader() {
        const pool = new Pool();
        return [];
      }
    `,
    occasion: request('this route loader or action'),
    valid: code`
      import { Pool } from 'pg';
      export async function clientLoader() {
        const pool = new Pool();
        return [];
      }
    `,
    filename: REMIX_ROUTE,
  },
  {
    name: 'Remix / React Router action in app/routes versus the same file outside routes',
    invalid: code`
      import { Pool } from 'pg';
      export const action = async () => {
        const pool = new Pool();
        return null;
      };
    `,
    occasion: request('this route loader or action'),
    valid: code`
      import { Pool } from 'pg';
      export const action = async () => {
        const pool = new Pool();
        return null;
      };
    `,
    filename: REMIX_ROUTE,
    validFilename: NOT_A_ROUTE,
  },
  {
    name: 'SvelteKit +server.ts export GET versus the same file outside routes',
    invalid: code`
      import { Pool } from 'pg';
      export async function GET() {
        const pool = new Pool();
        return new Response('[]');
      }
    `,
    occasion: request('this SvelteKit endpoint'),
    valid: code`
      import { Pool } from 'pg';
      export async function GET() {
        const pool = new Pool();
        return new Response('[]');
      }
    `,
    filename: SVELTEKIT_ENDPOINT,
    validFilename: NOT_A_ROUTE,
  },
  {
    name: 'SvelteKit +server.ts export const POST versus a non-verb export',
    invalid: code`
      import { Pool } from 'pg';
      export const POST = async () => {
        const pool = new Pool();
        return new Response(null, { status: 201 });
      };
    `,
    occasion: request('this SvelteKit endpoint'),
    valid: code`
      import { Pool } from 'pg';
      export const create = async () => {
        const pool = new Pool();
        return new Response(null, { status: 201 });
      };
    `,
    filename: SVELTEKIT_ENDPOINT,
  },
];

const H3_AND_HONO: Pair[] = [
  {
    name: 'h3 / Nuxt defineEventHandler(fn) versus defineNitroPlugin(fn)',
    invalid: code`
      import { Pool } from 'pg';
      import { defineEventHandler } from 'h3';
      export default defineEventHandler(async (event) => {
        const pool = new Pool();
        return [];
      });
    `,
    occasion: request('this h3 event handler'),
    valid: code`
      import { Pool } from 'pg';
      declare function defineNitroPlugin(plugin: (nitro: unknown) => void): unknown;
      export default defineNitroPlugin(async (nitro) => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'Nuxt server/api default export (any wrapper) versus the same file in server/plugins',
    invalid: code`
      import { Pool } from 'pg';
      declare function defineWrapped(fn: (event: unknown) => unknown): unknown;
      export default defineWrapped(async (event) => {
        const pool = new Pool();
        return [];
      });
    `,
    occasion: request('this Nuxt server route'),
    valid: code`
      import { Pool } from 'pg';
      declare function defineWrapped(fn: (event: unknown) => unknown): unknown;
      export default defineWrapped(async (event) => {
        const pool = new Pool();
        return [];
      });
    `,
    filename: NUXT_ROUTE,
    validFilename: NUXT_PLUGIN,
  },
  {
    name: 'Hono app.get(path, fn)',
    invalid: code`
      import { Pool } from 'pg';
      import { Hono } from 'hono';
      const app = new Hono();
      app.get('/users', async (c) => {
        const pool = new Pool();
        return c.json([]);
      });
    `,
    occasion: request('this Hono route'),
    valid: code`
      import { Pool } from 'pg';
      import { Hono } from 'hono';
      const app = new Hono();
      const pool = new Pool();
      app.get('/users', async (c) => {
        return c.json([]);
      });
    `,
  },
  {
    name: "Hono app.on('PURGE', path, fn) versus app.on('PURGE', name, fn)",
    invalid: code`
      import { Pool } from 'pg';
      import { Hono } from 'hono';
      const app = new Hono();
      app.on('PURGE', '/cache', async (c) => {
        const pool = new Pool();
        return c.body(null);
      });
    `,
    occasion: request('this Hono route'),
    valid: code`
      import { Pool } from 'pg';
      import { EventEmitter } from 'node:events';
      const bus = new EventEmitter();
      bus.on('PURGE', 'cache', async () => {
        const pool = new Pool();
      });
    `,
  },
];

const SERVERLESS_INVOCATION: Occasion = { every: 'invocation of this serverless handler', unit: 'invocation' };

const SERVERLESS: Pair[] = [
  {
    name: 'AWS Lambda ESM export const handler versus another exported name',
    invalid: code`
      import { Pool } from 'pg';
      export const handler = async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      };
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      import { Pool } from 'pg';
      export const setup = async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      };
    `,
  },
  {
    name: 'AWS Lambda ESM export async function handler versus a non-exported handler',
    invalid: code`
      import { Pool } from 'pg';
      export async function handler(event) {
        const pool = new Pool();
        return { statusCode: 200 };
      }
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      import { Pool } from 'pg';
      async function handler(event) {
        const pool = new Pool();
        return { statusCode: 200 };
      }
      void handler;
    `,
  },
  {
    name: 'AWS Lambda CommonJS exports.handler versus exports.setup',
    commonjs: true,
    invalid: code`
      const { Pool } = require('pg');
      exports.handler = async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      };
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      const { Pool } = require('pg');
      exports.setup = async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      };
    `,
  },
  {
    name: 'AWS Lambda CommonJS module.exports.handler wrapped by middy(fn)',
    commonjs: true,
    invalid: code`
      const { Pool } = require('pg');
      const middy = require('@middy/core');
      module.exports.handler = middy(async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      });
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      const { Pool } = require('pg');
      const middy = require('@middy/core');
      module.exports.setup = middy(async (event) => {
        const pool = new Pool();
        return { statusCode: 200 };
      });
    `,
  },
  {
    name: 'AWS Lambda CommonJS module.exports = { handler } versus { setup }',
    invalid: code`
      const { Pool } = require('pg');
      module.exports = {
        handler: async (event) => {
          const pool = new Pool();
          return { statusCode: 200 };
        },
      };
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      const { Pool } = require('pg');
      module.exports = {
        setup: async (event) => {
          const pool = new Pool();
          return { statusCode: 200 };
        },
      };
    `,
    commonjs: true,
  },
  {
    name: "Google Cloud Functions functions.http(name, fn)",
    invalid: code`
      import { Pool } from 'pg';
      import * as functions from '@google-cloud/functions-framework';
      functions.http('users', async (req, res) => {
        const pool = new Pool();
        res.send([]);
      });
    `,
    occasion: request('this Cloud Function'),
    valid: code`
      import { Pool } from 'pg';
      import * as functions from '@google-cloud/functions-framework';
      const pool = new Pool();
      functions.http('users', async (req, res) => {
        res.send([]);
      });
    `,
  },
];

const RPC_AND_GRAPHQL: Pair[] = [
  {
    name: 'tRPC procedure.query(fn) versus connection.query(sql, cb)',
    invalid: code`
      import { Pool } from 'pg';
      import { initTRPC } from '@trpc/server';
      const t = initTRPC.create();
      export const router = t.router({
        users: t.procedure.query(async () => {
          const pool = new Pool();
          return [];
        }),
      });
    `,
    occasion: { every: 'call of this tRPC procedure', unit: 'call' },
    valid: code`
      import { Pool } from 'pg';
      declare const connection: { query(sql: string, cb: () => void): void };
      connection.query('SELECT 1', () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'tRPC procedure.mutation(fn)',
    invalid: code`
      import { Pool } from 'pg';
      import { initTRPC } from '@trpc/server';
      const t = initTRPC.create();
      export const router = t.router({
        createUser: t.procedure.mutation(async () => {
          const pool = new Pool();
          return null;
        }),
      });
    `,
    occasion: { every: 'call of this tRPC procedure', unit: 'call' },
    valid: code`
      import { Pool } from 'pg';
      import { initTRPC } from '@trpc/server';
      const t = initTRPC.create();
      const pool = new Pool();
      export const router = t.router({
        createUser: t.procedure.mutation(async () => {
          return null;
        }),
      });
    `,
  },
  {
    name: 'GraphQL resolver map Query field versus a field of a non-root type name',
    invalid: code`
      import { Pool } from 'pg';
      export const resolvers = {
        Query: {
          users: async () => {
            const pool = new Pool();
            return [];
          },
        },
      };
    `,
    occasion: request('this GraphQL resolver'),
    valid: code`
      import { Pool } from 'pg';
      export const settings = {
        Defaults: {
          users: async () => {
            const pool = new Pool();
            return [];
          },
        },
      };
    `,
  },
  {
    name: 'GraphQL resolver map Mutation method',
    invalid: code`
      import { Pool } from 'pg';
      export const resolvers = {
        Mutation: {
          async createUser() {
            const pool = new Pool();
            return null;
          },
        },
      };
    `,
    occasion: request('this GraphQL resolver'),
    valid: code`
      import { Pool } from 'pg';
      const pool = new Pool();
      export const resolvers = {
        Mutation: {
          async createUser() {
            return null;
          },
        },
      };
    `,
  },
];

const CONSUMERS: Pair[] = [
  {
    name: "amqplib channel.consume(queue, fn) versus channel.on('close', fn)",
    invalid: code`
      import { Pool } from 'pg';
      import amqp from 'amqplib';
      const connection = await amqp.connect('amqp://localhost');
      const channel = await connection.createChannel();
      await channel.consume('jobs', async (msg) => {
        const pool = new Pool();
      });
    `,
    occasion: message('this AMQP consumer'),
    valid: code`
      import { Pool } from 'pg';
      import amqp from 'amqplib';
      const connection = await amqp.connect('amqp://localhost');
      const channel = await connection.createChannel();
      channel.on('close', async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'kafkajs consumer.run({ eachMessage }) versus the same option outside run()',
    invalid: code`
      import { Pool } from 'pg';
      import { Kafka } from 'kafkajs';
      const consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'g' });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const pool = new Pool();
        },
      });
    `,
    occasion: message('this Kafka consumer'),
    valid: code`
      import { Pool } from 'pg';
      import { Kafka } from 'kafkajs';
      declare function describe(options: { eachMessage: () => Promise<void> }): void;
      describe({
        eachMessage: async () => {
          const pool = new Pool();
        },
      });
    `,
  },
  {
    name: 'kafkajs consumer.run({ eachBatch })',
    invalid: code`
      import { Pool } from 'pg';
      import { Kafka } from 'kafkajs';
      const consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'g' });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          const pool = new Pool();
        },
      });
    `,
    occasion: { every: 'batch of this Kafka consumer', unit: 'batch' },
    valid: code`
      import { Pool } from 'pg';
      import { Kafka } from 'kafkajs';
      const consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'g' });
      const pool = new Pool();
      await consumer.run({
        eachBatch: async ({ batch }) => {
        },
      });
    `,
  },
  {
    name: 'BullMQ new Worker(name, processor) versus a function in the options position',
    invalid: code`
      import { Pool } from 'pg';
      import { Worker } from 'bullmq';
      new Worker('emails', async (job) => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'job of this BullMQ worker', unit: 'job' },
    valid: code`
      import { Pool } from 'pg';
      import { Worker } from 'bullmq';
      new Worker('emails', null, {
        connection: (() => {
          const pool = new Pool();
          return {};
        })(),
      });
    `,
  },
  {
    name: "BullMQ worker.on('completed') versus worker.on('closed')",
    invalid: code`
      import { Pool } from 'pg';
      import { Worker } from 'bullmq';
      const worker = new Worker('emails', './processor.js');
      worker.on('completed', async (job) => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'completed job of this queue', unit: 'job' },
    valid: code`
      import { Pool } from 'pg';
      import { Worker } from 'bullmq';
      const worker = new Worker('emails', './processor.js');
      worker.on('closed', async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'sqs-consumer Consumer.create({ handleMessage })',
    invalid: code`
      import { Pool } from 'pg';
      import { Consumer } from 'sqs-consumer';
      Consumer.create({
        queueUrl: 'https://sqs.example/queue',
        handleMessage: async (message) => {
          const pool = new Pool();
          return message;
        },
      }).start();
    `,
    occasion: message('this SQS consumer'),
    valid: code`
      import { Pool } from 'pg';
      import { Consumer } from 'sqs-consumer';
      const pool = new Pool();
      Consumer.create({
        queueUrl: 'https://sqs.example/queue',
        handleMessage: async (message) => {
          return message;
        },
      }).start();
    `,
  },
  {
    name: 'NATS nc.subscribe(subject, { callback })',
    invalid: code`
      import { Pool } from 'pg';
      import { connect } from 'nats';
      const nc = await connect();
      nc.subscribe('users.created', {
        callback: (err, msg) => {
          const pool = new Pool();
        },
      });
    `,
    occasion: message('this NATS subscription'),
    valid: code`
      import { Pool } from 'pg';
      import { connect } from 'nats';
      const nc = await connect();
      const pool = new Pool();
      nc.subscribe('users.created', {
        callback: (err, msg) => {
        },
      });
    `,
  },
];

const LISTENER_MESSAGE: Occasion = { every: 'message this listener receives', unit: 'message' };

const SOCKETS: Pair[] = [
  {
    name: "ws wss.on('connection') versus wss.on('listening')",
    invalid: code`
      import { Pool } from 'pg';
      import { WebSocketServer } from 'ws';
      const wss = new WebSocketServer({ port: 8080 });
      wss.on('connection', (socket, req) => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'connection to this server', unit: 'connection' },
    valid: code`
      import { Pool } from 'pg';
      import { WebSocketServer } from 'ws';
      const wss = new WebSocketServer({ port: 8080 });
      wss.on('listening', () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: "ws socket.on('message') versus socket.on('close')",
    invalid: code`
      import { Pool } from 'pg';
      import { WebSocket } from 'ws';
      const socket = new WebSocket('ws://localhost:8080');
      socket.on('message', (data) => {
        const pool = new Pool();
      });
    `,
    occasion: LISTENER_MESSAGE,
    valid: code`
      import { Pool } from 'pg';
      import { WebSocket } from 'ws';
      const socket = new WebSocket('ws://localhost:8080');
      socket.on('close', () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: "socket.io io.on('connection')",
    invalid: code`
      import { Pool } from 'pg';
      import { Server } from 'socket.io';
      const io = new Server(3000);
      io.on('connection', (socket) => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'connection to this server', unit: 'connection' },
    valid: code`
      import { Pool } from 'pg';
      import { Server } from 'socket.io';
      const io = new Server(3000);
      const pool = new Pool();
      io.on('connection', (socket) => {
      });
    `,
  },
  {
    name: "socket.io socket.on('message') inside io.on('connection'): the innermost context names it",
    invalid: code`
      import { Pool } from 'pg';
      import { Server } from 'socket.io';
      const io = new Server(3000);
      io.on('connection', (socket) => {
        socket.on('message', async (text) => {
          const pool = new Pool();
        });
      });
    `,
    occasion: LISTENER_MESSAGE,
    valid: code`
      import { Pool } from 'pg';
      import { Server } from 'socket.io';
      const io = new Server(3000);
      const pool = new Pool();
      io.on('connection', (socket) => {
        socket.on('message', async (text) => {
        });
      });
    `,
  },
  {
    name: "process.on('message') (IPC) versus process.on('SIGTERM')",
    invalid: code`
      import { Pool } from 'pg';
      process.on('message', async (payload) => {
        const pool = new Pool();
      });
    `,
    occasion: LISTENER_MESSAGE,
    valid: code`
      import { Pool } from 'pg';
      process.on('SIGTERM', async () => {
        const pool = new Pool();
      });
    `,
  },
];

const TIMERS: Pair[] = [
  {
    name: 'setInterval(fn) versus setTimeout(fn) at module level',
    invalid: code`
      import { Pool } from 'pg';
      setInterval(async () => {
        const pool = new Pool();
      }, 60_000);
    `,
    occasion: { every: 'tick of this setInterval timer', unit: 'tick' },
    valid: code`
      import { Pool } from 'pg';
      setTimeout(async () => {
        const pool = new Pool();
      }, 60_000);
    `,
  },
  {
    name: 'node-cron cron.schedule(expr, fn) versus cron.validate(expr)',
    invalid: code`
      import { Pool } from 'pg';
      import cron from 'node-cron';
      cron.schedule('*/5 * * * *', async () => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'run of this cron job', unit: 'run' },
    valid: code`
      import { Pool } from 'pg';
      import cron from 'node-cron';
      if (cron.validate('*/5 * * * *')) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'cron new CronJob(expr, onTick) versus its onComplete (runs once, when stopped)',
    invalid: code`
      import { Pool } from 'pg';
      import { CronJob } from 'cron';
      new CronJob('*/5 * * * *', async () => {
        const pool = new Pool();
      });
    `,
    occasion: { every: 'run of this cron job', unit: 'run' },
    valid: code`
      import { Pool } from 'pg';
      import { CronJob } from 'cron';
      new CronJob('*/5 * * * *', async () => {}, async () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: 'a constructor named like a member every object has (`new this.constructor(…)`) versus CronJob',
    invalid: code`
      import { Pool } from 'pg';
      import { CronJob } from 'cron';
      export class Task {
        schedule() {
          return new CronJob('*/5 * * * *', async () => {
            const pool = new Pool();
          });
        }
      }
    `,
    occasion: { every: 'run of this cron job', unit: 'run' },
    valid: code`
      import { Pool } from 'pg';
      export class Task {
        copy() {
          return new this.constructor('copy', async () => {
            const pool = new Pool();
          });
        }
      }
    `,
  },
  {
    name: 'cron CronJob.from({ onTick })',
    invalid: code`
      import { Pool } from 'pg';
      import { CronJob } from 'cron';
      CronJob.from({
        cronTime: '*/5 * * * *',
        onTick: async () => {
          const pool = new Pool();
        },
      });
    `,
    occasion: { every: 'run of this cron job', unit: 'run' },
    valid: code`
      import { Pool } from 'pg';
      import { CronJob } from 'cron';
      CronJob.from({
        cronTime: '*/5 * * * *',
        onTick: async () => {},
        onComplete: async () => {
          const pool = new Pool();
        },
      });
    `,
  },
];

/** Lazy singletons in a handler are accepted; the same shapes without the check are not. */
const MEMOISATION: Pair[] = [
  {
    name: 'client ??= new Pool() onto a module let versus onto a handler-local let',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.get('/users', async (req, res) => {
        let client: Pool | undefined;
        client ??= new Pool();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let client: Pool | undefined;
      app.get('/users', async (req, res) => {
        client ??= new Pool();
      });
    `,
  },
  {
    name: 'if (!client) client = new Pool() versus the store without the check',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let client: Pool | undefined;
      app.get('/users', async (req, res) => {
        client = new Pool();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let client: Pool | undefined;
      app.get('/users', async (req, res) => {
        if (!client) client = new Pool();
      });
    `,
  },
  {
    name: 'globalThis.pool ??= new Pool() versus globalThis.pool ?? new Pool() (never stored)',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare global { var pool: Pool | undefined }
      const app = express();
      app.get('/users', async (req, res) => {
        const pool = globalThis.pool ?? new Pool();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare global { var pool: Pool | undefined }
      const app = express();
      app.get('/users', async (req, res) => {
        globalThis.pool ??= new Pool();
      });
    `,
  },
  {
    name: 'client = client ?? new Pool() onto a module let versus onto a property of the request',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      app.get('/users', async (req, res) => {
        res.locals.pool = res.locals.pool ?? new Pool();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let client: Pool | undefined;
      app.get('/users', async (req, res) => {
        client = client ?? new Pool();
      });
    `,
  },
  {
    name: "remember('k', () => new Pool()) versus an unknown helper that calls back each time",
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare function retry<T>(key: string, fn: () => T): T;
      const app = express();
      app.get('/users', async (req, res) => {
        const pool = retry('db', () => new Pool());
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      declare function remember<T>(key: string, fn: () => T): T;
      const app = express();
      app.get('/users', async (req, res) => {
        const pool = remember('db', () => new Pool());
      });
    `,
  },
  {
    name: 'if (!pools.has(k)) pools.set(k, new Pool()) versus pools.set(k, new Pool()) unchecked',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pools = new Map<string, Pool>();
      app.get('/:tenant/users', async (req, res) => {
        const tenant = req.params.tenant;
        pools.set(tenant, new Pool());
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pools = new Map<string, Pool>();
      app.get('/:tenant/users', async (req, res) => {
        const tenant = req.params.tenant;
        if (!pools.has(tenant)) pools.set(tenant, new Pool());
      });
    `,
  },
  {
    name: 'let p = pools.get(k); if (!p) { p = new Pool(); pools.set(k, p) } versus the same without the check',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pools = new Map<string, Pool>();
      app.get('/:tenant/users', async (req, res) => {
        let pool = pools.get(req.params.tenant);
        pool = new Pool();
        pools.set(req.params.tenant, pool);
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      const pools = new Map<string, Pool>();
      app.get('/:tenant/users', async (req, res) => {
        let pool = pools.get(req.params.tenant);
        if (!pool) {
          pool = new Pool();
          pools.set(req.params.tenant, pool);
        }
      });
    `,
  },
  {
    name: 'an early return when the shared client exists versus the store alone',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let shared: Pool | undefined;
      app.get('/users', async (req, res) => {
        shared = new Pool();
        res.json(await shared.query('SELECT 1'));
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const app = express();
      let shared: Pool | undefined;
      app.get('/users', async (req, res) => {
        if (shared) return res.json(await shared.query('SELECT 1'));
        shared = new Pool();
        res.json(await shared.query('SELECT 1'));
      });
    `,
  },
  {
    name: '??= onto a local of an outer per-connection listener versus onto a module let',
    invalid: code`
      import { Pool } from 'pg';
      import { WebSocketServer } from 'ws';
      const wss = new WebSocketServer({ port: 8080 });
      wss.on('connection', (socket) => {
        let pool: Pool | undefined;
        socket.on('message', () => {
          pool ??= new Pool();
        });
      });
    `,
    occasion: { every: 'message this listener receives', unit: 'message' },
    valid: code`
      import { Pool } from 'pg';
      import { WebSocketServer } from 'ws';
      const wss = new WebSocketServer({ port: 8080 });
      let pool: Pool | undefined;
      wss.on('connection', (socket) => {
        socket.on('message', () => {
          pool ??= new Pool();
        });
      });
    `,
  },
];

/** One-shot callbacks that look like handlers, and platforms where per-request clients are required. */
const ONE_SHOT: Valid[] = [
  {
    // The same \`export const handler\` is a Lambda entry point elsewhere; beside \`command\` it is a CLI command.
    name: 'a yargs command module handler runs once per CLI run',
    code: code`
      import { Pool } from 'pg';
      export const command = 'migrate';
      export const builder = {};
      export const handler = async () => {
        const pool = new Pool();
        await pool.end();
      };
    `,
  },
  {
    name: "process.on('SIGTERM') runs once",
    code: code`
      import { Pool } from 'pg';
      process.on('SIGTERM', async () => {
        const pool = new Pool();
        await pool.end();
      });
    `,
  },
  {
    name: 'main() / bootstrap() run once',
    code: code`
      import { Pool } from 'pg';
      import express from 'express';
      async function bootstrap() {
        const pool = new Pool();
        const app = express();
        app.get('/users', async (req, res) => {
          res.json((await pool.query('SELECT 1')).rows);
        });
        app.listen(3000);
      }
      void bootstrap();
    `,
  },
  {
    name: 'test hooks (beforeAll, beforeEach) are not per request',
    code: code`
      import { Pool } from 'pg';
      declare function beforeAll(fn: () => unknown): void;
      declare function beforeEach(fn: () => unknown): void;
      let pool: Pool;
      beforeAll(async () => {
        pool = new Pool();
      });
      beforeEach(() => {
        const other = new Pool();
      });
    `,
  },
  {
    name: 'map.get(key, fn) on a non-router is not a route',
    code: code`
      import { Pool } from 'pg';
      declare const cache: { get<T>(key: string, fallback: () => T): T };
      export function pool(key: string) {
        return cache.get(key, () => new Pool());
      }
    `,
  },
  {
    name: 'NestJS providers: useFactory and onModuleInit run once (default scope)',
    code: code`
      import { Pool } from 'pg';
      import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
      @Injectable()
      export class Db implements OnModuleInit {
        pool?: Pool;
        onModuleInit() {
          this.pool = new Pool();
        }
      }
      @Module({ providers: [Db, { provide: 'PG', useFactory: () => new Pool() }] })
      export class AppModule {}
    `,
  },
  {
    name: 'Cloudflare Workers default-export fetch is exempt: Workers must open DB sockets per request',
    code: code`
      import { Pool } from 'pg';
      export default {
        async fetch(request: Request, env: { DATABASE_URL: string }, ctx: unknown) {
          const pool = new Pool({ connectionString: env.DATABASE_URL });
          return new Response('ok');
        },
      };
    `,
  },
  {
    name: 'Cloudflare WorkerEntrypoint and Durable Object fetch are exempt too',
    code: code`
      import { Pool } from 'pg';
      declare class WorkerEntrypoint { }
      declare class DurableObject { }
      export class Api extends WorkerEntrypoint {
        async fetch(request: Request) {
          const pool = new Pool();
          return new Response('ok');
        }
      }
      export class Counter extends DurableObject {
        async fetch(request: Request) {
          const pool = new Pool();
          return new Response('ok');
        }
      }
    `,
  },
  {
    name: 'Cloudflare Workers default export with satisfies is exempt too',
    code: code`
      import { Pool } from 'pg';
      interface ExportedHandler { fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> }
      export default {
        async fetch(request, env, ctx) {
          const pool = new Pool();
          return new Response('ok');
        },
      } satisfies ExportedHandler;
    `,
  },
];


// ---------------------------------------------------------------------------------------------
// Contexts recognised only with type information: a parameter typed as a request, event, message
// or job marks per-request code wherever it is written. Each neighbour takes a type from the same
// package that is not a per-request one. Without type information these functions are unknown
// and accepted (checked below).
// ---------------------------------------------------------------------------------------------

const BY_PARAMETER_TYPE: Pair[] = [
  {
    name: 'express Request parameter versus express Application',
    invalid: code`
      import { Pool } from 'pg';
      import type { Request, Response } from 'express';
      export async function listUsers(req: Request, res: Response) {
        const pool = new Pool();
      }
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import type { Application } from 'express';
      export async function mount(app: Application) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'express RequestHandler annotation (contextually typed parameters)',
    invalid: code`
      import { Pool } from 'pg';
      import type { RequestHandler } from 'express';
      export const listUsers: RequestHandler = async (req, res) => {
        const pool = new Pool();
      };
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import type { RequestHandler } from 'express';
      export const listUsers = async (req: unknown, res: unknown) => {
        const pool = new Pool();
      };
    `,
  },
  {
    name: 'node:http IncomingMessage parameter versus http.Server',
    invalid: code`
      import { Pool } from 'pg';
      import type { IncomingMessage } from 'node:http';
      export async function authenticate(req: IncomingMessage) {
        const pool = new Pool();
      }
    `,
    occasion: HTTP_SERVER,
    valid: code`
      import { Pool } from 'pg';
      import type { Server } from 'node:http';
      export async function authenticate(server: Server) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'Koa Context parameter versus the Koa application',
    invalid: code`
      import { Pool } from 'pg';
      import type Koa from 'koa';
      export async function auth(ctx: Koa.Context, next: Koa.Next) {
        const pool = new Pool();
      }
    `,
    occasion: through('this Koa middleware'),
    valid: code`
      import { Pool } from 'pg';
      import type Koa from 'koa';
      export async function auth(app: Koa) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'Fastify FastifyRequest parameter versus FastifyInstance (a plugin)',
    invalid: code`
      import { Pool } from 'pg';
      import type { FastifyRequest } from 'fastify';
      export async function listUsers(request: FastifyRequest) {
        const pool = new Pool();
      }
    `,
    occasion: request('this Fastify route'),
    valid: code`
      import { Pool } from 'pg';
      import type { FastifyInstance } from 'fastify';
      export async function usersPlugin(app: FastifyInstance) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'a project type that extends a request type (the type checker decides) versus one that does not',
    invalid: code`
      import { Pool } from 'pg';
      import type { Request } from 'express';
      interface Authenticated extends Request {
        user: string;
      }
      export async function listUsers(req: Authenticated) {
        const pool = new Pool();
      }
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      interface Authenticated {
        user: string;
      }
      export async function listUsers(req: Authenticated) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'a request type after an object type and a function type, versus none',
    invalid: code`
      import { Pool } from 'pg';
      import type { ConsumeMessage } from 'amqplib';
      export async function handle(settings: { queue: string }, ack: (message: ConsumeMessage) => void, message: ConsumeMessage) {
        const pool = new Pool();
      }
    `,
    occasion: message('this AMQP consumer'),
    valid: code`
      import { Pool } from 'pg';
      import type { ConsumeMessage } from 'amqplib';
      export async function handle(settings: { queue: string }, ack: (message: ConsumeMessage) => void) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'hapi Request parameter versus hapi Server',
    invalid: code`
      import { Pool } from 'pg';
      import type { Request } from '@hapi/hapi';
      export async function listUsers(request: Request) {
        const pool = new Pool();
      }
    `,
    occasion: request('this hapi route'),
    valid: code`
      import { Pool } from 'pg';
      import type { Server } from '@hapi/hapi';
      export async function listUsers(server: Server) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'Hono Context parameter versus the Hono app',
    invalid: code`
      import { Pool } from 'pg';
      import type { Context } from 'hono';
      export async function listUsers(c: Context) {
        const pool = new Pool();
      }
    `,
    occasion: request('this Hono route'),
    valid: code`
      import { Pool } from 'pg';
      import type { Hono } from 'hono';
      export async function listUsers(app: Hono) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'h3 H3Event parameter versus the h3 App',
    invalid: code`
      import { Pool } from 'pg';
      import type { H3Event } from 'h3';
      export async function listUsers(event: H3Event) {
        const pool = new Pool();
      }
    `,
    occasion: request('this h3 event handler'),
    valid: code`
      import { Pool } from 'pg';
      import type { App } from 'h3';
      export async function listUsers(app: App) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'AWS Lambda APIGatewayProxyEvent parameter versus an untyped event',
    invalid: code`
      import { Pool } from 'pg';
      import type { APIGatewayProxyEvent } from 'aws-lambda';
      export async function main(event: APIGatewayProxyEvent) {
        const pool = new Pool();
        return { statusCode: 200, body: '' };
      }
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      import { Pool } from 'pg';
      import type { APIGatewayProxyEvent } from 'aws-lambda';
      export async function main(event: unknown) {
        const pool = new Pool();
        return { statusCode: 200, body: '' };
      }
    `,
  },
  {
    name: 'AWS Lambda SQSHandler annotation on a non-handler export name',
    invalid: code`
      import { Pool } from 'pg';
      import type { SQSHandler } from 'aws-lambda';
      export const consume: SQSHandler = async (event, context) => {
        const pool = new Pool();
      };
    `,
    occasion: SERVERLESS_INVOCATION,
    valid: code`
      import { Pool } from 'pg';
      import type { SQSHandler } from 'aws-lambda';
      const pool = new Pool();
      export const consume: SQSHandler = async (event, context) => {
      };
    `,
  },
  {
    name: 'amqplib ConsumeMessage parameter versus Channel',
    invalid: code`
      import { Pool } from 'pg';
      import type { ConsumeMessage } from 'amqplib';
      export async function onOrder(msg: ConsumeMessage | null) {
        const pool = new Pool();
      }
    `,
    occasion: message('this AMQP consumer'),
    valid: code`
      import { Pool } from 'pg';
      import type { Channel } from 'amqplib';
      export async function onOrder(channel: Channel) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'kafkajs EachMessagePayload parameter versus Consumer',
    invalid: code`
      import { Pool } from 'pg';
      import type { EachMessagePayload } from 'kafkajs';
      export async function onMessage({ message }: EachMessagePayload) {
        const pool = new Pool();
      }
    `,
    occasion: message('this Kafka consumer'),
    valid: code`
      import { Pool } from 'pg';
      import type { Consumer } from 'kafkajs';
      export async function onMessage(consumer: Consumer) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'BullMQ Job parameter versus Queue',
    invalid: code`
      import { Pool } from 'pg';
      import type { Job } from 'bullmq';
      export async function sendEmail(job: Job) {
        const pool = new Pool();
      }
    `,
    occasion: { every: 'job of this BullMQ worker', unit: 'job' },
    valid: code`
      import { Pool } from 'pg';
      import type { Queue } from 'bullmq';
      export async function sendEmail(queue: Queue) {
        const pool = new Pool();
      }
    `,
  },
  {
    name: 'GraphQL resolver typed by GraphQLResolveInfo (4th parameter) versus GraphQLSchema',
    invalid: code`
      import { Pool } from 'pg';
      import type { GraphQLResolveInfo } from 'graphql';
      export async function user(parent: unknown, args: { id: string }, ctx: unknown, info: GraphQLResolveInfo) {
        const pool = new Pool();
      }
    `,
    occasion: request('this GraphQL resolver'),
    valid: code`
      import { Pool } from 'pg';
      import type { GraphQLSchema } from 'graphql';
      export async function user(parent: unknown, args: { id: string }, ctx: unknown, schema: GraphQLSchema) {
        const pool = new Pool();
      }
    `,
  },
];

/** With types, a receiver from a router package is a router whatever its name; other receivers are not. */
const BY_RECEIVER_TYPE: Pair[] = [
  {
    name: 'express app under an unconventional name: api.use(fn) is middleware',
    invalid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const web = express();
      web.use((req, res, next) => {
        const pool = new Pool();
        next();
      });
    `,
    occasion: through('this Express middleware'),
    valid: code`
      import { Pool } from 'pg';
      import express from 'express';
      const web = new Map<string, () => void>();
      web.set('/', () => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: "a Map's get('/path', fn) is not a route; an express Router's is",
    invalid: code`
      import { Pool } from 'pg';
      import { Router } from 'express';
      const routes = Router();
      routes.get('/users', (req, res) => {
        const pool = new Pool();
      });
    `,
    occasion: EXPRESS_ROUTE,
    valid: code`
      import { Pool } from 'pg';
      import { Router } from 'express';
      declare const routes: { get(path: string, fallback: () => unknown): unknown };
      routes.get('/users', () => {
        const pool = new Pool();
      });
    `,
  },
];

for (const [kind, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  const groups: [string, Pair[], Valid[]][] = [
    ['node:http', NODE_HTTP, []],
    ['Express', EXPRESS, []],
    ['Koa', KOA, []],
    ['Fastify', FASTIFY, []],
    ['hapi', HAPI, []],
    ['NestJS', NESTJS, []],
    ['file-system routes and server actions', FILE_SYSTEM_ROUTES, []],
    ['h3 and Hono', H3_AND_HONO, []],
    ['serverless', SERVERLESS, []],
    ['RPC and GraphQL', RPC_AND_GRAPHQL, []],
    ['message consumers', CONSUMERS, []],
    ['sockets', SOCKETS, []],
    ['timers and cron', TIMERS, []],
    ['memoisation', MEMOISATION, []],
    ['one-shot callbacks and exemptions', [], ONE_SHOT],
  ];
  for (const [group, pairs, valids] of groups) {
    tester.run(`no-client-in-handler contexts, ${kind}: ${group}`, rule, {
      valid: validCases(pairs, valids),
      invalid: pairs.map(invalidCase),
    });
  }
}

/** An HTTP client's response is an `IncomingMessage` too, but it arrives once per outgoing request. */
const CLIENT_RESPONSES: Valid[] = [
  {
    name: 'https.get(url, (res) => …): a client response callback is not a server request',
    code: code`
      import { Pool } from 'pg';
      import https from 'node:https';
      https.get('https://config.example/db', (res) => {
        const pool = new Pool();
      });
    `,
  },
  {
    name: "req.on('response', (res) => …) on a client request",
    code: code`
      import { Pool } from 'pg';
      import http from 'node:http';
      const req = http.request('http://config.example/db');
      req.on('response', (res) => {
        const pool = new Pool();
      });
      req.end();
    `,
  },
];

typedRuleTester().run('no-client-in-handler contexts, typed only: parameter types', rule, {
  valid: validCases(BY_PARAMETER_TYPE, CLIENT_RESPONSES),
  invalid: BY_PARAMETER_TYPE.map(invalidCase),
});

typedRuleTester().run('no-client-in-handler contexts, typed only: receiver types', rule, {
  valid: validCases(BY_RECEIVER_TYPE, []),
  invalid: BY_RECEIVER_TYPE.map(invalidCase),
});

// Without type information nothing marks these functions as per-request code: accepted.
untypedRuleTester().run('no-client-in-handler contexts, untyped: parameter types are not seen', rule, {
  valid: BY_PARAMETER_TYPE.map((pair) => ({ name: `${pair.name} (no types: accepted)`, code: pair.invalid })),
  invalid: [],
});
