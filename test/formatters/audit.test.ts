/**
 * The audit formatter: its message parser against every report template the rules declare, its
 * table, and a real lint of test/fixtures/project through ESLint's API accounted for in full.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import auditFormatter, { parseFinding, templatePattern, type AuditMessage } from '../../src/formatters/audit.js';
import plugin from '../../src/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Sample data for every placeholder the rules' templates use; library and contexts are the ones asserted. */
const SAMPLE: Readonly<Record<string, string>> = {
  construction: 'new pg.Pool({ max: (n) })',
  call: 'http.get()',
  package: '@scope/client-lib',
  every: 'request to this Express route',
  unit: 'request',
  opens: 'a pool of PostgreSQL connections',
  loop: '.map() callback',
  per: 'per element of `ids`',
  value: 'false',
  agent: 'http.Agent',
  through: '',
  where: 'src/db.ts:12',
};

function fill(template: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (_, name: string) => {
    const value = SAMPLE[name];
    if (value === undefined) throw new Error(`no sample for {{${name}}}`);
    return value;
  });
}

/** Every report (not suggestion) message of every rule: the ones that name the client's package. */
const REPORTS = Object.entries(plugin.rules).flatMap(([rule, { meta }]) =>
  Object.entries(meta.messages as Record<string, string>)
    .filter(([, template]) => template.includes('{{package}}'))
    .map(([messageId, template]) => ({ rule, messageId, template })),
);

describe('templatePattern', () => {
  it('captures each placeholder, escapes the rest and matches a repeated placeholder to the same text', () => {
    const pattern = templatePattern('`{{a}}` ({{ b }}) makes {{b}}.*');
    expect(pattern.exec('`new X()` (pkg) makes pkg.*')?.groups).toEqual({ a: 'new X()', b: 'pkg' });
    expect(pattern.test('`new X()` (pkg) makes other.*')).toBe(false);
    expect(pattern.test('`new X()` (pkg) makes pkg.x')).toBe(false);
  });
});

describe('parseFinding', () => {
  it('has report messages of every rule to read', () => {
    expect(new Set(REPORTS.map(({ rule }) => rule))).toEqual(new Set(Object.keys(plugin.rules)));
  });

  for (const { rule, messageId, template } of REPORTS) {
    it(`${rule}/${messageId}: reads the library and the context from the rule's own template`, () => {
      const finding = parseFinding({ ruleId: `connection-reuse/${rule}`, messageId, message: fill(template) });
      expect(finding?.rule).toBe(rule);
      expect(finding?.library).toBe(SAMPLE.package);
      const connects = /connect/iu.test(messageId);
      const expected = {
        'no-client-in-handler': SAMPLE.every,
        'no-client-in-loop': SAMPLE.loop,
      }[rule as 'no-client-in-handler' | 'no-client-in-loop'];
      // require-keep-alive: one label per message kind (a new message needs one in KEEP_ALIVE_CONTEXT).
      if (expected === undefined) expect(finding?.context).toMatch(/^[\w :.,-]+$/u);
      else expect(finding?.context).toBe(connects ? `${expected} (connects)` : expected);
    });

    it(`${rule}/${messageId}: without a messageId, still reads the library from the text`, () => {
      const finding = parseFinding({ ruleId: `connection-reuse/${rule}`, message: fill(template) });
      expect(finding?.library).toBe(SAMPLE.package);
      if (rule !== 'require-keep-alive') expect(finding?.context).toBe(parseFinding({ ruleId: `connection-reuse/${rule}`, messageId, message: fill(template) })?.context);
    });
  }

  it('gives each require-keep-alive message its own context', () => {
    const contexts = REPORTS.filter(({ rule }) => rule === 'require-keep-alive').map(
      ({ rule, messageId, template }) => parseFinding({ ruleId: `connection-reuse/${rule}`, messageId, message: fill(template) })?.context,
    );
    expect(new Set(contexts).size).toBe(contexts.length);
  });

  it('ignores other rules and parse errors', () => {
    expect(parseFinding({ ruleId: 'no-console', message: 'Unexpected console statement.' })).toBeUndefined();
    expect(parseFinding({ ruleId: null, message: 'Parsing error: Unexpected token' })).toBeUndefined();
  });

  it('keeps unknown parts visible instead of guessing', () => {
    expect(parseFinding({ ruleId: 'connection-reuse/no-client-in-handler', messageId: 'renamed', message: 'Something else.' })).toEqual({
      rule: 'no-client-in-handler',
      library: '?',
      context: '?',
    });
  });
});

describe('auditFormatter', () => {
  it('prints one row per rule, library and context, then libraries and files', () => {
    const handler = (construction: string, library: string, every: string): AuditMessage => ({
      ruleId: 'connection-reuse/no-client-in-handler',
      messageId: 'clientInHandler',
      message: `\`${construction}\` (${library}) runs on every ${every}, so each request opens connections; create it once at module scope and share it.`,
    });
    const output = auditFormatter(
      [
        {
          filePath: '/repo/src/api.ts',
          messages: [
            handler('new pg.Pool()', 'pg', 'request to this Express route'),
            handler('new pg.Client()', 'pg', 'request to this Express route'),
            handler('new Redis()', 'ioredis', 'request through this Express middleware'),
          ],
        },
        {
          filePath: '/repo/src/consumers/orders.ts',
          messages: [
            handler('new pg.Pool()', 'pg', 'message of this AMQP consumer'),
            {
              ruleId: 'connection-reuse/no-client-in-loop',
              messageId: 'clientInLoop',
              message: '`new S3Client()` (@aws-sdk/client-*) runs on every iteration of this for…of loop, so it opens a pool of HTTPS connections per element of `ids`; create it once before the loop and share it.',
            },
          ],
        },
        {
          filePath: '/repo/src/gateway.ts',
          messages: [
            {
              ruleId: 'connection-reuse/require-keep-alive',
              messageId: 'agentWithoutKeepAlive',
              message: '`new http.Agent()` (http) does not keep connections alive (its default is `keepAlive: false`), so every request opens a new TCP connection and leaves a socket in TIME_WAIT; pass `keepAlive: true`.',
            },
          ],
        },
        { filePath: '/repo/src/db.ts', messages: [] },
      ],
      { cwd: '/repo' },
    );
    expect(output).toBe(
      `connection-reuse audit: 6 findings in 3 files (4 files linted)

rule                  library            context                                  findings  files
--------------------  -----------------  ---------------------------------------  --------  -----
no-client-in-handler  pg                 request to this Express route                   2      1
no-client-in-handler  pg                 message of this AMQP consumer                   1      1
no-client-in-handler  ioredis            request through this Express middleware         1      1
no-client-in-loop     @aws-sdk/client-*  for…of loop                                     1      1
require-keep-alive    http               agent without keepAlive                         1      1

By library: pg 3, @aws-sdk/client-* 1, http 1, ioredis 1

Files:
  src/api.ts                 3
  src/consumers/orders.ts    2
  src/gateway.ts             1
`,
    );
  });

  it('accounts for every finding of a real lint, each with a library and a context', async () => {
    const cwd = path.join(root, 'test', 'fixtures', 'project');
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.js'], languageOptions: { parser: tsParser } },
        { files: ['legacy/**/*.js'], languageOptions: { sourceType: 'commonjs' } },
        plugin.configs.recommended as Linter.Config,
      ],
    });
    const results = await eslint.lintFiles(['.']);
    const messages = results.flatMap((result) => result.messages);
    const files = results.filter((result) => result.messages.length > 0).length;
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) {
      const finding = parseFinding(message);
      expect(finding?.library, message.message).not.toBe('?');
      expect(finding?.context, message.message).not.toBe('?');
    }
    const output = auditFormatter(results, { cwd });
    expect(output).toContain(`connection-reuse audit: ${messages.length} findings in ${files} files (${results.length} files linted)`);
    const rows = output.split('\n').filter((line) => line.startsWith('no-client-in-') || line.startsWith('require-keep-alive'));
    expect(rows.reduce((sum, row) => sum + Number(/(\d+)\s+\d+$/u.exec(row)?.[1]), 0)).toBe(messages.length);
    expect(output).toMatch(/^no-client-in-handler {2}pg {2,}request to this Express route {2,}2 {6}1$/mu);
  });

  it('reports other rules and files that could not be parsed apart from the audit', () => {
    const message = '`new Pool()` (pg) runs on every request to this Express route, so each request opens a pool of PostgreSQL connections; create it once at module scope and share it.';
    const output = auditFormatter(
      [
        {
          filePath: '/repo/src/a.ts',
          messages: [
            { ruleId: 'connection-reuse/no-client-in-handler', messageId: 'clientInHandler', message },
            { ruleId: 'no-console', message: 'Unexpected console statement.' },
            { ruleId: 'no-console', message: 'Unexpected console statement.' },
          ],
        },
        { filePath: '/repo/src/b.ts', messages: [{ ruleId: null, fatal: true, line: 3, column: 7, message: 'Parsing error: Unexpected token' }] },
        { filePath: '/repo/src/c.ts', messages: [] },
      ],
      { cwd: '/repo' },
    );
    expect(output).toContain('connection-reuse audit: 1 finding in 1 file (3 files linted)');
    expect(output).toContain('no-client-in-handler  pg       request to this Express route         1      1');
    expect(output).toContain('Not part of the audit: 2 findings of other rules (no-console 2).');
    expect(output).toContain('Not audited: 1 file could not be parsed:\n  src/b.ts:3:7  Parsing error: Unexpected token');
  });

  it('says so when there is nothing to report', () => {
    expect(auditFormatter([{ filePath: '/repo/a.ts', messages: [] }], { cwd: '/repo' })).toBe('connection-reuse audit: 0 findings in 0 files (1 file linted)\n');
  });
});
