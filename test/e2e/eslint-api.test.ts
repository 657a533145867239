/**
 * End to end through ESLint's public API: the real `ESLint` class, flat config, a small project
 * with several frameworks, linted once with type information and once without.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const project = path.join(root, 'test', 'fixtures', 'project');
const HANDLER = 'connection-reuse/no-client-in-handler';
const LOOP = 'connection-reuse/no-client-in-loop';
const KEEP_ALIVE = 'connection-reuse/require-keep-alive';

const recommended = plugin.configs.recommended as Linter.Config;

/** ESLint's defaults treat `.js` as ESM; the legacy folder is CommonJS (it has `"type": "commonjs"`). */
const commonJs: Linter.Config = { files: ['legacy/**/*.js'], languageOptions: { sourceType: 'commonjs' } };

const TS_FILES = [
  'pages/api/health.ts',
  'pages/api/users.ts',
  'src/amqp-consumer.ts',
  'src/express-app.ts',
  'src/koa-app.ts',
  'src/lambda.ts',
  'src/upstream.ts',
];

interface Linted {
  readonly files: string[];
  /** `ruleId:file:line:column`, sorted; parse errors show up with rule id `null`. */
  readonly findings: string[];
  readonly messages: Map<string, string>;
}

async function lint(overrideConfig: Linter.Config[], patterns: string[]): Promise<Linted> {
  const eslint = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig });
  const results = await eslint.lintFiles(patterns);
  const files: string[] = [];
  const findings: string[] = [];
  const messages = new Map<string, string>();
  for (const result of results) {
    const file = path.relative(project, result.filePath).split(path.sep).join('/');
    files.push(file);
    for (const message of result.messages) {
      const key = `${message.ruleId}:${file}:${message.line}:${message.column}`;
      findings.push(key);
      messages.set(key, message.message);
    }
  }
  return { files: files.sort(), findings: findings.sort(), messages };
}

describe('plugin object', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

  it('has meta.name, meta.version and meta.namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'connection-reuse' });
  });

  it('configs.recommended registers the plugin and enables every rule as an error', () => {
    const config = plugin.configs.recommended;
    expect(config.plugins?.['connection-reuse']).toBe(plugin);
    expect(config.rules?.[HANDLER]).toBe('error');
    expect(Object.keys(plugin.rules)).toContain('no-client-in-handler');
    expect(config.rules).toEqual(Object.fromEntries(Object.keys(plugin.rules).map((rule) => [`connection-reuse/${rule}`, 'error'])));
  });
});

describe('typed (parserOptions.projectService)', () => {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: project } },
    },
    recommended,
  ];

  it('reports exactly the clients built per request, message or invocation', async () => {
    const { files, findings, messages } = await lint(config, ['**/*.ts']);
    expect(files).toEqual(TS_FILES);
    expect(findings).toEqual(
      [
        `${HANDLER}:pages/api/users.ts:11:24`,
        `${HANDLER}:src/amqp-consumer.ts:18:27`,
        `${HANDLER}:src/amqp-consumer.ts:31:19`,
        `${HANDLER}:src/express-app.ts:19:17`,
        `${HANDLER}:src/express-app.ts:26:22`,
        `${HANDLER}:src/express-app.ts:34:18`,
        `${HANDLER}:src/express-app.ts:51:22`,
        `${HANDLER}:src/koa-app.ts:17:17`,
        `${HANDLER}:src/koa-app.ts:28:23`,
        `${LOOP}:src/lambda.ts:13:25`,
        `${HANDLER}:src/lambda.ts:19:14`,
        `${KEEP_ALIVE}:src/upstream.ts:5:31`,
        `${KEEP_ALIVE}:src/upstream.ts:15:47`,
      ].sort(),
    );
    expect(messages.get(`${HANDLER}:pages/api/users.ts:11:24`)).toBe(
      '`mysql.createConnection()` (mysql2) runs on every request to this Next.js API route, so each request opens new MySQL connections; create it once at module scope and share it.',
    );
    expect(messages.get(`${HANDLER}:src/lambda.ts:19:14`)).toBe(
      '`new Pool()` (pg) runs on every invocation of this serverless handler, so each invocation opens a pool of PostgreSQL connections; create it once at module scope and share it.',
    );
  });
});

describe('untyped (no type information)', () => {
  const config: Linter.Config[] = [{ files: ['**/*.ts', '**/*.js'], languageOptions: { parser: tsParser } }, commonJs, recommended];

  it('reports the same files through import tracking, plus a CommonJS file using require', async () => {
    const { files, findings, messages } = await lint(config, ['.']);
    expect(files).toEqual([...TS_FILES, 'legacy/worker.js'].sort());
    expect(findings).toEqual(
      [
        `${HANDLER}:legacy/worker.js:18:17`,
        `${HANDLER}:legacy/worker.js:25:17`,
        `${HANDLER}:pages/api/users.ts:11:24`,
        `${HANDLER}:src/amqp-consumer.ts:18:27`,
        // Not src/amqp-consumer.ts:31:19: `handleInvoice` runs once per message only because the
        // consume callback calls it. The typed run finds it by its ConsumeMessage parameter; without
        // types the rule follows the call instead and reports the call site in the consume callback.
        `${HANDLER}:src/amqp-consumer.ts:25:55`,
        `${HANDLER}:src/express-app.ts:19:17`,
        `${HANDLER}:src/express-app.ts:26:22`,
        `${HANDLER}:src/express-app.ts:34:18`,
        `${HANDLER}:src/express-app.ts:51:22`,
        `${HANDLER}:src/koa-app.ts:17:17`,
        `${HANDLER}:src/koa-app.ts:28:23`,
        `${LOOP}:src/lambda.ts:13:25`,
        `${KEEP_ALIVE}:src/upstream.ts:5:31`,
        `${KEEP_ALIVE}:src/upstream.ts:15:47`,
        // src/lambda.ts:19:14 (`reprocess`, a named export that is not `handler`) is found only through
        // its aws-lambda parameter types: without types nothing marks it as a handler.
      ].sort(),
    );
    expect(messages.get(`${HANDLER}:src/amqp-consumer.ts:25:55`)).toBe(
      '`handleInvoice()` builds `new Pool()` (pg) on every call (line 31), and it runs on every message of this AMQP consumer, so each message opens a pool of PostgreSQL connections; build the client once (at module scope, or memoised) and share it.',
    );
    expect(messages.get(`${HANDLER}:legacy/worker.js:25:17`)).toBe(
      '`new http.Agent()` (http) runs on every invocation of this serverless handler, so each invocation opens a new pool of HTTP sockets; create it once at module scope and share it.',
    );
  });

  it('lints plain JavaScript parsed by ESLint’s default parser (espree)', async () => {
    const { findings } = await lint([commonJs, recommended], ['legacy/worker.js']);
    expect(findings).toEqual([`${HANDLER}:legacy/worker.js:18:17`, `${HANDLER}:legacy/worker.js:25:17`]);
  });
});
