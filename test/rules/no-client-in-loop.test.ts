import rule from '../../src/rules/no-client-in-loop.js';
import noClientInHandler from '../../src/rules/no-client-in-handler.js';
import { rangeOf } from '../position.js';
import { typedRuleTester, untypedRuleTester } from '../rule-tester.js';
import { withoutFixes } from '../without-fixes.js';

const PG = `import { Pool } from 'pg';\n`;

const hoisted = (output: string) => [{ messageId: 'hoistToModule' as const, output }];
const HOISTED_POOL = `import { Pool } from 'pg';\nconst pool = new Pool();\n\n`;

const perIds = (loop: string, per: string, line: number, column: number, endColumn: number, suggestions: ReturnType<typeof hoisted> = []) => ({
  messageId: 'clientInLoop' as const,
  data: { construction: 'new Pool()', package: 'pg', loop, opens: 'a pool of PostgreSQL connections', per },
  line,
  column,
  endLine: line,
  endColumn,
  suggestions,
});

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-client-in-loop (${name})`, rule, {
    valid: [
      // Built once before the loop.
      `${PG}export async function f(ids: string[]) { const pool = new Pool(); for (const id of ids) { await pool.query('x', [id]); } }`,
      // Collected: one shared client per configuration entry.
      `${PG}const pools = new Map<string, Pool>(); export function f(shards: { name: string }[]) { for (const shard of shards) { pools.set(shard.name, new Pool()); } }`,
      `${PG}export function f(urls: string[]) { const replicas: Pool[] = []; for (const url of urls) { replicas.push(new Pool({ connectionString: url })); } return replicas; }`,
      `${PG}export function f(urls: string[]) { const byName: Record<string, Pool> = {}; for (const url of urls) { const pool = new Pool({ connectionString: url }); byName[url] = pool; } return byName; }`,
      `${PG}export const replicas = ['a', 'b'].map((url) => new Pool({ connectionString: url }));`,
      // The iterable expression runs once.
      `${PG}export function f() { for (const row of [new Pool()]) { void row; } }`,
      // A for loop's init runs once.
      `${PG}export function f() { for (let pool = new Pool(), i = 0; i < 3; i++) { void pool; } }`,
      // Connect with retry: the loop ends with the first client that connects.
      `import amqp from 'amqplib';\nexport async function connect(url: string) { for (let attempt = 0; attempt < 5; attempt++) { try { return await amqp.connect(url); } catch { await new Promise((r) => setTimeout(r, 1000)); } } throw new Error('down'); }`,
      `${PG}export async function connect() { while (true) { const client = new Pool(); try { await client.query('SELECT 1'); return client; } catch { await client.end(); } } }`,
      // A function defined in a loop is not run by the loop.
      `${PG}export function f(ids: string[]) { const fns = []; for (const id of ids) { fns.push(() => id); } return () => new Pool(); }`,
      // Memoised inside the loop.
      `${PG}let pool: Pool | undefined; export function f(ids: string[]) { for (const id of ids) { pool ??= new Pool(); void id; } }`,
    ],
    invalid: [
      {
        code: `${PG}export async function f(ids: string[]) { for (const id of ids) { const pool = new Pool(); await pool.query('x', [id]); await pool.end(); } }`,
        // Outside a server's handlers a module-level client could keep a script alive: a suggestion only.
        errors: [perIds('for…of loop', 'per element of `ids`', 2, 79, 89, hoisted(`${HOISTED_POOL}export async function f(ids: string[]) { for (const id of ids) { await pool.query('x', [id]); } }`))],
      },
      {
        code: `${PG}export async function f(ids: string[]) { await Promise.all(ids.map(async (id) => { const pool = new Pool(); await pool.query('x', [id]); await pool.end(); })); }`,
        errors: [perIds('.map() callback', 'per element of `ids`', 2, 97, 107, hoisted(`${HOISTED_POOL}export async function f(ids: string[]) { await Promise.all(ids.map(async (id) => { await pool.query('x', [id]); })); }`))],
      },
      {
        code: `${PG}export async function f() { let n = 0; while (n++ < 10) { const pool = new Pool(); await pool.end(); } }`,
        errors: [perIds('while loop', 'per iteration', 2, 72, 82, hoisted(`${HOISTED_POOL}export async function f() { let n = 0; while (n++ < 10) { } }`))],
      },
      {
        code: `${PG}export function f(urls: string[]) { let last; for (const url of urls) { last = new Pool({ connectionString: url }); } return last; }`,
        // The URL comes from the loop: a suggested cache keyed by it, not one shared client. Without
        // types a TypeScript file's cache cannot be typed, so nothing is offered there.
        errors: [
          perIds('for…of loop', 'per element of `urls`', 2, 80, 115, name === 'untyped' ? [] : [
            {
              messageId: 'cacheByKey' as never,
              output: [
                `import { Pool } from 'pg';`,
                `function createPoolFor(url: string) {`,
                `  return new Pool({ connectionString: url });`,
                `}`,
                `const poolCache = new Map<string, ReturnType<typeof createPoolFor>>();`,
                `/** One pool per distinct url, shared by every caller that asks for it. */`,
                `function poolFor(url: string) {`,
                `  let pool = poolCache.get(url);`,
                `  if (pool === undefined) {`,
                `    pool = createPoolFor(url);`,
                `    poolCache.set(url, pool);`,
                `  }`,
                `  return pool;`,
                `}`,
                ``,
                `export function f(urls: string[]) { let last; for (const url of urls) { last = poolFor(url); } return last; }`,
              ].join('\n'),
            },
          ]),
        ],
      },
    ],
  });
}

const REDIS = `import { createClient } from 'redis';\n`;

typedRuleTester().run('no-client-in-loop (typed only)', rule, {
  valid: [
    // A user object's `map` is not an iteration over a collection.
    `${PG}const registry = { map(fn: () => unknown) { return fn(); } }; export function f() { registry.map(() => new Pool()); }`,
  ],
  invalid: [
    {
      code: `${PG}export function f(ids: Set<string>) { ids.forEach(() => { new Pool(); }); }`,
      errors: [perIds('.forEach() callback', 'per element of `ids`', 2, 59, 69, hoisted(`${HOISTED_POOL}export function f(ids: Set<string>) { ids.forEach(() => { }); }`))],
    },
  ],
});

untypedRuleTester().run('no-client-in-loop (untyped only)', rule, {
  valid: [],
  invalid: [
    {
      // Without types, any `map` callback counts.
      code: `${PG}const registry = { map(fn) { return fn(); } }; export function f() { registry.map(() => new Pool()); }`,
      errors: [perIds('.map() callback', 'per element of `registry`', 2, 89, 99, hoisted(`${HOISTED_POOL}const registry = { map(fn) { return fn(); } }; export function f() { registry.map(() => pool); }`))],
    },
  ],
});

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-client-in-loop connect (${name})`, rule, {
    valid: [
      `${REDIS}const redis = createClient(); export async function f(keys: string[]) { await redis.connect(); for (const key of keys) { await redis.get(key); } }`,
    ],
    invalid: [
      {
        code: `${REDIS}const redis = createClient(); export async function f(keys: string[]) { for (const key of keys) { await redis.connect(); await redis.get(key); } }`,
        errors: [
          {
            messageId: 'connectInLoop',
            data: { construction: 'redis.connect()', package: 'redis', loop: 'for…of loop' },
            line: 2,
            column: 105,
            endLine: 2,
            endColumn: 120,
          },
        ],
      },
    ],
  });
}

const HANDLER = (body: string) => `import express from 'express';\nimport { Pool } from 'pg';\nconst app = express();\napp.get('/', async (req, res) => {\n${body}\n});`;

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-client-in-loop inside a handler (${name})`, rule, {
    valid: [HANDLER(`  const pool = new Pool();\n  for (const id of [1, 2]) await pool.query('x', [id]);`)],
    invalid: [
      {
        // A server's process lives on, so hoisting to module scope is safe here: an autofix.
        code: HANDLER(`  for (const id of [1, 2]) {\n    const pool = new Pool();\n    await pool.query('x', [id]);\n    await pool.end();\n  }`),
        output: `import express from 'express';\nimport { Pool } from 'pg';\nconst app = express();\nconst pool = new Pool();\n\napp.get('/', async (req, res) => {\n  for (const id of [1, 2]) {\n    await pool.query('x', [id]);\n  }\n});`,
        errors: [{ messageId: 'clientInLoop', data: { construction: 'new Pool()', package: 'pg', loop: 'for…of loop', opens: 'a pool of PostgreSQL connections', per: 'per element of `[1, 2]`' }, line: 6, column: 18, endLine: 6, endColumn: 28 }],
      },
    ],
  });
}

const ALL_LOOPS = (loop: string) => `${PG}export async function f(ids: string[], keys: Record<string, string>, stream: AsyncIterable<string>) {\n${loop}\n}`;
const LOOP_SHAPES: [string, string, string][] = [
  ['for…in loop', '  for (const key in keys) new Pool();', 'per element of `keys`'],
  ['do…while loop', '  let n = 0;\n  do new Pool(); while (++n < 3);', 'per iteration'],
  ['for await…of loop', '  for await (const id of stream) new Pool();', 'per element of `stream`'],
  ['for loop', '  for (let i = 0; i < ids.length; i++) new Pool();', 'per iteration'],
];

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-client-in-loop statement loops (${name})`, rule, {
    valid: [ALL_LOOPS('  const pool = new Pool();\n  for (const key in keys) void pool;')],
    invalid: LOOP_SHAPES.map(([loop, body, per]) => {
      const code = ALL_LOOPS(body);
      return {
        name: loop,
        code,
        errors: [
          {
            messageId: 'clientInLoop' as const,
            data: { construction: 'new Pool()', package: 'pg', loop, opens: 'a pool of PostgreSQL connections', per },
            ...rangeOf(code, 'new Pool()'),
            suggestions: hoisted(code.replace('new Pool();', '{}').replace(`import { Pool } from 'pg';\n`, HOISTED_POOL)),
          },
        ],
      };
    }),
  });

  // Library iteration helpers take the collection first.
  tester.run(`no-client-in-loop library iterators (${name})`, rule, {
    valid: [`${PG}declare const _: { map<T, U>(xs: T[], fn: (x: T) => U): U[] };\nexport function f(ids: string[]) { return _.map(ids, (id) => id); }`],
    invalid: [
      {
        code: `${PG}declare const _: { map<T, U>(xs: T[], fn: (x: T) => U): U[] };\nexport function f(ids: string[]) { _.map(ids, () => new Pool().end()); }`,
        errors: [
          {
            messageId: 'clientInLoop',
            data: { construction: 'new Pool()', package: 'pg', loop: '.map() callback', opens: 'a pool of PostgreSQL connections', per: 'per element of `_`' },
            ...rangeOf(`${PG}declare const _: { map<T, U>(xs: T[], fn: (x: T) => U): U[] };\nexport function f(ids: string[]) { _.map(ids, () => new Pool().end()); }`, 'new Pool()'),
            suggestions: hoisted(`${PG}declare const _: { map<T, U>(xs: T[], fn: (x: T) => U): U[] };\nconst pool = new Pool();\n\nexport function f(ids: string[]) { _.map(ids, () => pool.end()); }`),
          },
        ],
      },
    ],
  });

  // Inside a handler, a client churned by a loop is this rule's report only.
  tester.run(`no-client-in-handler leaves loop churn to no-client-in-loop (${name})`, withoutFixes(noClientInHandler), {
    valid: [HANDLER(`  for (const id of [1, 2]) {\n    const pool = new Pool();\n    await pool.query('x', [id]);\n  }`)],
    invalid: [
      {
        // Collected per request: still built on every request, so the handler rule reports it.
        code: HANDLER(`  const pools = [1, 2].map(() => new Pool());`),
        errors: [{ messageId: 'clientInHandler', ...rangeOf(HANDLER(`  const pools = [1, 2].map(() => new Pool());`), 'new Pool()') }],
      },
    ],
  });
}
