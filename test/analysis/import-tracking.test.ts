/**
 * `clientImports` answers a call of an import's name (`new Pool()`, `mysql.createPool()`) from the
 * trace map alone, and tracks the whole file only for other callees: both ways must say the same
 * for every call and `new`, on the shapes imports take, the fixture projects, the example app and
 * a generated corpus.
 */
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.mjs';
import { effectiveCatalogue } from '../../src/analysis/client-catalogue.js';
import { builtByImportedCallee, clientImports, trackClientImports, WHOLE_FILE, type TrackedBuild } from '../../src/analysis/import-tracking.js';

const root = path.resolve(import.meta.dirname, '../..');
const catalogue = effectiveCatalogue({});

interface Disagreement {
  readonly call: string;
  readonly direct: unknown;
  readonly whole: unknown;
}

function sameBuild(found: TrackedBuild | undefined, expected: TrackedBuild | undefined): boolean {
  return found === undefined || expected === undefined ? found === expected : found.entry === expected.entry && found.name === expected.name;
}

/**
 * Every call and `new` of a file, with what each way found: the builds by the whole-file tracking,
 * how many calls the callee alone decided, and where the two differ — for the callee's reading of
 * every call, and for `clientImports` as the rules ask it (call after call, tracking the file only
 * when a callee needs it), against a tracking of its own made after the walk.
 */
function compare(code: string, filename: string): { built: string[]; decidedAlone: number; disagreements: Disagreement[] } {
  const built: string[] = [];
  const disagreements: Disagreement[] = [];
  let decidedAlone = 0;
  type Answer = { node: TSESTree.CallExpression | TSESTree.NewExpression; alone: ReturnType<typeof builtByImportedCallee>; built: TrackedBuild | undefined; connected: unknown };
  const compareAll = (answers: readonly Answer[], sourceCode: Readonly<TSESLint.SourceCode>): void => {
    const whole = trackClientImports(sourceCode, catalogue);
    for (const { node, alone, built: builtAt, connected: connectedAt } of answers) {
      const call = sourceCode.getText(node);
      const build = whole.built.get(node);
      const connect = node.type === AST_NODE_TYPES.CallExpression ? whole.connected.get(node) : undefined;
      if (build !== undefined) built.push(`${call} → ${build.entry.package} ${build.name}`);
      if (alone !== WHOLE_FILE) {
        decidedAlone++;
        if (alone !== build || connect !== undefined) disagreements.push({ call, direct: alone, whole: [build, connect] });
      }
      // An instance's methods (`client.duplicate()`) are entries each tracking makes anew: compared by what they say.
      if (!sameBuild(builtAt, build)) disagreements.push({ call, direct: builtAt, whole: build });
      if (connectedAt !== connect) disagreements.push({ call, direct: connectedAt, whole: connect });
    }
  };
  const rule: Omit<TSESLint.RuleModule<'x'>, 'defaultOptions'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    create(context) {
      const answers: Answer[] = [];
      const imports = clientImports(context.sourceCode, catalogue);
      const listener = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        answers.push({
          node,
          alone: builtByImportedCallee(node, catalogue, context.sourceCode),
          built: imports.builtAt(node),
          connected: imports.connectedAt(node),
        });
      };
      return { CallExpression: listener, NewExpression: listener, 'Program:exit': () => { compareAll(answers, context.sourceCode); } };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{ files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser }, linterOptions: { reportUnusedDisableDirectives: 'off' }, plugins: { t: { rules: { compare: rule as never } } }, rules: { 't/compare': 'error' } }], filename);
  // Each file is parsed (no fatal message) and reached by the rule (which reports nothing).
  expect(messages).toEqual([]);
  return { built, decidedAlone, disagreements };
}

const SHAPES = `
import { Pool, Client } from 'pg';
import pg from 'pg';
import * as pgNamespace from 'pg';
import { default as pgDefault } from 'pg';
import Redis from 'ioredis';
import { Redis as NamedRedis } from 'ioredis';
import { createClient } from 'redis';
import * as redis from 'redis';
import mysql from 'mysql2/promise';
import { Kafka } from 'kafkajs';
import amqp from 'amqplib';
import { MongoClient } from 'mongodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { PoolConfig } from 'pg';
import pgRequired = require('pg');
import { type Pool as TypeOnlyPool, 'Client' as QuotedClient } from 'pg';
import * as sqs from '@aws-sdk/client-sqs';
import { helper } from './helper';
import WS from 'ws';
const { Pool: RequiredPool } = require('pg');
const Alias = Pool;

export async function handler(url: string, config: PoolConfig) {
  new Pool(config); new Client(); new pg.Pool(); new pgNamespace.Pool(); new pgNamespace.default.Pool(); new pgDefault.Pool();
  new Redis(); new NamedRedis(); createClient(); redis.createClient(); await mysql.createConnection({}); mysql.createPool({});
  const kafka = new Kafka({ brokers: [] }); kafka.producer(); new Kafka({ brokers: [] }).consumer({ groupId: 'x' });
  const client = createClient(); await client.connect(); client.duplicate();
  await amqp.connect(url); new MongoClient(url); await new MongoClient(url).connect();
  new SQSClient({}); new pgRequired.Pool(); new RequiredPool(); new Alias(); helper();
  new (Pool as never as typeof Pool)(); new pg['Pool'](); new pg[Pool](); new Pool!(); pg.Pool.toString(); new pg.types.Pool();
  { const Pool = class {}; new Pool(); }
  mysql?.createPool({}); pg.Pool?.(); new TypeOnlyPool(); new QuotedClient(); new sqs.SQSClient({});
  console.log(url); await fetch(url); new URL(url);
}
export async function parameters(res: { json(): void }, given = new Pool(), taken: InstanceType<typeof Pool>) {
  res.json(); await given.connect(); taken = new Pool(); await taken.connect(); parameters.name.toString();
}
function named() {}
named(); named = Pool as never; new named();
/* global written:writable */
written = new Pool();
Map = WS as never;
export async function globals(url: string) { await written.connect(); written.query(); new Map([[url, url]]); }

declare module 'ambient' {
  import { Pool as AmbientPool } from 'pg';
  export function make(): void { new AmbientPool(); }
}
`;

describe('clientImports', () => {
  it('agrees with tracking the whole file on the shapes imports take', () => {
    const { built, decidedAlone, disagreements } = compare(SHAPES, 'shapes.ts');
    expect(disagreements).toEqual([]);
    // Every call of an import's name or a member of one, built or not (`pg.Pool.toString()`, `helper()`,
    // `new pgRequired.Pool()`), and of a name nothing writes (`console.log()`, `require('pg')`, `res.json()`).
    expect(decidedAlone).toBe(37);
    // Not `import x = require()`, which the tracker does not follow, nor an import of a `declare module`
    // block, nor a name a block shadows.
    expect(built).toEqual([
      'new Pool(config) → pg Pool',
      'new Client() → pg Client',
      'new pg.Pool() → pg Pool',
      'new pgNamespace.Pool() → pg Pool',
      'new pgNamespace.default.Pool() → pg Pool',
      'new pgDefault.Pool() → pg Pool',
      'new Redis() → ioredis ',
      'new NamedRedis() → ioredis Redis',
      'createClient() → redis createClient',
      'redis.createClient() → redis createClient',
      'mysql.createConnection({}) → mysql2 createConnection',
      'mysql.createPool({}) → mysql2 createPool',
      'kafka.producer() → kafkajs producer',
      "new Kafka({ brokers: [] }).consumer({ groupId: 'x' }) → kafkajs consumer",
      'createClient() → redis createClient',
      'client.duplicate() → redis duplicate',
      'amqp.connect(url) → amqplib connect',
      'new MongoClient(url) → mongodb MongoClient',
      'new MongoClient(url) → mongodb MongoClient',
      'new SQSClient({}) → @aws-sdk/client-* SQSClient',
      'new RequiredPool() → pg Pool',
      'new Alias() → pg Pool',
      'new (Pool as never as typeof Pool)() → pg Pool',
      "new pg['Pool']() → pg Pool",
      'new Pool!() → pg Pool',
      'mysql?.createPool({}) → mysql2 createPool',
      'new TypeOnlyPool() → pg Pool',
      'new QuotedClient() → pg Client',
      'new sqs.SQSClient({}) → @aws-sdk/client-* SQSClient',
      'new Pool() → pg Pool',
      'new Pool() → pg Pool',
      'new named() → pg Pool',
      'new Pool() → pg Pool',
      'new Map([[url, url]]) → ws ',
    ]);
  });

  it('leaves a CommonJS file to the tracker', () => {
    const { built, decidedAlone, disagreements } = compare("const { Pool } = require('pg');\nconst pg = require('pg');\nnew Pool();\nnew pg.Pool();\n", 'legacy.cjs');
    expect({ built, decidedAlone, disagreements }).toEqual({ built: ['new Pool() → pg Pool', 'new pg.Pool() → pg Pool'], decidedAlone: 2, disagreements: [] });
  });

  it('agrees with tracking the whole file on the fixture projects and the example app', () => {
    const files = ['test/fixtures', 'examples/app'].flatMap((dir) =>
      fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((file) => /\.[cm]?[jt]sx?$/u.test(file) && !file.endsWith('.d.ts')).map((file) => path.join(root, dir, file)),
    );
    expect(files.length).toBeGreaterThan(40);
    const counts = files.map((file) => {
      const { built, decidedAlone, disagreements } = compare(fs.readFileSync(file, 'utf8'), file);
      expect({ file, disagreements }).toEqual({ file, disagreements: [] });
      return [built.length, decidedAlone];
    });
    expect(counts.reduce((sum, [builds = 0]) => sum + builds, 0)).toBeGreaterThan(50);
    expect(counts.reduce((sum, [, decided = 0]) => sum + decided, 0)).toBeGreaterThan(80);
  });

  describe('on a generated corpus', () => {
    const dir = path.join(root, 'bench', 'out', `import-tracking-${String(process.pid)}`);
    let files: readonly string[] = [];
    beforeAll(() => {
      files = generateCorpus({ n: 120, seed: 7, dir }).files;
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('agrees with tracking the whole file', () => {
      const counts = files.map((file) => {
        const { built, decidedAlone, disagreements } = compare(fs.readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file));
        expect({ file, disagreements }).toEqual({ file, disagreements: [] });
        return [built.length, decidedAlone];
      });
      expect(counts.reduce((sum, [builds = 0]) => sum + builds, 0)).toBeGreaterThan(50);
      expect(counts.reduce((sum, [, decided = 0]) => sum + decided, 0)).toBeGreaterThan(400);
    });
  });
});
