/**
 * The built package, as users load it: `npm run build`, then `require()` and `import()` of
 * dist/index.js in fresh Node processes, and the real `eslint` CLI with an ESM and a CommonJS
 * flat config in a temporary project that installs the package (a symlink to this repository).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const distIndex = path.join(root, 'dist', 'index.js');
const eslintBin = path.join(root, 'node_modules', '.bin', 'eslint');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const RULE = 'connection-reuse/no-client-in-handler';

const BAD_HANDLER = `import express from 'express';
import { Pool } from 'pg';

const app = express();

app.get('/users', async (_req, res) => {
  const pool = new Pool();
  res.json((await pool.query('SELECT * FROM users')).rows);
});
`;

// Empty when beforeAll fails before creating it.
let tmp = '';

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' }, timeout: 120_000 });
}

function describeRun(result: SpawnSyncReturns<string>): string {
  return `exit ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** What the spawned scripts print about the plugin they loaded. */
const REPORT = `({ meta: plugin.meta, rules: Object.keys(plugin.rules), recommended: plugin.configs.recommended.rules, self: plugin.configs.recommended.plugins['connection-reuse'] === plugin })`;

beforeAll(() => {
  const build = run('npm', ['run', 'build'], root);
  if (build.status !== 0) throw new Error(`npm run build failed\n${describeRun(build)}`);

  // A project that has the package installed: node_modules/eslint-plugin-connection-reuse -> this repository.
  tmp = mkdtempSync(path.join(os.tmpdir(), 'connection-reuse-packaging-'));
  mkdirSync(path.join(tmp, 'node_modules', '@typescript-eslint'), { recursive: true });
  symlinkSync(root, path.join(tmp, 'node_modules', pkg.name), 'dir');
  symlinkSync(path.join(root, 'node_modules', '@typescript-eslint', 'parser'), path.join(tmp, 'node_modules', '@typescript-eslint', 'parser'), 'dir');
  mkdirSync(path.join(tmp, 'src'));
  writeFileSync(path.join(tmp, 'src', 'server.ts'), BAD_HANDLER);
  writeFileSync(
    path.join(tmp, 'eslint.config.mjs'),
    `import tsParser from '@typescript-eslint/parser';
import connectionReuse from '${pkg.name}';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  connectionReuse.configs.recommended,
];
`,
  );
  writeFileSync(
    path.join(tmp, 'eslint.config.cjs'),
    `const tsParser = require('@typescript-eslint/parser');
// require() of the ES module (Node >= 20.19) returns the plugin itself (its 'module.exports' export).
const connectionReuse = require('${pkg.name}');

module.exports = [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  connectionReuse.configs.recommended,
];
`,
  );
});

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

function expectPlugin(printed: string): void {
  const loaded = JSON.parse(printed) as { meta: unknown; rules: string[]; recommended: Record<string, string>; self: boolean };
  expect(loaded.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'connection-reuse' });
  expect(loaded.rules).toContain('no-client-in-handler');
  expect(loaded.recommended[RULE]).toBe('error');
  expect(loaded.self).toBe(true);
}

describe('built package', () => {
  it('loads with require() from CommonJS, by path and by package name', () => {
    const script = `
      const byPath = require(${JSON.stringify(distIndex)});
      const byName = require('${pkg.name}');
      if (byName !== byPath) throw new Error('package name and dist path load different modules');
      if (require.resolve('${pkg.name}') !== ${JSON.stringify(distIndex)}) throw new Error('exports do not point at dist/index.js');
      // The plugin itself, not a namespace object with a \`default\`.
      const plugin = byPath;
      if (plugin.default !== undefined) throw new Error('require() returned the module namespace');
      process.stdout.write(JSON.stringify(${REPORT}));`;
    const result = run(process.execPath, ['--input-type=commonjs', '-e', script], tmp);
    expect(result.status, describeRun(result)).toBe(0);
    expectPlugin(result.stdout);
  });

  it('loads with import() from ESM, by path and by package name', () => {
    const script = `
      const { default: plugin } = await import(${JSON.stringify(pathToFileURL(distIndex).href)});
      const { default: byName } = await import('${pkg.name}');
      if (byName !== plugin) throw new Error('package name and dist path load different modules');
      process.stdout.write(JSON.stringify(${REPORT}));`;
    const result = run(process.execPath, ['--input-type=module', '-e', script], tmp);
    expect(result.status, describeRun(result)).toBe(0);
    expectPlugin(result.stdout);
  });

  for (const configFile of ['eslint.config.mjs', 'eslint.config.cjs']) {
    it(`reports through the eslint CLI with ${configFile}`, () => {
      const result = run(eslintBin, ['--config', configFile, '--format', 'json', 'src/server.ts'], tmp);
      expect(result.status, describeRun(result)).toBe(1);
      const [report] = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; severity: number }[] }[];
      expect(report?.filePath).toBe(path.join(tmp, 'src', 'server.ts'));
      expect(report?.messages.map(({ ruleId, line, column, severity }) => ({ ruleId, line, column, severity }))).toEqual([
        { ruleId: RULE, line: 7, column: 16, severity: 2 },
      ]);
    });
  }
});

describe('bundled example (npm run demo)', () => {
  it('type-checks', () => {
    const result = run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'examples/app/tsconfig.json'], root);
    expect(result.status, describeRun(result)).toBe(0);
  });

  it('shows the findings as warnings and exits 0', () => {
    const result = run(eslintBin, ['--config', 'examples/eslint.config.js', '--format', 'json', 'examples/app'], root);
    expect(result.status, describeRun(result)).toBe(0);
    const reports = JSON.parse(result.stdout) as { filePath: string; errorCount: number; warningCount: number; messages: { ruleId: string | null }[] }[];
    const warned = reports.filter((report) => report.warningCount > 0).map((report) => path.relative(path.join(root, 'examples', 'app'), report.filePath).split(path.sep).join('/'));
    expect(reports.every((report) => report.errorCount === 0)).toBe(true);
    expect(reports.flatMap((report) => report.messages).every((message) => message.ruleId?.startsWith('connection-reuse/'))).toBe(true);
    // Every file with a client built per request or message is flagged; the shared clients in db.ts are not.
    expect(warned.sort()).toEqual([
      'src/api.ts',
      'src/consumers/events.ts',
      'src/consumers/orders.ts',
      'src/fastify.ts',
      'src/health.ts',
      'src/lambda/get-order.ts',
    ]);
  });
});
