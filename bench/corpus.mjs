/**
 * A synthetic service codebase for `npm run bench`, built deterministically from a seed: module-level
 * clients (pg, redis, ioredis, mongodb, http agents), helpers, plain models, loops and batch jobs,
 * and handlers of several frameworks (Express, Koa, Fastify, amqplib consumers, kafkajs consumers,
 * AWS Lambda). About one handler file in seven builds a client per request, message or iteration
 * (what the plugin reports); the rest use the shared clients, so the rules see the common case.
 *
 * The corpus must live inside this repository (bench/out/corpus-<N>/) so that its imports resolve
 * to the real library types in ./node_modules.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
function rngOf(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['order', 'user', 'invoice', 'product', 'session', 'tenant', 'payment', 'shipment', 'report', 'account', 'ticket', 'coupon', 'review', 'cart', 'refund', 'device', 'event', 'metric', 'profile', 'plan'];
const VERBS = ['load', 'sync', 'audit', 'export', 'import', 'score', 'notify', 'archive', 'rebuild', 'price'];

/** File kinds and their weights (out of 100). */
const KINDS = [
  ['db', 5],
  ['lib', 20],
  ['model', 8],
  ['express', 15],
  ['koa', 9],
  ['fastify', 9],
  ['amqp', 8],
  ['kafka', 8],
  ['lambda', 8],
  ['job', 6],
  ['agent', 4],
];

const DIRS = { db: 'db', lib: 'lib', model: 'models', express: 'routes', koa: 'routes', fastify: 'routes', amqp: 'consumers', kafka: 'consumers', lambda: 'lambda', job: 'jobs', agent: 'http' };
const DB_FLAVOURS = ['pg', 'ioredis', 'redis', 'mongodb', 'pg', 'ioredis'];

export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

/**
 * Plans and writes the corpus. Returns { dir, files (relative paths), kinds (count per kind),
 * violations (files that build a client per request, message or iteration, or an agent without
 * keep-alive), lines }.
 */
export function generateCorpus({ n, seed = 1, dir }) {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`n must be a positive integer, got ${n}`);
  const rng = rngOf(seed * 7919 + n);
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const chance = (p) => rng() < p;

  // The first files are fixed so that even a tiny corpus has a shared client, a helper and a
  // handler with a finding; the rest are drawn by weight.
  const fixed = ['db', 'lib', 'express', 'model', 'kafka', 'db', 'koa', 'job', 'lambda', 'amqp', 'fastify', 'agent'];
  const total = KINDS.reduce((sum, [, weight]) => sum + weight, 0);
  const plan = [];
  for (let i = 0; i < n; i++) {
    let kind = fixed[i];
    if (kind === undefined) {
      let r = rng() * total;
      for (const [candidate, weight] of KINDS) if ((r -= weight) < 0) { kind = candidate; break; }
    }
    const noun = pick(NOUNS);
    plan.push({ kind, noun, id: i, file: `src/${DIRS[kind]}/${noun}-${kind}-${i}.ts` });
  }
  const dbs = plan.filter((p) => p.kind === 'db');
  dbs.forEach((p, k) => (p.flavour = DB_FLAVOURS[k % DB_FLAVOURS.length]));
  const libs = plan.filter((p) => p.kind === 'lib');
  const models = plan.filter((p) => p.kind === 'model');

  /** A relative import specifier (with .js, as NodeNext wants) from one planned file to another. */
  const rel = (from, to) => {
    let spec = path.posix.relative(path.posix.dirname(from.file), to.file).replace(/\.ts$/, '.js');
    if (!spec.startsWith('.')) spec = `./${spec}`;
    return spec;
  };
  // Files may import only earlier files, so the import graph is acyclic and exists at every N.
  const earlier = (list, p) => list.filter((q) => q.id < p.id);

  const ctx = { pick, int, chance, rel, earlier, dbs, libs, models };
  rmSync(dir, { recursive: true, force: true });
  const kinds = {};
  let violations = 0;
  let lines = 0;
  for (const p of plan) {
    const { text, violation } = GENERATORS[p.kind](p, ctx);
    kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
    if (violation) violations++;
    lines += text.split('\n').length;
    mkdirSync(path.join(dir, path.dirname(p.file)), { recursive: true });
    writeFileSync(path.join(dir, p.file), text);
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `bench-corpus-${n}`, private: true, type: 'module' }, null, 2)}\n`);
  return { dir, files: plan.map((p) => p.file), kinds, violations, lines };
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** Imports of one shared client module (if any is earlier) and one helper module; the names used. */
function sharedImports(p, ctx) {
  const out = { lines: [], db: undefined, lib: undefined, model: undefined };
  const dbs = ctx.earlier(ctx.dbs, p);
  if (dbs.length > 0) {
    const db = ctx.pick(dbs);
    out.db = db;
    out.lines.push(`import { ${dbExports(db).join(', ')} } from '${ctx.rel(p, db)}';`);
  }
  const libs = ctx.earlier(ctx.libs, p);
  if (libs.length > 0) {
    const lib = ctx.pick(libs);
    out.lib = lib;
    out.lines.push(`import { normalise${lib.id}, summarise${lib.id}, chunk${lib.id} } from '${ctx.rel(p, lib)}';`);
  }
  const models = ctx.earlier(ctx.models, p);
  if (models.length > 0) {
    const model = ctx.pick(models);
    out.model = model;
    out.lines.push(`import { type ${cap(model.noun)}${model.id}, validate${model.id} } from '${ctx.rel(p, model)}';`);
  }
  return out;
}

function dbExports(db) {
  return [`read${db.id}`, `write${db.id}`];
}

/** A statement (awaited) that reads through the shared client, or a local stand-in. */
function sharedRead(shared, key) {
  if (shared.db) return `await read${shared.db.id}(${key})`;
  return `await Promise.resolve(${key})`;
}
function sharedWrite(shared, key, value) {
  if (shared.db) return `await write${shared.db.id}(${key}, ${value})`;
  return `await Promise.resolve([${key}, ${value}])`;
}
function normalise(shared, expr) {
  return shared.lib ? `normalise${shared.lib.id}(${expr})` : `String(${expr}).trim().toLowerCase()`;
}
function summarise(shared, expr) {
  return shared.lib ? `summarise${shared.lib.id}(${expr})` : `{ count: ${expr}.length }`;
}
function validate(shared, expr) {
  return shared.model ? `validate${shared.model.id}(${expr})` : `typeof ${expr} === 'object' && ${expr} !== null`;
}

const GENERATORS = {
  db(p, ctx) {
    const id = p.id;
    const url = `process.env.${p.noun.toUpperCase()}_${p.flavour.toUpperCase()}_URL`;
    const body = {
      pg: () => [
        `import pg from 'pg';`,
        ``,
        `/** The ${p.noun} database: one pool for the whole process. */`,
        `export const pool${id} = new pg.Pool({ connectionString: ${url}, max: ${ctx.int(5, 20)}, idleTimeoutMillis: 30_000 });`,
        ``,
        `export async function read${id}(key: string): Promise<unknown> {`,
        `  const result = await pool${id}.query('SELECT body FROM ${p.noun}s WHERE id = $1', [key]);`,
        `  return result.rows[0]?.body;`,
        `}`,
        ``,
        `export async function write${id}(key: string, value: unknown): Promise<void> {`,
        `  await pool${id}.query('INSERT INTO ${p.noun}s(id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = $2', [key, JSON.stringify(value)]);`,
        `}`,
        ``,
        `export async function close${id}(): Promise<void> {`,
        `  await pool${id}.end();`,
        `}`,
      ],
      ioredis: () => [
        `import { Redis } from 'ioredis';`,
        ``,
        `/** The ${p.noun} cache: one connection for the whole process. */`,
        `export const redis${id} = new Redis(${url} ?? 'redis://localhost:6379', { maxRetriesPerRequest: 3 });`,
        ``,
        `export async function read${id}(key: string): Promise<unknown> {`,
        `  const raw = await redis${id}.get(\`${p.noun}:\${key}\`);`,
        `  return raw === null ? undefined : (JSON.parse(raw) as unknown);`,
        `}`,
        ``,
        `export async function write${id}(key: string, value: unknown): Promise<void> {`,
        `  await redis${id}.set(\`${p.noun}:\${key}\`, JSON.stringify(value), 'EX', ${ctx.int(60, 3600)});`,
        `}`,
      ],
      redis: () => [
        `import { createClient } from 'redis';`,
        ``,
        `/** The ${p.noun} store: one client, connected once, on first use. */`,
        `const client${id} = createClient({ url: ${url} });`,
        `let ready${id}: Promise<unknown> | undefined;`,
        ``,
        `export async function read${id}(key: string): Promise<unknown> {`,
        `  await (ready${id} ??= client${id}.connect());`,
        `  const raw = await client${id}.get(\`${p.noun}:\${key}\`);`,
        `  return raw === null ? undefined : (JSON.parse(String(raw)) as unknown);`,
        `}`,
        ``,
        `export async function write${id}(key: string, value: unknown): Promise<void> {`,
        `  await (ready${id} ??= client${id}.connect());`,
        `  await client${id}.set(\`${p.noun}:\${key}\`, JSON.stringify(value));`,
        `}`,
      ],
      mongodb: () => [
        `import { MongoClient } from 'mongodb';`,
        ``,
        `/** The ${p.noun} documents: one MongoClient (it keeps its own pool). */`,
        `export const mongo${id} = new MongoClient(${url} ?? 'mongodb://localhost:27017', { maxPoolSize: ${ctx.int(5, 50)} });`,
        `const collection${id} = mongo${id}.db('${p.noun}s').collection<{ _id: string; body: unknown }>('${p.noun}s');`,
        ``,
        `export async function read${id}(key: string): Promise<unknown> {`,
        `  const found = await collection${id}.findOne({ _id: key });`,
        `  return found?.body;`,
        `}`,
        ``,
        `export async function write${id}(key: string, value: unknown): Promise<void> {`,
        `  await collection${id}.updateOne({ _id: key }, { $set: { body: value } }, { upsert: true });`,
        `}`,
      ],
    }[p.flavour]();
    return { text: `${body.join('\n')}\n`, violation: false };
  },

  lib(p, ctx) {
    const id = p.id;
    const n = p.noun;
    const extra = [];
    const count = ctx.int(1, 4);
    for (let k = 0; k < count; k++) {
      const verb = ctx.pick(VERBS);
      extra.push(
        ctx.pick([
          () => [
            `export function ${verb}${cap(n)}${k}(items: readonly string[]): Map<string, number> {`,
            `  const counts = new Map<string, number>();`,
            `  for (const item of items) {`,
            `    const key = normalise${id}(item);`,
            `    counts.set(key, (counts.get(key) ?? 0) + 1);`,
            `  }`,
            `  return counts;`,
            `}`,
          ],
          () => [
            `export function ${verb}${cap(n)}${k}(values: number[], factor = ${ctx.int(2, 9)}): number[] {`,
            `  const out: number[] = [];`,
            `  for (let i = 0; i < values.length; i++) {`,
            `    const value = values[i] ?? 0;`,
            `    if (value < 0) continue;`,
            `    out.push(Math.round(value * factor * 100) / 100);`,
            `  }`,
            `  return out.sort((a, b) => a - b);`,
            `}`,
          ],
          () => [
            `export class ${cap(verb)}${cap(n)}Queue${k} {`,
            `  private readonly items: string[] = [];`,
            `  private readonly seen = new Set<string>();`,
            ``,
            `  push(item: string): boolean {`,
            `    if (this.seen.has(item)) return false;`,
            `    this.seen.add(item);`,
            `    this.items.push(item);`,
            `    return true;`,
            `  }`,
            ``,
            `  drain(limit = ${ctx.int(10, 100)}): string[] {`,
            `    return this.items.splice(0, limit).map((item) => new URL(item, 'https://${n}.example.com').pathname);`,
            `  }`,
            `}`,
          ],
          () => [
            `export async function ${verb}${cap(n)}${k}<T>(tasks: Array<() => Promise<T>>, retries = ${ctx.int(1, 5)}): Promise<T[]> {`,
            `  const results: T[] = [];`,
            `  for (const task of tasks) {`,
            `    let attempt = 0;`,
            `    while (true) {`,
            `      try {`,
            `        results.push(await task());`,
            `        break;`,
            `      } catch (error) {`,
            `        if (++attempt > retries) throw new Error(\`${verb} failed after \${attempt} attempts\`, { cause: error });`,
            `        await new Promise((resolve) => setTimeout(resolve, attempt * ${ctx.int(10, 200)}));`,
            `      }`,
            `    }`,
            `  }`,
            `  return results;`,
            `}`,
          ],
        ])(),
      );
    }
    const text = [
      `/** Helpers for ${n}s. */`,
      `export function normalise${id}(value: unknown): string {`,
      `  return String(value).trim().toLowerCase().replace(/\\s+/g, '-');`,
      `}`,
      ``,
      `export function summarise${id}(rows: readonly unknown[]): { count: number; first: unknown; digest: string } {`,
      `  const digest = rows.map((row) => JSON.stringify(row)).join('|');`,
      `  return { count: rows.length, first: rows[0], digest: digest.slice(0, ${ctx.int(16, 64)}) };`,
      `}`,
      ``,
      `export function chunk${id}<T>(items: readonly T[], size = ${ctx.int(10, 500)}): T[][] {`,
      `  const chunks: T[][] = [];`,
      `  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));`,
      `  return chunks;`,
      `}`,
      ``,
      ...extra.flatMap((block) => [...block, '']),
    ];
    return { text: `${text.join('\n')}`, violation: false };
  },

  model(p, ctx) {
    const id = p.id;
    const T = `${cap(p.noun)}${id}`;
    const fields = ['id: string', 'createdAt: Date', `status: ${T}Status`, 'tags: string[]', 'amount: number', 'owner?: string'].slice(0, ctx.int(3, 6));
    const text = [
      `export enum ${T}Status {`,
      `  Draft = 'draft',`,
      `  Active = 'active',`,
      `  Closed = 'closed',`,
      `}`,
      ``,
      `export interface ${T} {`,
      ...fields.map((f) => `  ${f};`),
      `}`,
      ``,
      `export type ${T}Patch = Partial<Omit<${T}, 'id'>>;`,
      ``,
      `export function validate${id}(value: unknown): value is ${T} {`,
      `  if (typeof value !== 'object' || value === null) return false;`,
      `  const record = value as Record<string, unknown>;`,
      `  return typeof record['id'] === 'string' && record['id'].length > 0;`,
      `}`,
      ``,
      `export function describe${id}(value: ${T}): string {`,
      `  switch (value.status) {`,
      `    case ${T}Status.Draft:`,
      `      return \`draft ${p.noun} \${value.id}\`;`,
      `    case ${T}Status.Active:`,
      `      return \`active ${p.noun} \${value.id} since \${value.createdAt.toISOString()}\`;`,
      `    default:`,
      `      return \`closed ${p.noun} \${value.id}\`;`,
      `  }`,
      `}`,
      ``,
    ];
    return { text: text.join('\n'), violation: false };
  },

  express(p, ctx) {
    const shared = sharedImports(p, ctx);
    const routes = ctx.int(3, 7);
    const violating = p.id === 2 || ctx.chance(0.15);
    const bad = violating ? ctx.int(0, routes - 1) : -1;
    const n = p.noun;
    const head = [`import express, { type NextFunction, type Request, type Response } from 'express';`];
    if (violating) head.push(`import pg from 'pg';`);
    const body = [`export const router${p.id} = express.Router();`, ``];
    for (let r = 0; r < routes; r++) {
      if (r === bad) {
        body.push(
          `router${p.id}.get('/${n}s/:id/history', async (req, res) => {`,
          `  const history = new pg.Pool({ connectionString: process.env.HISTORY_URL, max: 2 });`,
          `  const { rows } = await history.query('SELECT * FROM ${n}_history WHERE id = $1', [req.params.id]);`,
          `  await history.end();`,
          `  res.json(${summarise(shared, 'rows')});`,
          `});`,
          ``,
        );
        continue;
      }
      body.push(
        ...ctx.pick([
          () => [
            `router${p.id}.get('/${n}s/:id/r${r}', async (req, res) => {`,
            `  const key = ${normalise(shared, 'req.params.id')};`,
            `  const found = ${sharedRead(shared, 'key')};`,
            `  if (found === undefined) {`,
            `    res.status(404).json({ error: \`no ${n} \${key}\` });`,
            `    return;`,
            `  }`,
            `  res.json({ ${n}: found, at: new Date().toISOString() });`,
            `});`,
          ],
          () => [
            `router${p.id}.post('/${n}s/r${r}', async (req: Request, res: Response, next: NextFunction) => {`,
            `  try {`,
            `    const body: unknown = req.body;`,
            `    if (!(${validate(shared, 'body')})) {`,
            `      res.status(400).json({ error: 'invalid ${n}' });`,
            `      return;`,
            `    }`,
            `    const id = ${normalise(shared, 'Date.now()')};`,
            `    ${sharedWrite(shared, 'id', 'body')};`,
            `    res.status(201).json({ id });`,
            `  } catch (error) {`,
            `    next(error);`,
            `  }`,
            `});`,
          ],
          () => [
            `router${p.id}.get('/${n}s/r${r}', async (req, res) => {`,
            `  const ids = String(req.query.ids ?? '').split(',').filter((id) => id.length > 0);`,
            `  const rows = await Promise.all(ids.map(async (id) => ${sharedRead(shared, 'id')}));`,
            `  const headers = new Headers({ 'x-${n}-count': String(rows.length) });`,
            `  headers.forEach((value, name) => res.setHeader(name, value));`,
            `  res.json(${summarise(shared, 'rows')});`,
            `});`,
          ],
          () => [
            `router${p.id}.delete('/${n}s/:id/r${r}', (req, res) => {`,
            `  const started = process.hrtime.bigint();`,
            `  void Promise.resolve(req.params.id).then((id) => console.log('deleted ${n}', id, process.hrtime.bigint() - started));`,
            `  res.sendStatus(204);`,
            `});`,
          ],
        ])(),
        ``,
      );
    }
    body.push(
      `export function mount${p.id}(app: express.Express): void {`,
      `  app.use('/api/${n}s-${p.id}', router${p.id});`,
      `}`,
      ``,
    );
    return { text: [...head, ...shared.lines, '', ...body].join('\n'), violation: violating };
  },

  koa(p, ctx) {
    const shared = sharedImports(p, ctx);
    const routes = ctx.int(3, 6);
    const violating = p.id === 6 || ctx.chance(0.15);
    const bad = violating ? ctx.int(0, routes - 1) : -1;
    const n = p.noun;
    const head = [`import Router from '@koa/router';`, `import type Koa from 'koa';`];
    if (violating) head.push(`import { Redis } from 'ioredis';`);
    const body = [`export const router${p.id} = new Router({ prefix: '/${n}s-${p.id}' });`, ``];
    for (let r = 0; r < routes; r++) {
      if (r === bad) {
        body.push(
          `router${p.id}.post('/:id/views', async (ctx) => {`,
          `  const counter = new Redis(process.env.COUNTER_URL ?? 'redis://localhost:6379');`,
          `  ctx.body = { views: await counter.incr(\`views:${n}:\${String(ctx.params.id)}\`) };`,
          `  counter.disconnect();`,
          `});`,
          ``,
        );
        continue;
      }
      body.push(
        ...ctx.pick([
          () => [
            `router${p.id}.get('/:id/r${r}', async (ctx) => {`,
            `  const key = ${normalise(shared, 'ctx.params.id')};`,
            `  const found = ${sharedRead(shared, 'key')};`,
            `  if (found === undefined) ctx.throw(404, \`no ${n} \${key}\`);`,
            `  ctx.body = found;`,
            `});`,
          ],
          () => [
            `router${p.id}.put('/:id/r${r}', async (ctx) => {`,
            `  const body = (ctx.request as { body?: unknown }).body;`,
            `  if (!(${validate(shared, 'body')})) ctx.throw(400, 'invalid ${n}');`,
            `  ${sharedWrite(shared, 'String(ctx.params.id)', 'body')};`,
            `  ctx.status = 204;`,
            `});`,
          ],
          () => [
            `router${p.id}.get('/r${r}', async (ctx) => {`,
            `  const page = Number(ctx.query.page ?? 1);`,
            `  const ids = Array.from({ length: ${ctx.int(5, 30)} }, (_, i) => String(page * 100 + i));`,
            `  const rows: unknown[] = [];`,
            `  for (const id of ids) rows.push(${sharedRead(shared, 'id')});`,
            `  ctx.body = ${summarise(shared, 'rows')};`,
            `});`,
          ],
        ])(),
        ``,
      );
    }
    body.push(
      `export function timing${p.id}(): Koa.Middleware {`,
      `  return async (ctx, next) => {`,
      `    const started = Date.now();`,
      `    await next();`,
      `    ctx.set('x-response-time', \`\${Date.now() - started}ms\`);`,
      `  };`,
      `}`,
      ``,
    );
    return { text: [...head, ...shared.lines, '', ...body].join('\n'), violation: violating };
  },

  fastify(p, ctx) {
    const shared = sharedImports(p, ctx);
    const routes = ctx.int(3, 6);
    const violating = p.id === 10 || ctx.chance(0.15);
    const bad = violating ? ctx.int(0, routes - 1) : -1;
    const n = p.noun;
    const head = [`import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';`];
    if (violating) head.push(`import { MongoClient } from 'mongodb';`);
    const body = [`export async function ${n}Routes${p.id}(app: FastifyInstance): Promise<void> {`];
    for (let r = 0; r < routes; r++) {
      if (r === bad) {
        body.push(
          `  app.get('/${n}s/:id/audit', async (req) => {`,
          `    const { id } = req.params as { id: string };`,
          `    const audit = new MongoClient(process.env.AUDIT_URL ?? 'mongodb://localhost:27017');`,
          `    await audit.connect();`,
          `    try {`,
          `      return await audit.db('audit').collection('${n}s').find({ id }).limit(20).toArray();`,
          `    } finally {`,
          `      await audit.close();`,
          `    }`,
          `  });`,
          ``,
        );
        continue;
      }
      body.push(
        ...ctx.pick([
          () => [
            `  app.get('/${n}s/:id/r${r}', async (req: FastifyRequest, reply: FastifyReply) => {`,
            `    const { id } = req.params as { id: string };`,
            `    const found = ${sharedRead(shared, normalise(shared, 'id'))};`,
            `    if (found === undefined) return reply.code(404).send({ error: 'not found' });`,
            `    return { ${n}: found };`,
            `  });`,
          ],
          () => [
            `  app.post('/${n}s/r${r}', async (req, reply) => {`,
            `    const body: unknown = req.body;`,
            `    if (!(${validate(shared, 'body')})) return reply.code(400).send({ error: 'invalid' });`,
            `    const id = crypto.randomUUID();`,
            `    ${sharedWrite(shared, 'id', 'body')};`,
            `    return reply.code(201).send({ id });`,
            `  });`,
          ],
          () => [
            `  app.addHook('onRequest', async (req) => {`,
            `    req.log.debug({ url: req.url, r: ${r} }, '${n} request');`,
            `  });`,
          ],
        ])(),
        ``,
      );
    }
    body.push(`}`, ``);
    return { text: [...head, ...shared.lines, '', ...body].join('\n'), violation: violating };
  },

  amqp(p, ctx) {
    const shared = sharedImports(p, ctx);
    const violating = p.id === 9 || ctx.chance(0.15);
    const n = p.noun;
    const text = [
      `import amqp, { type Channel, type ConsumeMessage } from 'amqplib';`,
      ...shared.lines,
      ``,
      `async function handle${p.id}(channel: Channel, message: ConsumeMessage): Promise<void> {`,
      `  const payload: unknown = JSON.parse(message.content.toString());`,
      `  if (!(${validate(shared, 'payload')})) {`,
      `    channel.nack(message, false, false);`,
      `    return;`,
      `  }`,
      `  const key = ${normalise(shared, 'message.properties.messageId ?? message.fields.deliveryTag')};`,
      `  ${sharedWrite(shared, 'key', 'payload')};`,
      ...(violating
        ? [
            `  const replies = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');`,
            `  const replyChannel = await replies.createChannel();`,
            `  replyChannel.sendToQueue('${n}s.done', Buffer.from(key));`,
            `  await replies.close();`,
          ]
        : [`  channel.sendToQueue('${n}s.done', Buffer.from(key));`]),
      `  channel.ack(message);`,
      `}`,
      ``,
      `export async function start${p.id}(): Promise<Channel> {`,
      `  const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');`,
      `  const channel = await connection.createChannel();`,
      `  await channel.assertQueue('${n}s.${p.id}', { durable: true });`,
      `  await channel.prefetch(${ctx.int(1, 50)});`,
      `  await channel.consume('${n}s.${p.id}', (message) => {`,
      `    if (message === null) return;`,
      `    handle${p.id}(channel, message).catch((error: unknown) => {`,
      `      console.error('${n} consumer failed', error);`,
      `      channel.nack(message, false, true);`,
      `    });`,
      `  });`,
      `  return channel;`,
      `}`,
      ``,
    ];
    return { text: text.join('\n'), violation: violating };
  },

  kafka(p, ctx) {
    const shared = sharedImports(p, ctx);
    const violating = p.id === 4 || ctx.chance(0.15);
    const n = p.noun;
    const text = [
      `import { Kafka, type EachMessagePayload } from 'kafkajs';`,
      ...shared.lines,
      ``,
      `const kafka${p.id} = new Kafka({ clientId: '${n}-${p.id}', brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',') });`,
      `const producer${p.id} = kafka${p.id}.producer();`,
      `let producerReady${p.id}: Promise<void> | undefined;`,
      ``,
      `export async function start${p.id}(): Promise<void> {`,
      `  const consumer = kafka${p.id}.consumer({ groupId: '${n}-group-${p.id}' });`,
      `  await consumer.connect();`,
      `  await consumer.subscribe({ topic: '${n}s', fromBeginning: false });`,
      `  await consumer.run({`,
      `    eachMessage: async ({ topic, partition, message }: EachMessagePayload) => {`,
      `      const value = message.value?.toString() ?? '';`,
      `      const key = ${normalise(shared, "message.key?.toString() ?? `${topic}-${partition}-${message.offset}`")};`,
      `      ${sharedWrite(shared, 'key', 'value')};`,
      ...(violating
        ? [
            `      const audit = kafka${p.id}.producer();`,
            `      await audit.connect();`,
            `      await audit.send({ topic: '${n}s.audit', messages: [{ key, value }] });`,
            `      await audit.disconnect();`,
          ]
        : [
            `      await (producerReady${p.id} ??= producer${p.id}.connect());`,
            `      await producer${p.id}.send({ topic: '${n}s.audit', messages: [{ key, value }] });`,
          ]),
      `    },`,
      `  });`,
      `}`,
      ``,
    ];
    return { text: text.join('\n'), violation: violating };
  },

  lambda(p, ctx) {
    const shared = sharedImports(p, ctx);
    const violating = p.id === 8 || ctx.chance(0.15);
    const n = p.noun;
    const sqs = ctx.chance(0.5);
    const head = [
      sqs ? `import type { Context, SQSEvent, SQSBatchResponse } from 'aws-lambda';` : `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';`,
    ];
    if (violating) head.push(`import pg from 'pg';`);
    const bad = violating
      ? [`  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });`, `  await db.query('SELECT 1');`, `  await db.end();`]
      : [];
    const body = sqs
      ? [
          `export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {`,
          ...bad,
          `  const failures: SQSBatchResponse['batchItemFailures'] = [];`,
          `  for (const record of event.Records) {`,
          `    try {`,
          `      const payload: unknown = JSON.parse(record.body);`,
          `      ${sharedWrite(shared, normalise(shared, 'record.messageId'), 'payload')};`,
          `    } catch {`,
          `      failures.push({ itemIdentifier: record.messageId });`,
          `    }`,
          `  }`,
          `  console.log('${n} batch', context.awsRequestId, failures.length);`,
          `  return { batchItemFailures: failures };`,
          `};`,
        ]
      : [
          `export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {`,
          ...bad,
          `  const id = event.pathParameters?.['id'];`,
          `  if (id === undefined) return { statusCode: 400, body: JSON.stringify({ error: 'missing id' }) };`,
          `  const found = ${sharedRead(shared, normalise(shared, 'id'))};`,
          `  return found === undefined`,
          `    ? { statusCode: 404, body: JSON.stringify({ error: 'no ${n}' }) }`,
          `    : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(found) };`,
          `};`,
        ];
    return { text: [...head, ...shared.lines, '', ...body, ''].join('\n'), violation: violating };
  },

  job(p, ctx) {
    const shared = sharedImports(p, ctx);
    const violating = p.id === 7 || ctx.chance(0.2);
    const n = p.noun;
    const text = [
      `import pg from 'pg';`,
      ...shared.lines,
      ``,
      `const reporting${p.id} = new pg.Pool({ connectionString: process.env.REPORTING_URL, max: 4 });`,
      ``,
      `/** Nightly ${n} job: every tenant's ${n}s, in chunks. */`,
      `export async function run${p.id}(tenants: readonly string[]): Promise<number> {`,
      `  let total = 0;`,
      `  for (const tenant of tenants) {`,
      ...(violating
        ? [
            `    const tenantPool = new pg.Pool({ connectionString: process.env.TENANT_URL, max: 2 });`,
            `    const { rows } = await tenantPool.query('SELECT id FROM ${n}s WHERE tenant = $1', [tenant]);`,
            `    await tenantPool.end();`,
          ]
        : [`    const { rows } = await reporting${p.id}.query('SELECT id FROM ${n}s WHERE tenant = $1', [tenant]);`]),
      `    const ids = rows.map((row: { id: string }) => row.id);`,
      ...(shared.lib
        ? [`    for (const batch of chunk${shared.lib.id}(ids, ${ctx.int(10, 200)})) {`]
        : [`    for (const batch of [ids]) {`]),
      `      const summary = ${summarise(shared, 'batch')};`,
      `      ${sharedWrite(shared, '`' + n + ':${tenant}:${summary.count}`', 'summary')};`,
      `      total += batch.length;`,
      `    }`,
      `  }`,
      `  return total;`,
      `}`,
      ``,
      `export function schedule${p.id}(tenants: readonly string[]): NodeJS.Timeout {`,
      `  return setInterval(() => {`,
      `    run${p.id}(tenants).catch((error: unknown) => console.error('${n} job failed', error));`,
      `  }, ${ctx.int(1, 24)} * 3_600_000);`,
      `}`,
      ``,
    ];
    return { text: text.join('\n'), violation: violating };
  },

  agent(p, ctx) {
    const violating = p.id === 11 || ctx.chance(0.3);
    const n = p.noun;
    const text = [
      `import https from 'node:https';`,
      ``,
      violating
        ? `const agent${p.id} = new https.Agent({ maxSockets: ${ctx.int(8, 64)} });`
        : `const agent${p.id} = new https.Agent({ keepAlive: true, maxSockets: ${ctx.int(8, 64)} });`,
      ``,
      `/** GET a JSON document from the ${n} service. */`,
      `export function fetch${cap(n)}${p.id}(pathname: string): Promise<unknown> {`,
      `  return new Promise((resolve, reject) => {`,
      `    const request = https.get({ host: '${n}.internal', path: pathname, agent: agent${p.id} }, (response) => {`,
      `      const chunks: Buffer[] = [];`,
      `      response.on('data', (chunk: Buffer) => chunks.push(chunk));`,
      `      response.on('end', () => {`,
      `        try {`,
      `          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));`,
      `        } catch (error) {`,
      `          reject(error);`,
      `        }`,
      `      });`,
      `    });`,
      `    request.on('error', reject);`,
      `  });`,
      `}`,
      ``,
    ];
    return { text: text.join('\n'), violation: violating };
  },
};
