import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/fixable');
// Inside the repository, so the copy resolves the real packages from node_modules.
const work = path.join(root, 'test/.tmp-fixable');

function config(cwd: string): Linter.Config[] {
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
    plugin.configs.recommended as Linter.Config,
  ];
}

function read(file: string): string {
  return fs.readFileSync(path.join(work, file), 'utf8');
}

describe('eslint --fix on a fixture project, then tsc', () => {
  let before: ESLint.LintResult[];
  let after: ESLint.LintResult[];

  beforeAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(fixture, work, { recursive: true });
    const eslint = new ESLint({ cwd: work, overrideConfigFile: true, overrideConfig: config(work), fix: true });
    before = await eslint.lintFiles(['src/**/*.ts']);
    await ESLint.outputFixes(before);
    after = await new ESLint({ cwd: work, overrideConfigFile: true, overrideConfig: config(work) }).lintFiles(['src/**/*.ts']);
  });

  afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

  it('type-checks the fixed project with 0 errors', () => {
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(work, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('leaves no fixable report behind, and only suggestion-only reports', () => {
    const left = after.flatMap((result) => result.messages.map((message) => ({ file: path.relative(work, result.filePath), message })));
    expect(left.filter(({ message }) => message.fix !== undefined)).toEqual([]);
    expect(left.map(({ file, message }) => `${message.ruleId}:${file}:${message.line}`).sort()).toEqual([
      'connection-reuse/no-client-in-loop:src/batch.ts:15',
      'connection-reuse/no-client-in-loop:src/batch.ts:6',
    ]);
    expect(left.every(({ message }) => (message.suggestions?.length ?? 0) > 0)).toBe(true);
  });

  it('hoists a pool out of a route and drops its teardown, leaving the try block', () => {
    expect(read('src/users.ts')).toBe(
      [
        `import express from 'express';`,
        `import { Pool } from 'pg';`,
        ``,
        `export const users = express.Router();`,
        ``,
        `const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });`,
        ``,
        `users.get('/users/:id', async (req, res) => {`,
        `  // One pool for this request only.`,
        `  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);`,
        `  res.json(rows[0] ?? null);`,
        `});`,
        ``,
      ].join('\n'),
    );
  });

  it('shares a Redis connection and memoises the node-redis connect step', () => {
    expect(read('src/visits.ts')).toBe(
      [
        `import { Redis } from 'ioredis';`,
        `import { createClient } from 'redis';`,
        `import Koa from 'koa';`,
        ``,
        `export const app = new Koa();`,
        ``,
        `const counter = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');`,
        ``,
        `app.use(async (ctx, next) => {`,
        `  await counter.incr('visits');`,
        `  await next();`,
        `});`,
        ``,
        `const cache = createClient({ url: process.env.REDIS_URL });`,
        `let cacheConnected: Promise<unknown> | undefined;`,
        `/** Connects cache once for the whole process; a failed attempt is retried by the next caller. */`,
        `function connectCache() {`,
        `  cacheConnected ??= cache.connect().catch((error: unknown) => {`,
        `    cacheConnected = undefined;`,
        `    throw error;`,
        `  });`,
        `  return cacheConnected;`,
        `}`,
        ``,
        `app.use(async (ctx) => {`,
        `  await connectCache();`,
        `  ctx.body = await cache.get('greeting');`,
        `});`,
        ``,
      ].join('\n'),
    );
  });

  it('shares an undici dispatcher in a node:http server', () => {
    expect(read('src/gateway.ts')).toBe(
      [
        `import http from 'node:http';`,
        `import { Agent, request } from 'undici';`,
        ``,
        `const dispatcher = new Agent({ connections: 10 });`,
        ``,
        `export const server = http.createServer(async (req, res) => {`,
        `  const upstream = await request('http://127.0.0.1:8080/', { dispatcher });`,
        `  res.end(await upstream.body.text());`,
        `});`,
        ``,
      ].join('\n'),
    );
  });

  it('only suggests for loops in plain functions, which could keep a script alive', () => {
    expect(read('src/batch.ts')).toBe(fs.readFileSync(path.join(fixture, 'src/batch.ts'), 'utf8'));
  });
});
