/**
 * no-client-in-handler: every client family in the catalogue is recognised, with type information
 * (real packages from node_modules) and without it (import tracking), through every import shape;
 * and the things that only look like clients are not. The per-request context is always one Express
 * route, so that this file is only about client recognition; contexts have their own tests.
 *
 * Each invalid case has a valid neighbour that differs from it by one thing: the same construction
 * at module scope, or another export of the same package that opens nothing.
 */
import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import noClientInHandler, { type MessageIds, type Options } from '../../src/rules/no-client-in-handler.js';
import { typedRuleTester, untypedRuleTester } from '../rule-tester.js';
import { withoutFixes } from '../without-fixes.js';

/** What is reported, and where; the fixes are tested in test/fix/. */
const rule = withoutFixes(noClientInHandler);

type Invalid = InvalidTestCase<MessageIds, Options>;
type Valid = ValidTestCase<Options>;
type ClientError = Invalid['errors'][number];

const EVERY = 'request to this Express route';
/** CommonJS globals, as `globals.node` declares them in a real config. */
const COMMONJS = { globals: { require: 'readonly', module: 'writable', exports: 'writable' } } as const;

// What one construction opens, per family ("… so each request opens {opens}").
const PG_POOL = 'a pool of PostgreSQL connections';
const PG_CLIENT = 'a new PostgreSQL connection';
const MYSQL = 'new MySQL connections';
const MSSQL = 'a pool of SQL Server connections';
const ORACLE_POOL = 'a pool of Oracle connections';
const ORACLE_CONNECTION = 'a new Oracle connection';
const DB_POOL = 'a pool of database connections';
const MONGO = 'a pool of MongoDB connections';
const REDIS = 'a new Redis connection';
const MEMCACHED = 'new Memcached connections';
const AMQP = 'a new AMQP connection';
const KAFKA = 'new connections to every Kafka broker';
const NATS = 'a new NATS connection';
const BULLMQ = 'new Redis connections';
const NODE_AGENT = 'a new pool of HTTP sockets';
const UNDICI = 'a new pool of HTTP connections';
const AWS = 'its own pool of HTTPS sockets and resolves credentials again';
const ELASTIC = 'a new pool of HTTP connections';
const GRPC = 'a new gRPC channel';
const WEBSOCKET = 'a new WebSocket connection';
const CASSANDRA = 'a pool of connections to every Cassandra host';

/** `imports`, then an Express app whose one route runs `body` on every request. */
function route(imports: string, body: string): string {
  return `${imports}\nimport express from 'express';\nconst app = express();\napp.get('/x', async (req, res) => {\n  ${body}\n  res.end();\n});\n`;
}

/** The same, with `statement` at module scope instead: it runs once. */
function once(imports: string, statement: string): string {
  return `${imports}\n${statement}\nimport express from 'express';\nconst app = express();\napp.get('/x', async (req, res) => {\n  res.end();\n});\n`;
}

/** CommonJS flavour of `route`, for plain JavaScript. */
function cjsRoute(requires: string, body: string): string {
  return `${requires}\nconst express = require('express');\nconst app = express();\napp.get('/x', async (req, res) => {\n  ${body}\n  res.end();\n});\n`;
}

/** Where `text` (the `nth` occurrence) is in `code`, as ESLint reports it: 1-based lines, 1-based columns. */
function rangeOf(code: string, text: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = code.indexOf(text, index + 1);
    if (index === -1) throw new Error(`${text} (#${nth}) not in ${code}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
  };
  const start = position(index);
  const end = position(index + text.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** `new Pool({ x })` → `new Pool()`; `kafka.producer()` → `kafka.producer()`: the message's name for it. */
function describeText(text: string): string {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return `${text.slice(0, i)}()`;
  }
  throw new Error(`no argument list in ${text}`);
}

/** A `clientInHandler` error for the construction `text` (its `nth` occurrence) in `code`. */
function built(code: string, text: string, pkg: string, opens: string, nth = 0): ClientError {
  return {
    messageId: 'clientInHandler',
    data: { construction: describeText(text), package: pkg, every: EVERY, unit: 'request', opens },
    ...rangeOf(code, text, nth),
  };
}

/** A `connectInHandler` error for the connect call `text` in `code`. */
function connected(code: string, text: string, pkg: string): ClientError {
  return {
    messageId: 'connectInHandler',
    data: { construction: describeText(text), package: pkg, every: EVERY },
    ...rangeOf(code, text),
  };
}

/** One construction: reported in a route, accepted at module scope. */
interface ClientCase {
  readonly name: string;
  readonly imports: string;
  /** The construction expression exactly as written (the report range); `await` goes in `awaited`. */
  readonly text: string;
  readonly pkg: string;
  readonly opens: string;
  readonly awaited?: true;
}

function pair({ name, imports, text, pkg, opens, awaited }: ClientCase): { valid: Valid; invalid: Invalid } {
  const statement = `const client = ${awaited ? 'await ' : ''}${text};`;
  const code = route(imports, statement);
  return {
    valid: { name: `${name} at module scope`, code: once(imports, statement) },
    invalid: { name, code, errors: [built(code, text, pkg, opens)] },
  };
}

/** Every catalogue entry and builder, recognised the same way with and without types. */
const CATALOGUE: readonly ClientCase[] = [
  // SQL
  { name: 'pg Pool', imports: `import { Pool } from 'pg';`, text: `new Pool({ max: 5 })`, pkg: 'pg', opens: PG_POOL },
  { name: 'pg Client', imports: `import { Client } from 'pg';`, text: `new Client()`, pkg: 'pg', opens: PG_CLIENT },
  { name: 'pg native Pool', imports: `import pg from 'pg';`, text: `new pg.native!.Pool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'pg native Client', imports: `import pg from 'pg';`, text: `new pg.native!.Client()`, pkg: 'pg', opens: PG_CLIENT },
  { name: 'postgres() module call', imports: `import postgres from 'postgres';`, text: `postgres('postgres://db')`, pkg: 'postgres', opens: PG_POOL },
  { name: 'mysql createConnection', imports: `import mysql from 'mysql';`, text: `mysql.createConnection({ host: 'db' })`, pkg: 'mysql', opens: MYSQL },
  { name: 'mysql createPool', imports: `import mysql from 'mysql';`, text: `mysql.createPool({ host: 'db' })`, pkg: 'mysql', opens: MYSQL },
  { name: 'mysql createPoolCluster', imports: `import mysql from 'mysql';`, text: `mysql.createPoolCluster()`, pkg: 'mysql', opens: MYSQL },
  { name: 'mysql2 createConnection', imports: `import mysql from 'mysql2';`, text: `mysql.createConnection({ host: 'db' })`, pkg: 'mysql2', opens: MYSQL },
  { name: 'mysql2 createPool', imports: `import { createPool } from 'mysql2';`, text: `createPool({ host: 'db' })`, pkg: 'mysql2', opens: MYSQL },
  { name: 'mysql2 createPoolCluster', imports: `import mysql from 'mysql2';`, text: `mysql.createPoolCluster()`, pkg: 'mysql2', opens: MYSQL },
  { name: 'mysql2/promise createConnection (async)', imports: `import mysql from 'mysql2/promise';`, text: `mysql.createConnection({ host: 'db' })`, pkg: 'mysql2', opens: MYSQL, awaited: true },
  { name: 'mysql2/promise createPool', imports: `import * as mysql from 'mysql2/promise';`, text: `mysql.createPool({ host: 'db' })`, pkg: 'mysql2', opens: MYSQL },
  { name: 'mssql ConnectionPool', imports: `import sql from 'mssql';`, text: `new sql.ConnectionPool('mssql://db')`, pkg: 'mssql', opens: MSSQL },
  { name: 'oracledb createPool (async)', imports: `import oracledb from 'oracledb';`, text: `oracledb.createPool({ user: 'u' })`, pkg: 'oracledb', opens: ORACLE_POOL, awaited: true },
  { name: 'oracledb standalone getConnection (async)', imports: `import oracledb from 'oracledb';`, text: `oracledb.getConnection({ user: 'u' })`, pkg: 'oracledb', opens: ORACLE_CONNECTION, awaited: true },
  { name: 'Prisma (ungenerated: PrismaClient is any, found by import)', imports: `import { PrismaClient } from '@prisma/client';`, text: `new PrismaClient()`, pkg: '@prisma/client', opens: DB_POOL },
  { name: 'sequelize', imports: `import { Sequelize } from 'sequelize';`, text: `new Sequelize('postgres://db')`, pkg: 'sequelize', opens: DB_POOL },
  { name: 'drizzle with a URL', imports: `import { drizzle } from 'drizzle-orm/node-postgres';`, text: `drizzle('postgres://db')`, pkg: 'drizzle-orm', opens: DB_POOL },
  { name: 'drizzle with a connection option', imports: `import { drizzle } from 'drizzle-orm/node-postgres';`, text: `drizzle({ connection: 'postgres://db' })`, pkg: 'drizzle-orm', opens: DB_POOL },
  { name: 'knex default', imports: `import knex from 'knex';`, text: `knex({ client: 'pg' })`, pkg: 'knex', opens: DB_POOL },
  { name: 'knex named', imports: `import { knex } from 'knex';`, text: `knex({ client: 'pg' })`, pkg: 'knex', opens: DB_POOL },
  // MongoDB
  { name: 'MongoClient', imports: `import { MongoClient } from 'mongodb';`, text: `new MongoClient('mongodb://db')`, pkg: 'mongodb', opens: MONGO },
  { name: 'static MongoClient.connect (async)', imports: `import { MongoClient } from 'mongodb';`, text: `MongoClient.connect('mongodb://db')`, pkg: 'mongodb', opens: MONGO, awaited: true },
  { name: 'mongoose createConnection', imports: `import mongoose from 'mongoose';`, text: `mongoose.createConnection('mongodb://db')`, pkg: 'mongoose', opens: MONGO },
  { name: 'new mongoose.Mongoose()', imports: `import mongoose from 'mongoose';`, text: `new mongoose.Mongoose()`, pkg: 'mongoose', opens: MONGO },
  { name: 'new Mongoose() named', imports: `import { Mongoose } from 'mongoose';`, text: `new Mongoose()`, pkg: 'mongoose', opens: MONGO },
  // Redis and caches
  { name: 'ioredis default', imports: `import Redis from 'ioredis';`, text: `new Redis(6379)`, pkg: 'ioredis', opens: REDIS },
  { name: 'ioredis named Redis', imports: `import { Redis } from 'ioredis';`, text: `new Redis()`, pkg: 'ioredis', opens: REDIS },
  { name: 'ioredis Cluster', imports: `import { Cluster } from 'ioredis';`, text: `new Cluster([])`, pkg: 'ioredis', opens: REDIS },
  { name: 'ioredis Redis.Cluster', imports: `import Redis from 'ioredis';`, text: `new Redis.Cluster([])`, pkg: 'ioredis', opens: REDIS },
  { name: 'redis createClient', imports: `import { createClient } from 'redis';`, text: `createClient({ url: 'redis://r' })`, pkg: 'redis', opens: REDIS },
  { name: 'redis createClientPool', imports: `import { createClientPool } from 'redis';`, text: `createClientPool()`, pkg: 'redis', opens: REDIS },
  { name: 'redis createCluster', imports: `import { createCluster } from 'redis';`, text: `createCluster({ rootNodes: [] })`, pkg: 'redis', opens: REDIS },
  { name: 'redis createSentinel', imports: `import { createSentinel } from 'redis';`, text: `createSentinel({ name: 'm', sentinelRootNodes: [] })`, pkg: 'redis', opens: REDIS },
  { name: '@redis/client createClient', imports: `import { createClient } from '@redis/client';`, text: `createClient()`, pkg: 'redis', opens: REDIS },
  { name: 'memcached', imports: `import Memcached from 'memcached';`, text: `new Memcached('cache:11211')`, pkg: 'memcached', opens: MEMCACHED },
  // Brokers and queues
  { name: 'amqplib connect (async)', imports: `import amqp from 'amqplib';`, text: `amqp.connect('amqp://mq')`, pkg: 'amqplib', opens: AMQP, awaited: true },
  { name: 'amqp-connection-manager default connect', imports: `import amqp from 'amqp-connection-manager';`, text: `amqp.connect(['amqp://mq'])`, pkg: 'amqp-connection-manager', opens: AMQP },
  { name: 'amqp-connection-manager named connect', imports: `import { connect } from 'amqp-connection-manager';`, text: `connect(['amqp://mq'])`, pkg: 'amqp-connection-manager', opens: AMQP },
  { name: 'rabbitmq-client named', imports: `import { Connection } from 'rabbitmq-client';`, text: `new Connection('amqp://mq')`, pkg: 'rabbitmq-client', opens: AMQP },
  { name: 'rabbitmq-client default', imports: `import Connection from 'rabbitmq-client';`, text: `new Connection('amqp://mq')`, pkg: 'rabbitmq-client', opens: AMQP },
  { name: 'kafkajs producer', imports: `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: [] });`, text: `kafka.producer()`, pkg: 'kafkajs', opens: KAFKA },
  { name: 'kafkajs consumer', imports: `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: [] });`, text: `kafka.consumer({ groupId: 'g' })`, pkg: 'kafkajs', opens: KAFKA },
  { name: 'kafkajs admin', imports: `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: [] });`, text: `kafka.admin()`, pkg: 'kafkajs', opens: KAFKA },
  { name: 'kafkajs producer of an inline Kafka', imports: `import { Kafka } from 'kafkajs';`, text: `new Kafka({ brokers: [] }).producer()`, pkg: 'kafkajs', opens: KAFKA },
  { name: 'nats connect (async)', imports: `import { connect } from 'nats';`, text: `connect({ servers: 'nats://n' })`, pkg: 'nats', opens: NATS, awaited: true },
  { name: 'bullmq Queue', imports: `import { Queue } from 'bullmq';`, text: `new Queue('jobs')`, pkg: 'bullmq', opens: BULLMQ },
  { name: 'bullmq Worker', imports: `import { Worker } from 'bullmq';`, text: `new Worker('jobs', async () => {})`, pkg: 'bullmq', opens: BULLMQ },
  { name: 'bullmq QueueEvents', imports: `import { QueueEvents } from 'bullmq';`, text: `new QueueEvents('jobs')`, pkg: 'bullmq', opens: BULLMQ },
  { name: 'bullmq FlowProducer', imports: `import { FlowProducer } from 'bullmq';`, text: `new FlowProducer()`, pkg: 'bullmq', opens: BULLMQ },
  // HTTP
  { name: 'http.Agent', imports: `import http from 'http';`, text: `new http.Agent({ keepAlive: true })`, pkg: 'http', opens: NODE_AGENT },
  { name: 'node:http Agent (named)', imports: `import { Agent } from 'node:http';`, text: `new Agent()`, pkg: 'http', opens: NODE_AGENT },
  { name: 'https.Agent', imports: `import https from 'https';`, text: `new https.Agent()`, pkg: 'https', opens: NODE_AGENT },
  { name: 'node:https Agent (namespace)', imports: `import * as https from 'node:https';`, text: `new https.Agent()`, pkg: 'https', opens: NODE_AGENT },
  { name: 'agentkeepalive default', imports: `import Agent from 'agentkeepalive';`, text: `new Agent({ maxSockets: 10 })`, pkg: 'agentkeepalive', opens: NODE_AGENT },
  { name: 'agentkeepalive HttpsAgent', imports: `import { HttpsAgent } from 'agentkeepalive';`, text: `new HttpsAgent()`, pkg: 'agentkeepalive', opens: NODE_AGENT },
  { name: 'agentkeepalive Agent.HttpsAgent', imports: `import Agent from 'agentkeepalive';`, text: `new Agent.HttpsAgent()`, pkg: 'agentkeepalive', opens: NODE_AGENT },
  { name: 'undici Agent', imports: `import { Agent } from 'undici';`, text: `new Agent()`, pkg: 'undici', opens: UNDICI },
  { name: 'undici Pool', imports: `import { Pool } from 'undici';`, text: `new Pool('http://api')`, pkg: 'undici', opens: UNDICI },
  { name: 'undici Client', imports: `import { Client } from 'undici';`, text: `new Client('http://api')`, pkg: 'undici', opens: UNDICI },
  { name: 'undici BalancedPool', imports: `import { BalancedPool } from 'undici';`, text: `new BalancedPool([])`, pkg: 'undici', opens: UNDICI },
  { name: 'undici RoundRobinPool', imports: `import { RoundRobinPool } from 'undici';`, text: `new RoundRobinPool([])`, pkg: 'undici', opens: UNDICI },
  { name: 'undici ProxyAgent', imports: `import { ProxyAgent } from 'undici';`, text: `new ProxyAgent('http://proxy')`, pkg: 'undici', opens: UNDICI },
  { name: 'undici EnvHttpProxyAgent', imports: `import { EnvHttpProxyAgent } from 'undici';`, text: `new EnvHttpProxyAgent()`, pkg: 'undici', opens: UNDICI },
  { name: 'undici RetryAgent', imports: `import { RetryAgent, getGlobalDispatcher } from 'undici';`, text: `new RetryAgent(getGlobalDispatcher())`, pkg: 'undici', opens: UNDICI },
  { name: 'undici H2CClient', imports: `import { H2CClient } from 'undici';`, text: `new H2CClient('http://api')`, pkg: 'undici', opens: UNDICI },
  { name: 'undici Socks5ProxyAgent', imports: `import { Socks5ProxyAgent } from 'undici';`, text: `new Socks5ProxyAgent('socks5://proxy')`, pkg: 'undici', opens: UNDICI },
  // Cloud, search, RPC, WebSocket, wide-column
  { name: 'AWS SDK v3 client', imports: `import { SQSClient } from '@aws-sdk/client-sqs';`, text: `new SQSClient({ region: 'eu-west-1' })`, pkg: '@aws-sdk/client-*', opens: AWS },
  { name: 'AWS SDK v3 client (namespace import)', imports: `import * as sqs from '@aws-sdk/client-sqs';`, text: `new sqs.SQSClient({})`, pkg: '@aws-sdk/client-*', opens: AWS },
  { name: 'elasticsearch Client', imports: `import { Client } from '@elastic/elasticsearch';`, text: `new Client({ node: 'http://es' })`, pkg: '@elastic/elasticsearch', opens: ELASTIC },
  { name: 'grpc Client', imports: `import * as grpc from '@grpc/grpc-js';`, text: `new grpc.Client('api:50051', grpc.credentials.createInsecure())`, pkg: '@grpc/grpc-js', opens: GRPC },
  { name: 'ws default', imports: `import WebSocket from 'ws';`, text: `new WebSocket('ws://api')`, pkg: 'ws', opens: WEBSOCKET },
  { name: 'ws named WebSocket', imports: `import { WebSocket } from 'ws';`, text: `new WebSocket('ws://api')`, pkg: 'ws', opens: WEBSOCKET },
  { name: 'cassandra-driver Client', imports: `import { Client } from 'cassandra-driver';`, text: `new Client({ contactPoints: [] })`, pkg: 'cassandra-driver', opens: CASSANDRA },
  { name: 'cassandra-driver default import', imports: `import cassandra from 'cassandra-driver';`, text: `new cassandra.Client({ contactPoints: [] })`, pkg: 'cassandra-driver', opens: CASSANDRA },
  // Import shapes
  { name: 'namespace import', imports: `import * as pg from 'pg';`, text: `new pg.Pool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'default import', imports: `import pg from 'pg';`, text: `new pg.Client()`, pkg: 'pg', opens: PG_CLIENT },
  { name: 'computed member', imports: `import * as pg from 'pg';`, text: `new pg['Pool']()`, pkg: 'pg', opens: PG_POOL },
  { name: 'aliased named import', imports: `import { Pool as PgPool } from 'pg';`, text: `new PgPool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'aliased factory import', imports: `import { createPool as makePool } from 'mysql2';`, text: `makePool({})`, pkg: 'mysql2', opens: MYSQL },
  { name: 'require in an ES module / TypeScript file', imports: `const { Pool } = require('pg');`, text: `new Pool()`, pkg: 'pg', opens: PG_POOL },
];

/** Another export or method of the same package, in the same route: it opens nothing new. */
const NOT_A_CONSTRUCTION: readonly Valid[] = [
  { name: 'query on a shared pg Pool', code: route(`import { Pool } from 'pg';\nconst pool = new Pool();`, `await pool.query('select 1');`) },
  { name: 'pool.connect() checks out of a shared pg Pool', code: route(`import { Pool } from 'pg';\nconst pool = new Pool();`, `const c = await pool.connect();\n  c.release();`) },
  // drizzle given an existing client only wraps it: the pool is built (once) elsewhere.
  { name: 'drizzle(pool) wraps a shared pool', code: route(`import { drizzle } from 'drizzle-orm/node-postgres';\nimport { Pool } from 'pg';\nconst pool = new Pool();`, `const db = drizzle(pool);`) },
  { name: 'drizzle({ client }) wraps a shared pool', code: route(`import { drizzle } from 'drizzle-orm/node-postgres';\nimport { Pool } from 'pg';\nconst pool = new Pool();`, `const db = drizzle({ client: pool });`) },
  { name: 'getConnection() on a shared mysql2 pool', code: route(`import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});`, `const c = await pool.getConnection();\n  c.release();`) },
  { name: 'oracledb getConnection() borrows from the default pool', code: route(`import oracledb from 'oracledb';`, `const c = await oracledb.getConnection();`) },
  { name: 'oracledb getConnection(alias) borrows from a named pool', code: route(`import oracledb from 'oracledb';`, `const c = await oracledb.getConnection('hr');`) },
  { name: 'oracledb pool.getConnection(options) borrows from that pool', code: route(`import oracledb from 'oracledb';\nconst pool = await oracledb.createPool({});`, `const c = await pool.getConnection({ tag: 'x' });`) },
  { name: 'mssql module connect() reuses the global pool', code: route(`import sql from 'mssql';`, `await sql.connect('mssql://db');`) },
  { name: 'mongoose.connect() is idempotent', code: route(`import mongoose from 'mongoose';`, `await mongoose.connect('mongodb://db');`) },
  { name: 'new Kafka() alone only stores config', code: route(`import { Kafka } from 'kafkajs';`, `const kafka = new Kafka({ brokers: [] });`) },
  { name: 'send on a shared producer', code: route(`import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: [] }).producer();`, `await producer.send({ topic: 't', messages: [] });`) },
  { name: 'AWS SDK command object', code: route(`import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});`, `await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'm' }));`) },
  { name: 'elasticsearch child() shares the pool', code: route(`import { Client } from '@elastic/elasticsearch';\nconst es = new Client({ node: 'http://es' });`, `const child = es.child({});`) },
  { name: 'ws WebSocketServer is not a client connection', code: route(`import { WebSocketServer } from 'ws';`, `const wss = new WebSocketServer({ noServer: true });`) },
  { name: 'undici fetch through a shared Agent', code: route(`import { Agent, fetch } from 'undici';\nconst agent = new Agent();`, `await fetch('http://api', { dispatcher: agent });`) },
  { name: 'redis command on a shared client', code: route(`import { createClient } from 'redis';\nconst redis = createClient();`, `await redis.get('k');`) },
  { name: 'ioredis command on a shared client', code: route(`import Redis from 'ioredis';\nconst redis = new Redis();`, `await redis.get('k');`) },
  { name: 'bullmq add on a shared queue', code: route(`import { Queue } from 'bullmq';\nconst queue = new Queue('jobs');`, `await queue.add('job', {});`) },
];

/** Things that look like clients and are not: silent with and without types. */
const NON_CLIENTS: readonly Valid[] = [
  { name: 'local classes named Client, Pool and Agent', code: route(`class Client { constructor(readonly url: string) {} }\nclass Pool {}\nclass Agent {}`, `new Client('x');\n  new Pool();\n  new Agent();`) },
  { name: 'a local class named PrismaClient without $connect/$disconnect', code: route(`class PrismaClient { query() {} }`, `new PrismaClient();`) },
  { name: 'a factory of a package not in the catalogue', code: route(`import axios from 'axios';`, `const api = axios.create({ baseURL: 'http://api' });`) },
  { name: 'an unresolved import of an unknown module', code: route(`import { Agent } from '@mastra/core';`, `const agent = new Agent({ name: 'a' });`) },
  { name: 'a Client from an unknown module', code: route(`import { Client } from 'not-a-real-module';`, `const c = new Client();`) },
  { name: 'values typed any', code: route(`declare const Thing: any;\ndeclare const db: any;`, `new Thing();\n  new db.Pool();\n  await db.connect();`) },
];

/** Only with types: the type system follows what import tracking cannot. */
const TYPED_ONLY: readonly ClientCase[] = [
  { name: 'subclass of pg Pool', imports: `import { Pool } from 'pg';\nclass Db extends Pool {}`, text: `new Db()`, pkg: 'pg', opens: PG_POOL },
  { name: 're-exporting barrel file', imports: `import { Pool } from './db-barrel.js';`, text: `new Pool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'namespace re-exported by a barrel', imports: `import { pg } from './db-barrel.js';`, text: `new pg.Client()`, pkg: 'pg', opens: PG_CLIENT },
  { name: 'drizzle with a URL held in a string variable', imports: `import { drizzle } from 'drizzle-orm/node-postgres';\nconst url: string = 'postgres://db';`, text: `drizzle(url)`, pkg: 'drizzle-orm', opens: DB_POOL },
  // Prisma 7's `prisma-client` generator writes the client into the project (test/fixtures/typed/generated,
  // real `prisma generate` output): no package declares it, so its shape decides.
  { name: 'Prisma 7 client generated into the project', imports: `import { PrismaClient } from './generated/prisma/client.js';`, text: `new PrismaClient({ accelerateUrl: 'prisma://db' })`, pkg: '@prisma/client', opens: DB_POOL },
  { name: 'AWS SDK aggregated client (by base class)', imports: `import { SQS } from '@aws-sdk/client-sqs';`, text: `new SQS({})`, pkg: '@aws-sdk/client-*', opens: AWS },
  // Names the project re-exports under other names (test/fixtures/typed/reach/reexports.ts): the cheap
  // filters must let them through to the type checker.
  { name: 'factory re-exported by the project under another name', imports: `import { makePool } from './reach/reexports.js';`, text: `makePool({})`, pkg: 'mysql2', opens: MYSQL },
  { name: 'class re-exported by the project under another name', imports: `import { PgClient } from './reach/reexports.js';`, text: `new PgClient()`, pkg: 'pg', opens: PG_CLIENT },
  { name: "factory as a project module's default export", imports: `import makeClient from './reach/default-factory.js';`, text: `makeClient()`, pkg: 'redis', opens: REDIS },
  { name: 'namespace re-exported by the project under another name', imports: `import { pgNamespace } from './reach/reexports.js';`, text: `new pgNamespace.Pool()`, pkg: 'pg', opens: PG_POOL },
  // A project module's class (test/fixtures/typed/reach/), by the names it is imported under: a cheap
  // filter on those names would have to know each shape (a review found several it would miss).
  { name: 'subclass from a project module, renamed', imports: `import { TenantPool as Tenants } from './reach/classes.js';`, text: `new Tenants()`, pkg: 'pg', opens: PG_POOL },
  { name: 'subclass from a project module, default export', imports: `import DefaultPool from './reach/classes.js';`, text: `new DefaultPool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'subclass from a project module, through a namespace import', imports: `import * as classes from './reach/classes.js';`, text: `new classes.TenantPool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'subclass declared by a project declaration file', imports: `import { LegacyPool } from './reach/legacy.js';`, text: `new LegacyPool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'subclass from a project module, under a constant alias', imports: `import { ReportingPool } from './reach/classes.js';`, text: `new ReportingPool()`, pkg: 'pg', opens: PG_POOL },
  { name: 'subclass of the generated Prisma client in a project module', imports: `import { PrismaService } from './reach/prisma-service.js';`, text: `new PrismaService({ accelerateUrl: 'prisma://db' })`, pkg: '@prisma/client', opens: DB_POOL },
  { name: 'package class held in a project value', imports: `import { drivers } from './reach/classes.js';`, text: `new drivers.Pool()`, pkg: 'pg', opens: PG_POOL },
];

const typed = typedRuleTester();
const untyped = untypedRuleTester();
const pairs = CATALOGUE.map(pair);

for (const [mode, tester] of [['typed', typed], ['untyped', untyped]] as [string, RuleTester][]) {
  tester.run(`no-client-in-handler clients (${mode})`, rule, {
    valid: [...pairs.map((p) => p.valid), ...NOT_A_CONSTRUCTION, ...NON_CLIENTS],
    invalid: pairs.map((p) => p.invalid),
  });
}

const typedPairs = TYPED_ONLY.map(pair);

typed.run('no-client-in-handler clients (typed only)', rule, {
  valid: [
    ...typedPairs.map((p) => p.valid),
    { name: 'query on a shared subclass instance', code: route(`import { Pool } from 'pg';\nclass Db extends Pool {}\nconst db = new Db();`, `await db.query('select 1');`) },
    { name: 'a project function that builds nothing, imported under another name', code: route(`import { onlyQueries as oq } from './reach/clients.js';\nimport { Pool } from 'pg';\nconst pool = new Pool();`, `await oq(pool);`) },
    { name: 'a plain class from a project module', code: route(`import { Report } from './reach/classes.js';`, `const report = new Report();`) },
    { name: 'a plain class from a project module, through a namespace import', code: route(`import * as classes from './reach/classes.js';`, `const report = new classes.Report();`) },
  ],
  invalid: [
    ...typedPairs.map((p) => p.invalid),
    ((): Invalid => {
      // Built and connected in one expression: one report, for the construction.
      const code = route(`import sql from 'mssql';`, `const pool = await new sql.ConnectionPool('mssql://db').connect();`);
      return { name: 'new ConnectionPool().connect() is reported once', code, errors: [built(code, `new sql.ConnectionPool('mssql://db')`, 'mssql', MSSQL)] };
    })(),
    ((): Invalid => {
      // typeorm is not installed: the import does not resolve, the type is an error type, and the
      // module id (a catalogue package) is still recognised by import tracking.
      const code = route(`import { DataSource } from 'typeorm';`, `const ds = new DataSource({ type: 'postgres' });`);
      return { name: 'unresolved catalogue package falls back to import tracking', code, errors: [built(code, `new DataSource({ type: 'postgres' })`, 'typeorm', DB_POOL)] };
    })(),
  ],
});

untyped.run('no-client-in-handler clients (untyped only)', rule, {
  valid: [
    // Without types a subclass or a barrel re-export is not followed (typed tests cover them).
    { name: 'subclass without types', code: route(`import { Pool } from 'pg';\nclass Db extends Pool {}`, `const db = new Db();`) },
    { name: 'CommonJS require at module scope', code: `const pg = require('pg');\nconst pool = new pg.Pool();\n`, filename: 'file.js', languageOptions: COMMONJS },
    { name: 'oracledb getConnection(name) without types: not known to be attributes', code: route(`import oracledb from 'oracledb';\nconst attrs = 'hr';`, `const c = await oracledb.getConnection(attrs);`) },
  ],
  invalid: [
    ((): Invalid => {
      const code = route(`import { DataSource } from 'typeorm';`, `const ds = new DataSource({ type: 'postgres' });`);
      return { name: 'typeorm DataSource', code, errors: [built(code, `new DataSource({ type: 'postgres' })`, 'typeorm', DB_POOL)] };
    })(),
    ((): Invalid => {
      const code = cjsRoute(`const pg = require('pg');`, `const pool = new pg.Pool();`);
      return { name: 'CommonJS require', code, filename: 'file.js', languageOptions: COMMONJS, errors: [built(code, 'new pg.Pool()', 'pg', PG_POOL)] };
    })(),
    ((): Invalid => {
      const code = cjsRoute(`const { Pool: PgPool } = require('pg');\nconst { createClient } = require('redis');`, `const pool = new PgPool();\n  const redis = createClient();`);
      return {
        name: 'destructured and renamed require',
        code,
        filename: 'file.js',
        languageOptions: COMMONJS,
        errors: [built(code, 'new PgPool()', 'pg', PG_POOL), built(code, 'createClient()', 'redis', REDIS)],
      };
    })(),
    ((): Invalid => {
      const code = cjsRoute(
        `const Redis = require('ioredis');\nconst postgres = require('postgres');\nconst { SQSClient } = require('@aws-sdk/client-sqs');`,
        `const a = new Redis();\n  const b = postgres();\n  const c = new SQSClient({});`,
      );
      return {
        name: 'required default exports and module factories',
        code,
        filename: 'file.js',
        languageOptions: COMMONJS,
        errors: [built(code, 'new Redis()', 'ioredis', REDIS), built(code, 'postgres()', 'postgres', PG_POOL), built(code, 'new SQSClient({})', '@aws-sdk/client-*', AWS)],
      };
    })(),
    ((): Invalid => {
      // `require` without CommonJS globals (an ES module, or TypeScript with @types/node) is still followed.
      const code = cjsRoute(`const pg = require('pg');`, `const pool = new pg.Pool();`);
      return { name: 'require in a file parsed as a module', code, filename: 'file.js', errors: [built(code, 'new pg.Pool()', 'pg', PG_POOL)] };
    })(),
    ((): Invalid => {
      const code = cjsRoute(`const unused = 1;`, `const client = new (require('pg').Client)();`);
      return { name: 'new (require(pg).Client)()', code, filename: 'file.js', languageOptions: COMMONJS, errors: [built(code, "new (require('pg').Client)()", 'pg', PG_CLIENT)] };
    })(),
  ],
});

/** Instance methods that build another client, and the connect step of a client shared at module scope. */
for (const [mode, tester] of [['typed', typed], ['untyped', untyped]] as [string, RuleTester][]) {
  const sharedConnect = (name: string, imports: string, call: string, pkg: string): { valid: Valid; invalid: Invalid } => {
    const code = route(imports, `await ${call};`);
    return {
      valid: { name: `${name}: connect at start-up`, code: once(imports, `await ${call};`) },
      invalid: { name, code, errors: [connected(code, call, pkg)] },
    };
  };
  const connects = [
    sharedConnect('connect() of a shared pg Client', `import { Client } from 'pg';\nconst client = new Client();`, 'client.connect()', 'pg'),
    sharedConnect('connect() of a shared node-redis client', `import { createClient } from 'redis';\nconst redis = createClient();`, 'redis.connect()', 'redis'),
    sharedConnect('connect() of a shared MongoClient', `import { MongoClient } from 'mongodb';\nconst mongo = new MongoClient('mongodb://db');`, 'mongo.connect()', 'mongodb'),
    sharedConnect('connect() of a shared kafkajs producer', `import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: [] }).producer();`, 'producer.connect()', 'kafkajs'),
    sharedConnect('connect() of a shared mssql ConnectionPool', `import sql from 'mssql';\nconst pool = new sql.ConnectionPool('mssql://db');`, 'pool.connect()', 'mssql'),
    sharedConnect('$connect() of a shared PrismaClient', `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();`, 'prisma.$connect()', '@prisma/client'),
    sharedConnect('connect() of a shared cassandra Client', `import { Client } from 'cassandra-driver';\nconst cassandra = new Client({ contactPoints: [] });`, 'cassandra.connect()', 'cassandra-driver'),
  ];

  const duplicate = (imports: string, pkg: string): Invalid => {
    const code = route(imports, `const subscriber = shared.duplicate();`);
    return { name: `duplicate() of a shared ${pkg} client`, code, errors: [built(code, 'shared.duplicate()', pkg, REDIS)] };
  };

  tester.run(`no-client-in-handler connect step and instance factories (${mode})`, rule, {
    valid: [
      ...connects.map((c) => c.valid),
      { name: 'a pg Pool has no connect step (connect() checks out)', code: route(`import { Pool } from 'pg';\nconst pool = new Pool();`, `const c = await pool.connect();\n  c.release();`) },
      { name: 'duplicate() at module scope', code: once(`import Redis from 'ioredis';\nconst shared = new Redis();`, `const subscriber = shared.duplicate();`) },
    ],
    invalid: [
      ...connects.map((c) => c.invalid),
      ((): Invalid => {
        // Built and connected in the handler: the construction is the one report.
        const code = route(`import { Client } from 'pg';`, `const client = new Client();\n  await client.connect();`);
        return { name: 'connect() of a client built in the same handler', code, errors: [built(code, 'new Client()', 'pg', PG_CLIENT)] };
      })(),
      ((): Invalid => {
        const code = route(`import { MongoClient } from 'mongodb';`, `const mongo = new MongoClient('mongodb://db');\n  await mongo.connect();`);
        return { name: 'connect() of a MongoClient built in the same handler', code, errors: [built(code, `new MongoClient('mongodb://db')`, 'mongodb', MONGO)] };
      })(),
      duplicate(`import Redis from 'ioredis';\nconst shared = new Redis();`, 'ioredis'),
      duplicate(`import { createClient } from 'redis';\nconst shared = createClient();`, 'redis'),
    ],
  });
}

/** Options: the user's own clients, and allowed packages or names. */
const ACME_CLIENTS: Options[0] = {
  clients: [
    { package: 'acme-db', export: 'Conn', kind: 'sql' },
    { package: 'acme-db', export: 'connect', via: 'call', kind: 'amqp' },
  ],
};

for (const [mode, tester] of [['typed', typed], ['untyped', untyped]] as [string, RuleTester][]) {
  // Typed, `acme-db` is declared by test/fixtures/typed/acme-db.d.ts; untyped, only its module id counts.
  const acme = `import { Conn, connect, version } from 'acme-db';`;
  const acmeCode = route(acme, `const a = new Conn('db://');\n  const b = connect('db://');`);
  const pgCode = route(`import { Pool, Client } from 'pg';`, `const pool = new Pool();\n  const client = new Client();`);
  tester.run(`no-client-in-handler options (${mode})`, rule, {
    valid: [
      { name: 'user clients unknown without the option', code: acmeCode },
      { name: 'user clients at module scope', code: once(acme, `const a = new Conn('db://');\nconst b = connect('db://');`), options: [ACME_CLIENTS] },
      { name: 'another export of the user package', code: route(acme, `const v = version();`), options: [ACME_CLIENTS] },
      { name: 'allow a whole package', code: pgCode, options: [{ allow: [{ package: 'pg' }] }] },
      { name: 'allow the connect step too', code: route(`import { Client } from 'pg';\nconst client = new Client();`, `await client.connect();`), options: [{ allow: [{ package: 'pg' }] }] },
      { name: 'allow by a declaredIn package', code: route(`import { createClient } from 'redis';`, `const r = createClient();`), options: [{ allow: [{ package: '@redis/client' }] }] },
    ],
    invalid: [
      {
        name: 'user clients by constructor and by factory',
        code: acmeCode,
        options: [ACME_CLIENTS],
        errors: [built(acmeCode, `new Conn('db://')`, 'acme-db', 'new database connections'), built(acmeCode, `connect('db://')`, 'acme-db', 'new AMQP connections')],
      },
      ((): Invalid => {
        const code = route(acme, `const a = new Conn('db://');`);
        return { name: 'kind defaults to http', code, options: [{ clients: [{ package: 'acme-db', export: 'Conn', via: 'new' }] }], errors: [built(code, `new Conn('db://')`, 'acme-db', 'new HTTP connections')] };
      })(),
      {
        name: 'allow one name of a package',
        code: pgCode,
        options: [{ allow: [{ package: 'pg', name: 'Client' }] }],
        errors: [built(pgCode, 'new Pool()', 'pg', PG_POOL)],
      },
      {
        name: 'allowing another package changes nothing',
        code: pgCode,
        options: [{ allow: [{ package: 'mysql2' }] }],
        errors: [built(pgCode, 'new Pool()', 'pg', PG_POOL), built(pgCode, 'new Client()', 'pg', PG_CLIENT)],
      },
    ],
  });
}

/**
 * `allow` by a type name: the built type's name is known only to the type checker, so a direct
 * import (which import tracking would recognise alone) is still typed when an `allow` entry names one.
 */
{
  const poolCode = route(`import mysql from 'mysql2/promise';`, `const pool = mysql.createPool({ host: 'db' });`);
  const allowPool = [{ allow: [{ package: 'mysql2', name: 'Pool' }] }] as Options;
  typed.run('no-client-in-handler allow by the built type (typed)', rule, {
    valid: [{ name: 'the type name of what a factory builds', code: poolCode, options: allowPool }],
    invalid: [
      { name: 'another type name', code: poolCode, options: [{ allow: [{ package: 'mysql2', name: 'Connection' }] }], errors: [built(poolCode, `mysql.createPool({ host: 'db' })`, 'mysql2', MYSQL)] },
    ],
  });
  untyped.run('no-client-in-handler allow by the built type (untyped)', rule, {
    valid: [],
    invalid: [{ name: 'without types only the factory name is known', code: poolCode, options: allowPool, errors: [built(poolCode, `mysql.createPool({ host: 'db' })`, 'mysql2', MYSQL)] }],
  });
}

describe('no-client-in-handler invalid options', () => {
  const lint = (options: unknown) =>
    new Linter().verify(
      `import { Pool } from 'pg';\n`,
      [{ files: ['**/*.ts'], plugins: { 'connection-reuse': { rules: { 'no-client-in-handler': rule as never } } }, languageOptions: { parser }, rules: { 'connection-reuse/no-client-in-handler': ['error', options] as never } }],
      'file.ts',
    );

  it('accepts valid options', () => {
    expect(lint({ allow: [{ package: 'pg', name: 'Client' }], clients: [{ package: 'acme', export: 'X', via: 'call', kind: 'sql' }] })).toEqual([]);
  });
  it.each([
    ['an unknown top-level property', { alow: [] }, 'should NOT have additional properties'],
    ['an unknown allow property', { allow: [{ package: 'pg', nam: 'Client' }] }, 'Unexpected property "nam". Expected properties: "package", "name".'],
    ['allow of the wrong type', { allow: 'pg' }, 'Value "pg" should be array.'],
    ['allow without package', { allow: [{ name: 'Pool' }] }, `should have required property 'package'`],
    ['an empty package name', { allow: [{ package: '' }] }, 'Value "" should NOT be shorter than 1 characters.'],
    ['an unknown via', { clients: [{ package: 'acme', export: 'X', via: 'construct' }] }, 'Value "construct" should be equal to one of the allowed values.'],
    ['an unknown kind', { clients: [{ package: 'acme', export: 'X', kind: 'ftp' }] }, 'Value "ftp" should be equal to one of the allowed values.'],
    ['clients without export', { clients: [{ package: 'acme' }] }, `should have required property 'export'`],
  ])('rejects %s', (_name, options, message) => {
    expect(() => lint(options)).toThrow('Key "rules": Key "connection-reuse/no-client-in-handler":\n');
    expect(() => lint(options)).toThrow(message);
  });
});
