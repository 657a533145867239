/**
 * Issue 5: helpers, factories and wrapper classes that build clients, followed from handlers and
 * loops — across files with type information (test/fixtures/typed/helpers/), within the file
 * without. Every shape that is reported has a twin that caches correctly and is not.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import path from 'node:path';
import ts from 'typescript';
import { assert, describe, expect, it } from 'vitest';
import { programFileSource } from '../../src/analysis/program-file-source.js';
import plugin from '../../src/index.js';
import handlerRule from '../../src/rules/no-client-in-handler.js';
import loopRule from '../../src/rules/no-client-in-loop.js';
import { rangeOf } from '../position.js';
import { typedFixtures, typedRuleTester, untypedRuleTester } from '../rule-tester.js';
import { withoutFixes } from '../without-fixes.js';

const handler = withoutFixes(handlerRule);
const loop = withoutFixes(loopRule);

const DB = 'helpers/db.ts';
const REPOSITORY = 'helpers/repository.ts';
const BROKER = 'helpers/broker.ts';

const POOL = { package: 'pg', opens: 'a pool of PostgreSQL connections' };
const CLIENT = { package: 'pg', opens: 'a new PostgreSQL connection' };
const AMQP = { package: 'amqplib', opens: 'a new AMQP connection' };
const EXPRESS = { every: 'request to this Express route', unit: 'request' };

/** An Express route whose body is `body`, after `head` (imports and helpers). */
const route = (head: string, body: string) =>
  `${head}import express from 'express';\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  ${body}\n  res.end();\n});\n`;

interface Chain {
  readonly call: string;
  readonly through?: readonly string[];
  readonly construction: string;
  readonly where: string;
  readonly client: { package: string; opens: string };
}

const through = (calls: readonly string[] = []) => (calls.length === 0 ? '' : ` through ${calls.map((c) => `\`${c}\``).join(' → ')}`);

function inRoute(code: string, snippet: string, chain: Chain, event: 'build' | 'connect' = 'build', occurrence = 1) {
  return {
    messageId: event === 'build' ? ('helperBuildsClient' as const) : ('helperConnectsClient' as const),
    data: { call: chain.call, through: through(chain.through), construction: chain.construction, where: chain.where, ...chain.client, ...EXPRESS },
    ...rangeOf(code, snippet, occurrence),
  };
}

function inLoop(code: string, snippet: string, chain: Chain, loopKind: string, per: string, event: 'build' | 'connect' = 'build') {
  return {
    messageId: event === 'build' ? ('helperBuildsClient' as const) : ('helperConnectsClient' as const),
    data: { call: chain.call, through: through(chain.through), construction: chain.construction, where: chain.where, ...chain.client, loop: loopKind, per },
    ...rangeOf(code, snippet),
  };
}

// ---- Across files: typed only -------------------------------------------------------------------

const IMPORT_DB = `import { connect, connectOnce, db, reportingDb, tenantDb, tenantDbUnchecked, withDb, withSharedDb, writeAudit, writeAuditOnce } from './helpers/db.js';\n`;
const IMPORT_REPOSITORY = `import { AdminRepository, PoolUserRepository, SharedUserRepository, UserRepository, users, type Repository } from './helpers/repository.js';\n`;
const IMPORT_BROKER = `import { Broker, broker, Integration, PooledIntegration } from './helpers/broker.js';\n`;

const CONNECT = route(IMPORT_DB, `const client = await connect();\n  await client.query('SELECT 1');\n  await client.end();`);
const WITH_DB = route(IMPORT_DB, `const rows = await withDb((pool) => pool.query('SELECT 1'));\n  res.json(rows);`);
const TWO_DEEP = route(IMPORT_DB, `const client = await db();\n  await client.end();`);
const UNCHECKED = route(IMPORT_DB, `await tenantDbUnchecked(req.params.id).query('SELECT 1');`);
const AUDIT = route(IMPORT_DB, `await writeAudit(req.params.id);`);
const BROKER_PER_REQUEST = route(IMPORT_BROKER, `const perRequest = new Broker(process.env.AMQP_URL!);\n  await perRequest.publish('users', req.params.id);`);
const REPOSITORY_PER_REQUEST = route(IMPORT_REPOSITORY, `res.json(await new UserRepository().find(req.params.id));`);
const REPOSITORY_FACTORY = route(IMPORT_REPOSITORY, `res.json(await users().find(req.params.id));`);
const FROM_STORE = route(`import { useDb } from './reach/clients.js';\n`, `await useDb().openFromStore().query('SELECT 1');`);
const SUBCLASS = route(IMPORT_REPOSITORY, `res.json(await new AdminRepository().find(req.params.id));`);

const IMPORT_ALIASES = `import { callsAlias, callsQueriesAlias } from './reach/aliases.js';\n`;
/** Three bodies deep, through a function imported under another name (test/fixtures/typed/reach/). */
const THROUGH_ALIAS = route(IMPORT_ALIASES, `res.json((await callsAlias().query('SELECT 1')).rows);`);

/** Two bodies deep to a client's subclass, which the recogniser knows where it is built (test/fixtures/typed/reach/distances.ts). */
const TO_SUBCLASS = route(`import { viaOpenShard } from './reach/distances.js';\n`, `res.json((await viaOpenShard().query('SELECT 1')).rows);`);

const PG = `import { Pool, Client } from 'pg';\n`;
const SHARED_POOL = `${PG}const pool = new Pool();\n`;
const INTEGRATION_LOOP = `${IMPORT_BROKER}export async function sync(url: string, queries: string[]) {\n  for (const sql of queries) {\n    const integration = new Integration(url);\n    await integration.run(sql);\n  }\n}\n`;
const CONNECT_LOOP = `${IMPORT_DB}export async function sync(ids: string[]) {\n  for (const id of ids) {\n    const client = await connect();\n    await client.query('SELECT $1', [id]);\n    await client.end();\n  }\n}\n`;

typedRuleTester().run('no-client-in-handler follows helpers across files', handler, {
  valid: [
    // Twins that cache correctly.
    route(IMPORT_DB, `const client = await connectOnce();\n  await client.query('SELECT 1');`),
    route(IMPORT_DB, `res.json(await withSharedDb((pool) => pool.query('SELECT 1')));`),
    route(IMPORT_DB, `res.json(await reportingDb().query('SELECT 1'));`),
    route(IMPORT_DB, `res.json(await tenantDb(req.params.id).query('SELECT 1'));`),
    route(IMPORT_DB, `await writeAuditOnce(req.params.id);`),
    route(IMPORT_BROKER, `await broker.publish('users', req.params.id);`),
    route(IMPORT_REPOSITORY, `res.json(await new SharedUserRepository().find(req.params.id));`),
    route(`${IMPORT_REPOSITORY}${SHARED_POOL}`, `res.json(await new PoolUserRepository(pool).find(req.params.id));`),
    // A repository built once at module scope.
    route(`${IMPORT_REPOSITORY}const repository = new UserRepository();\n`, `res.json(await repository.find(req.params.id));`),
    // The call memoised at the call site.
    route(`${IMPORT_DB}${PG}let client: Client | undefined;\n`, `client ??= await connect();\n  res.json(await client.query('SELECT 1'));`),
    // Called once, at start-up.
    `${IMPORT_DB}export const ready = connect();`,
    // What the analysis cannot see: an interface, a callback, \`any\`.
    route(IMPORT_REPOSITORY, `const repository: Repository = res.locals.repository;\n  res.json(await repository.find(req.params.id));`),
    route('', `const open: () => Promise<unknown> = res.locals.open;\n  await open();`),
    route('', `const helpers: any = res.locals;\n  await helpers.connect();`),
    // A field holding a function runs it when called, not when the class is built.
    route(`import { LazyRepository } from './helpers/repository.js';\n`, `const repository = new LazyRepository();\n  res.json(repository);`),
    // Twin of THROUGH_ALIAS: the aliased function only queries.
    route(`${IMPORT_ALIASES}${SHARED_POOL}`, `res.json(await callsQueriesAlias(pool));`),
    // Depth: `db()` → `connect()` is two bodies deep.
    { code: TWO_DEEP, options: [{ followDepth: 1 }] },
    { code: THROUGH_ALIAS, options: [{ followDepth: 2 }] },
    { code: TO_SUBCLASS, options: [{ followDepth: 1 }] },
    { code: CONNECT, options: [{ followDepth: 0 }] },
    // Allowed clients stay allowed through helpers.
    { code: CONNECT, options: [{ allow: [{ package: 'pg' }] }] },
    // NestJS: the provider is built once by the container and injected.
    `import { Controller, Get, Param } from '@nestjs/common';
${IMPORT_REPOSITORY}
@Controller('users')
export class UsersController {
  constructor(private readonly repository: SharedUserRepository) {}

  @Get(':id')
  find(@Param('id') id: string) {
    return this.repository.find(id);
  }
}
`,
  ],
  invalid: [
    {
      code: CONNECT,
      errors: [inRoute(CONNECT, 'connect()', { call: 'connect()', construction: 'new Client()', where: `${DB}:7`, client: CLIENT })],
    },
    {
      code: WITH_DB,
      errors: [inRoute(WITH_DB, `withDb((pool) => pool.query('SELECT 1'))`, { call: 'withDb()', construction: 'new Pool()', where: `${DB}:25`, client: POOL })],
    },
    {
      code: THROUGH_ALIAS,
      errors: [inRoute(THROUGH_ALIAS, 'callsAlias()', { call: 'callsAlias()', through: ['wb()', 'buildsPool()'], construction: 'new Pool()', where: 'reach/clients.ts:6', client: POOL })],
    },
    {
      code: TWO_DEEP,
      errors: [inRoute(TWO_DEEP, 'db()', { call: 'db()', through: ['connect()'], construction: 'new Client()', where: `${DB}:7`, client: CLIENT })],
    },
    {
      code: TO_SUBCLASS,
      options: [{ followDepth: 2 }],
      errors: [inRoute(TO_SUBCLASS, 'viaOpenShard()', { call: 'viaOpenShard()', through: ['openShard()'], construction: 'new ShardPool()', where: 'reach/distances.ts:20', client: POOL })],
    },
    {
      code: UNCHECKED,
      errors: [inRoute(UNCHECKED, 'tenantDbUnchecked(req.params.id)', { call: 'tenantDbUnchecked()', construction: 'new Pool()', where: `${DB}:63`, client: POOL })],
    },
    {
      code: AUDIT,
      errors: [inRoute(AUDIT, 'writeAudit(req.params.id)', { call: 'writeAudit()', construction: 'audit.connect()', where: `${DB}:72`, client: CLIENT }, 'connect')],
    },
    {
      code: BROKER_PER_REQUEST,
      errors: [inRoute(BROKER_PER_REQUEST, 'new Broker(process.env.AMQP_URL!)', { call: 'new Broker()', construction: 'amqp.connect()', where: `${BROKER}:9`, client: AMQP })],
    },
    {
      code: REPOSITORY_PER_REQUEST,
      errors: [inRoute(REPOSITORY_PER_REQUEST, 'new UserRepository()', { call: 'new UserRepository()', construction: 'new Pool()', where: `${REPOSITORY}:5`, client: POOL })],
    },
    {
      code: REPOSITORY_FACTORY,
      errors: [inRoute(REPOSITORY_FACTORY, 'users()', { call: 'users()', through: ['new UserRepository()'], construction: 'new Pool()', where: `${REPOSITORY}:5`, client: POOL })],
    },
    {
      // A member of what a callback returns (a store): called by name from outside the callback.
      code: FROM_STORE,
      errors: [inRoute(FROM_STORE, 'useDb().openFromStore()', { call: 'useDb().openFromStore()', construction: 'new Pool()', where: 'reach/clients.ts:126', client: POOL })],
    },
    {
      code: SUBCLASS,
      errors: [inRoute(SUBCLASS, 'new AdminRepository()', { call: 'new AdminRepository()', through: ['super()'], construction: 'new Pool()', where: `${REPOSITORY}:5`, client: POOL })],
    },
  ],
});

typedRuleTester().run('no-client-in-loop follows helpers across files', loop, {
  valid: [
    `${IMPORT_BROKER}${SHARED_POOL}export async function sync(queries: string[]) {\n  for (const sql of queries) {\n    await new PooledIntegration(pool).run(sql);\n  }\n}\n`,
    `${IMPORT_DB}export async function sync(ids: string[]) {\n  for (const id of ids) {\n    const client = await connectOnce();\n    await client.query('SELECT $1', [id]);\n  }\n}\n`,
    // Collected: one pool per tenant, kept.
    `${IMPORT_DB}${PG}export function open(urls: string[]) {\n  const pools = new Map<string, Pool>();\n  for (const url of urls) pools.set(url, tenantDbUnchecked(url));\n  return pools;\n}\n`,
    `${IMPORT_DB}export const replicas = ['a', 'b'].map((url) => tenantDbUnchecked(url));`,
  ],
  invalid: [
    {
      code: INTEGRATION_LOOP,
      errors: [
        inLoop(INTEGRATION_LOOP, 'new Integration(url)', { call: 'new Integration()', construction: 'new Client()', where: `${BROKER}:26`, client: CLIENT }, 'for…of loop', 'per element of `queries`'),
      ],
    },
    {
      code: CONNECT_LOOP,
      errors: [inLoop(CONNECT_LOOP, 'connect()', { call: 'connect()', construction: 'new Client()', where: `${DB}:7`, client: CLIENT }, 'for…of loop', 'per element of `ids`')],
    },
  ],
});

// Without types nothing is followed into another file.
untypedRuleTester().run('no-client-in-handler does not follow other files without types', handler, {
  valid: [CONNECT, WITH_DB, TWO_DEEP, UNCHECKED, AUDIT, BROKER_PER_REQUEST, REPOSITORY_PER_REQUEST, REPOSITORY_FACTORY, SUBCLASS],
  invalid: [],
});
untypedRuleTester().run('no-client-in-loop does not follow other files without types', loop, {
  valid: [INTEGRATION_LOOP, CONNECT_LOOP],
  invalid: [],
});

// ---- Within the file: typed and untyped ----------------------------------------------------------

const LOCAL_CONNECT = `${PG}async function connect() {\n  const client = new Client();\n  await client.connect();\n  return client;\n}\n`;
const LOCAL_LAZY = `${PG}let shared: Pool | undefined;\nfunction getPool() {\n  if (!shared) shared = new Pool();\n  return shared;\n}\n`;
/** A helper written inside a callback and called in a loop there. */
const IN_CALLBACK = `${PG}export function register(on: (handler: (ids: string[]) => Promise<void>) => void) {\n  on(async (ids) => {\n    const openPool = () => new Pool();\n    for (const id of ids) await openPool().query(id);\n  });\n}\n`;
const LOCAL_GLOBAL = `${PG}const cache = globalThis as unknown as { pool?: Pool };\nconst getPool = () => (cache.pool ??= new Pool());\n`;
const LOCAL_KEYED = `${PG}const pools = new Map<string, Pool>();\nfunction poolFor(url: string) {\n  if (!pools.has(url)) pools.set(url, new Pool({ connectionString: url }));\n  return pools.get(url)!;\n}\n`;
const LOCAL_REPOSITORY = `${PG}class Repository {\n  pool = new Pool();\n  find(id: string) { return this.pool.query('SELECT $1', [id]); }\n}\n`;
const LOCAL_SHARED_REPOSITORY = `${PG}class Repository {\n  static pool = new Pool();\n  find(id: string) { return Repository.pool.query('SELECT $1', [id]); }\n}\n`;
const LOCAL_OBJECT = `${PG}const db = {\n  open() { return new Pool(); },\n};\n`;
const LOCAL_STATIC = `${PG}class Db {\n  static open() { return new Pool(); }\n}\n`;
const LOCAL_SHARED_CONNECT = `${PG}const client = new Client();\nasync function query(sql: string) {\n  await client.connect();\n  try { return await client.query(sql); } finally { await client.end(); }\n}\n`;
const LOCAL_GUARDED_CONNECT = `${PG}const client = new Client();\nlet connected = false;\nasync function query(sql: string) {\n  if (!connected) { await client.connect(); connected = true; }\n  return client.query(sql);\n}\n`;

const L_CONNECT = route(LOCAL_CONNECT, `const c = await connect();\n  await c.end();`);
const L_REPOSITORY = route(LOCAL_REPOSITORY, `res.json(await new Repository().find(req.params.id));`);
const L_OBJECT = route(LOCAL_OBJECT, `await db.open().query('SELECT 1');`);
const L_STATIC = route(LOCAL_STATIC, `await Db.open().query('SELECT 1');`);
const L_SHARED_CONNECT = route(LOCAL_SHARED_CONNECT, `res.json(await query('SELECT 1'));`);
const L_PROMISE = route(`${PG}function open() {\n  return new Promise<Client>((resolve) => {\n    const client = new Client();\n    resolve(client);\n  });\n}\n`, `await open();`);
const L_NEST = `import { Controller, Get } from '@nestjs/common';
${PG}
@Controller('users')
export class UsersController {
  private open() {
    return new Pool();
  }

  @Get()
  async list() {
    return (await this.open().query('SELECT 1')).rows;
  }
}
`;
const L_LOOP = `${LOCAL_REPOSITORY}export async function sync(ids: string[]) {\n  ids.forEach(async (id) => {\n    await new Repository().find(id);\n  });\n}\n`;

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-client-in-handler follows helpers in the file (${name})`, handler, {
    valid: [
      route(LOCAL_LAZY, `await getPool().query('SELECT 1');`),
      route(LOCAL_GLOBAL, `await getPool().query('SELECT 1');`),
      route(LOCAL_KEYED, `await poolFor(req.params.id).query('SELECT 1');`),
      route(LOCAL_SHARED_REPOSITORY, `res.json(await new Repository().find(req.params.id));`),
      route(`${LOCAL_REPOSITORY}const repository = new Repository();\n`, `res.json(await repository.find(req.params.id));`),
      route(LOCAL_GUARDED_CONNECT, `res.json(await query('SELECT 1'));`),
      // A function that only returns a factory builds nothing when called.
      route(`${PG}function later() { return () => new Pool(); }\n`, `later();`),
      // Reassigned: which function runs is not known.
      route(`${PG}let open = () => new Pool();\nexport function swap(f: () => Pool) { open = f; }\n`, `open();`),
      // A callback parameter.
      `${PG}import express from 'express';\nconst app = express();\nexport function mount(make: () => Pool) {\n  app.get('/', async (req, res) => {\n    await make().query('SELECT 1');\n    res.end();\n  });\n}\n`,
    ],
    invalid: [
      {
        code: L_CONNECT,
        // `connect()` is also in `function connect()` and `client.connect()`.
        errors: [inRoute(L_CONNECT, 'connect()', { call: 'connect()', construction: 'new Client()', where: 'line 3', client: CLIENT }, 'build', 3)],
      },
      {
        code: L_REPOSITORY,
        errors: [inRoute(L_REPOSITORY, 'new Repository()', { call: 'new Repository()', construction: 'new Pool()', where: 'line 3', client: POOL })],
      },
      {
        code: L_OBJECT,
        errors: [inRoute(L_OBJECT, 'db.open()', { call: 'db.open()', construction: 'new Pool()', where: 'line 3', client: POOL })],
      },
      {
        code: L_STATIC,
        errors: [inRoute(L_STATIC, 'Db.open()', { call: 'Db.open()', construction: 'new Pool()', where: 'line 3', client: POOL })],
      },
      {
        code: L_SHARED_CONNECT,
        errors: [inRoute(L_SHARED_CONNECT, `query('SELECT 1')`, { call: 'query()', construction: 'client.connect()', where: 'line 4', client: CLIENT }, 'connect')],
      },
      {
        code: L_PROMISE,
        errors: [inRoute(L_PROMISE, 'open()', { call: 'open()', construction: 'new Client()', where: 'line 4', client: CLIENT }, 'build', 2)],
      },
      {
        code: L_NEST,
        errors: [
          {
            messageId: 'helperBuildsClient',
            data: { call: 'this.open()', through: '', construction: 'new Pool()', where: 'line 7', ...POOL, every: 'request to this NestJS route', unit: 'request' },
            ...rangeOf(L_NEST, 'this.open()'),
          },
        ],
      },
      {
        // A function written inside the handler is part of it: its construction is reported where it is, once.
        code: route(PG, `const make = () => new Pool();\n  await make().query('SELECT 1');`),
        errors: [{ messageId: 'clientInHandler' }],
      },
    ],
  });

  tester.run(`no-client-in-loop follows helpers in the file (${name})`, loop, {
    valid: [
      // A helper written inside a callback, memoising what it builds.
      `${PG}export function register(on: (handler: (ids: string[]) => Promise<void>) => void) {\n  on(async (ids) => {\n    let pool: Pool | undefined;\n    const openPool = () => (pool ??= new Pool());\n    for (const id of ids) await openPool().query(id);\n  });\n}\n`,
      `${LOCAL_SHARED_REPOSITORY}export async function sync(ids: string[]) {\n  for (const id of ids) await new Repository().find(id);\n}\n`,
      `${LOCAL_KEYED}export async function sync(urls: string[]) {\n  for (const url of urls) await poolFor(url).query('SELECT 1');\n}\n`,
    ],
    invalid: [
      {
        code: L_LOOP,
        errors: [inLoop(L_LOOP, 'new Repository()', { call: 'new Repository()', construction: 'new Pool()', where: 'line 3', client: POOL }, '.forEach() callback', 'per element of `ids`')],
      },
      {
        code: IN_CALLBACK,
        errors: [inLoop(IN_CALLBACK, 'openPool()', { call: 'openPool()', construction: 'new Pool()', where: 'line 4', client: POOL }, 'for…of loop', 'per element of `ids`')],
      },
    ],
  });
}

describe('through ESLint, with type information', () => {
  const eslint = (rules: Record<string, unknown>) =>
    new ESLint({
      cwd: typedFixtures,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: typedFixtures } },
          plugins: { 'connection-reuse': plugin as never },
          rules: rules as never,
        },
      ],
    });

  it('names the helper, the construction and the file it is written in', async () => {
    const [result] = await eslint({ 'connection-reuse/no-client-in-handler': 'error' }).lintText(CONNECT, { filePath: path.join(typedFixtures, 'file.ts') });
    expect(result?.messages.map((message) => message.message)).toEqual([
      '`connect()` builds `new Client()` (pg) on every call (helpers/db.ts:7), and it runs on every request to this Express route, so each request opens a new PostgreSQL connection; build the client once (at module scope, or memoised) and share it.',
    ]);
  });

  it('rejects a followDepth that is not a small non-negative integer', async () => {
    for (const followDepth of [-1, 1.5, '3', 99]) {
      await expect(
        eslint({ 'connection-reuse/no-client-in-loop': ['error', { followDepth }] }).lintText(CONNECT, { filePath: path.join(typedFixtures, 'file.ts') }),
      ).rejects.toThrow(/connection-reuse\/no-client-in-loop":\n\tValue .* should be/u);
    }
  });
});

describe('programFileSource', () => {
  it('converts another file of the program once, onto the program\'s own TypeScript nodes', () => {
    const file = path.join(typedFixtures, 'helpers', 'db.ts');
    const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, types: [] });
    const sourceFile = program.getSourceFile(file);
    assert(sourceFile !== undefined);
    const first = programFileSource(program, sourceFile, {});
    assert(first !== undefined);
    expect(programFileSource(program, sourceFile, {})).toBe(first);
    const connect = sourceFile.statements.find((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === 'connect');
    assert(connect !== undefined);
    const converted = first.toEstree(connect);
    expect(converted?.type).toBe('FunctionDeclaration');
    expect(converted?.loc.start.line).toBe(6);
    // Scopes and parents, as the memoisation analysis needs them.
    assert(converted !== undefined);
    expect(first.sourceCode.getScope(converted).type).toBe('function');
  });
});
