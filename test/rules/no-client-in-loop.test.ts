import rule from '../../src/rules/no-client-in-loop.js';
import { typedRuleTester, untypedRuleTester } from '../rule-tester.js';

const PG = `import { Pool } from 'pg';\n`;

const perIds = (loop: string, per: string, line: number, column: number, endColumn: number) => ({
  messageId: 'clientInLoop' as const,
  data: { construction: 'new Pool()', package: 'pg', loop, opens: 'a pool of PostgreSQL connections', per },
  line,
  column,
  endLine: line,
  endColumn,
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
      // A function defined in a loop is not run by the loop.
      `${PG}export function f(ids: string[]) { const fns = []; for (const id of ids) { fns.push(() => id); } return () => new Pool(); }`,
      // Memoised inside the loop.
      `${PG}let pool: Pool | undefined; export function f(ids: string[]) { for (const id of ids) { pool ??= new Pool(); void id; } }`,
    ],
    invalid: [
      {
        code: `${PG}export async function f(ids: string[]) { for (const id of ids) { const pool = new Pool(); await pool.query('x', [id]); await pool.end(); } }`,
        errors: [perIds('for…of loop', 'per element of `ids`', 2, 79, 89)],
      },
      {
        code: `${PG}export async function f(ids: string[]) { await Promise.all(ids.map(async (id) => { const pool = new Pool(); await pool.query('x', [id]); await pool.end(); })); }`,
        errors: [perIds('.map() callback', 'per element of `ids`', 2, 97, 107)],
      },
      {
        code: `${PG}export async function f() { let n = 0; while (n++ < 10) { const pool = new Pool(); await pool.end(); } }`,
        errors: [perIds('while loop', 'per iteration', 2, 72, 82)],
      },
      {
        code: `${PG}export function f(urls: string[]) { let last; for (const url of urls) { last = new Pool({ connectionString: url }); } return last; }`,
        errors: [perIds('for…of loop', 'per element of `urls`', 2, 80, 115)],
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
      errors: [perIds('.forEach() callback', 'per element of `ids`', 2, 59, 69)],
    },
  ],
});

untypedRuleTester().run('no-client-in-loop (untyped only)', rule, {
  valid: [],
  invalid: [
    {
      // Without types, any `map` callback counts.
      code: `${PG}const registry = { map(fn) { return fn(); } }; export function f() { registry.map(() => new Pool()); }`,
      errors: [perIds('.map() callback', 'per element of `registry`', 2, 89, 99)],
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
