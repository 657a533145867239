/**
 * What a user gets from the published package, end to end: `npm pack` of a clean build, the tarball
 * unpacked into scratch projects (under test/.tmp-audit-*, git-ignored; their other dependencies
 * resolve up to this repository's node_modules, so nothing but ESLint 9 is downloaded), then the
 * README's commands through `npx eslint`:
 *
 * - Audit: the typed and untyped one-liners (no config file; and in a project whose own
 *   eslint.config.js does not know the plugin), the audit formatter by path.
 * - CI: SARIF with each rule's docs URL, exit codes and --max-warnings, --cache, --concurrency 2.
 * - Packaging: the tarball's file list and exports; ESLint 9 and ESLint 10 both lint the example
 *   service with the README's config.
 *
 * The build goes to its own directory (not dist/) so that test/e2e/packaging.test.ts, which rebuilds
 * dist/ at the same time, cannot hand this test a half-written file — and so that the tarball holds
 * exactly what a clean clone builds.
 */
import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auditFormatter, { type AuditResult } from '../../src/formatters/audit.js';
import plugin from '../../src/index.js';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  engines: { node: string };
  peerDependencies: Record<string, string>;
};
const HANDLER = 'connection-reuse/no-client-in-handler';
const ESLINT_9 = 'eslint@9';

/** The README's audit one-liners (`npx eslint` + these arguments + the files). */
const TYPED_AUDIT = ['--no-config-lookup', '--ext', '.ts,.tsx', '--parser', '@typescript-eslint/parser', '--parser-options', 'projectService:true', '--plugin', 'connection-reuse', '--rule', `${HANDLER}: error`];
const UNTYPED_AUDIT = ['--no-config-lookup', '--ext', '.ts,.tsx', '--parser', '@typescript-eslint/parser', '--plugin', 'connection-reuse', '--rule', `${HANDLER}: error`];
/** Audit in a project that has its own config: keep the project's parser, add the rule. */
const AUDIT_WITH_PROJECT_CONFIG = ['--plugin', 'connection-reuse', '--rule', `${HANDLER}: error`];
const FORMATTER = './node_modules/eslint-plugin-connection-reuse/dist/formatters/audit.js';
/** Not the default .eslintcache: a run without --cache deletes that file. */
const CACHE = ['--cache', '--cache-location', 'node_modules/.cache/eslint/'];

/** The README's config (section "Use"). */
const README_CONFIG = `import connectionReuse from 'eslint-plugin-connection-reuse';
import tsParser from '@typescript-eslint/parser';

export default [
  connectionReuse.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
];
`;

/** A project's own config that knows nothing of the plugin, with a house rule that reports too. */
const PROJECT_CONFIG = `import tseslint from 'typescript-eslint';

export default [
  ...tseslint.configs.recommended,
  { rules: { 'no-restricted-imports': ['error', { name: 'pg', message: 'Use the shared pool in src/db.ts.' }] } },
];
`;

/**
 * What the typed one-liner finds in examples/app (`ruleId file:line:column`). Without types, the
 * Lambda handler's client is not found: `getOrder` is a handler only by its aws-lambda parameter types.
 */
const TYPED_FINDINGS = [
  `${HANDLER} src/api.ts:27:21`,
  `${HANDLER} src/api.ts:34:19`,
  `${HANDLER} src/api.ts:47:18`,
  `${HANDLER} src/consumers/events.ts:21:29`,
  `${HANDLER} src/consumers/orders.ts:18:27`,
  `${HANDLER} src/consumers/orders.ts:24:23`,
  `${HANDLER} src/fastify.ts:32:17`,
  `${HANDLER} src/fastify.ts:44:28`,
  `${HANDLER} src/health.ts:23:17`,
  `${HANDLER} src/lambda/get-order.ts:17:17`,
];
const UNTYPED_FINDINGS = TYPED_FINDINGS.filter((finding) => !finding.includes('lambda/'));

interface Result extends AuditResult {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly stats?: unknown;
  readonly messages: readonly { ruleId: string | null; messageId?: string; message: string; line: number; column: number; severity: number }[];
}

// Empty when beforeAll fails before creating it.
let tmp = '';
let tarball: string;
let packed: { files: { path: string }[] };
/** Scratch projects: no config; their own config; the README's config (ESLint 10, and ESLint 9). */
const project = { bare: '', audit: '', ci: '', eslint9: '' };

function describeRun(result: SpawnSyncReturns<string>): string {
  return `exit ${result.status}\n--- stdout\n${result.stdout.slice(0, 4000)}\n--- stderr\n${result.stderr.slice(0, 4000)}`;
}

/** `npx eslint …` in a scratch project, as a user types it. */
function eslint(cwd: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync('npx', ['eslint', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function json(result: SpawnSyncReturns<string>): Result[] {
  try {
    return JSON.parse(result.stdout) as Result[];
  } catch {
    throw new Error(`not JSON\n${describeRun(result)}`);
  }
}

/** `ruleId file:line:column` of every message, sorted. */
function findings(results: readonly Result[], cwd: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map((message) => `${message.ruleId} ${path.relative(cwd, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column}`),
    )
    .sort();
}

/** The tarball's contents and a copy of examples/app, as a project that installed the package. */
function scratchProject(name: string, config: string | undefined): string {
  const dir = path.join(tmp, name);
  const installed = path.join(dir, 'node_modules', pkg.name);
  mkdirSync(installed, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed\n${describeRun(untar)}`);
  cpSync(path.join(root, 'examples', 'app', 'src'), path.join(dir, 'src'), { recursive: true });
  cpSync(path.join(root, 'examples', 'app', 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  if (!existsSync(path.join(dir, 'package.json'))) writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `scratch-${name}`, private: true, type: 'module' }));
  if (config !== undefined) writeFileSync(path.join(dir, 'eslint.config.js'), config);
  // ESLint 10 is this repository's: give `npx eslint` its bin here, as an install would.
  const bin = path.join(dir, 'node_modules', '.bin', 'eslint');
  if (!existsSync(bin)) {
    mkdirSync(path.dirname(bin), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), bin);
  }
  return dir;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(root, 'test', '.tmp-audit-'));
  const stage = path.join(tmp, 'package');
  mkdirSync(stage);
  project.eslint9 = path.join(tmp, 'eslint9');
  mkdirSync(project.eslint9);
  writeFileSync(path.join(project.eslint9, 'package.json'), JSON.stringify({ name: 'scratch-eslint9', private: true, type: 'module' }));

  // The build and the ESLint 9 download at the same time.
  const build = execFileAsync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')], {
    cwd: root,
  });
  const install = execFileAsync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ESLINT_9], { cwd: project.eslint9 });
  await build;
  for (const file of ['package.json', 'README.md', 'LICENSE']) if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(stage, file));
  cpSync(path.join(root, 'rules-docs'), path.join(stage, 'rules-docs'), { recursive: true });
  const pack = await execFileAsync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: stage });
  [packed] = JSON.parse(pack.stdout) as [{ files: { path: string }[]; filename: string }];
  tarball = path.join(tmp, (packed as unknown as { filename: string }).filename);

  project.bare = scratchProject('bare', undefined);
  project.audit = scratchProject('audit', PROJECT_CONFIG);
  project.ci = scratchProject('ci', README_CONFIG);
  await install;
  scratchProject('eslint9', README_CONFIG);
}, 240_000);

afterAll(() => {
  if (tmp !== '' && process.env.KEEP_SCRATCH === undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('packaging', () => {
  it('packs only the build, the rule docs, the README and package.json', () => {
    const outside = packed.files.map((file) => file.path).filter((file) => !/^dist\/.+\.(?:js|d\.ts)$/u.test(file) && !/^rules-docs\/[\w-]+\.md$/u.test(file));
    expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json'].filter((file) => file !== 'LICENSE' || existsSync(path.join(root, file))));
    expect(pkg.files.sort()).toEqual(['README.md', 'dist', 'rules-docs']);
    for (const rule of Object.keys(plugin.rules)) expect(packed.files.map((file) => file.path)).toContain(`rules-docs/${rule}.md`);
  });

  it('ships every file the exports map names, with type declarations', () => {
    const files = new Set(packed.files.map((file) => file.path));
    const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    expect(targets.length).toBeGreaterThan(3);
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//u, ''));
    expect(pkg.exports['./formatter']).toEqual({ types: './dist/formatters/audit.d.ts', default: './dist/formatters/audit.js' });
  });

  it('declares the Node versions that require() an ES module, and both ESLint majors', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
    expect(pkg.peerDependencies.eslint).toBe('^9.0.0 || ^10.0.0');
  });

  it('ESLint 9 lints the example service with the README config', () => {
    const version = eslint(project.eslint9, ['--version']);
    expect(version.stdout.trim()).toMatch(/^v9\./u);
    const result = eslint(project.eslint9, ['-f', 'json', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    expect(findings(json(result), project.eslint9)).toEqual(TYPED_FINDINGS);
  });

  // ESLint 10 with the same config: the SARIF run below (CI).
});

/** Results kept for the later tests that compare with them. */
let typed: Result[];
let untyped: Result[];
let withProjectConfig: Result[];

describe('audit one-liners', () => {
  it('typed: npx eslint --no-config-lookup … --parser-options projectService:true … src/', () => {
    const result = eslint(project.bare, [...TYPED_AUDIT, '-f', 'json', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    typed = json(result);
    expect(findings(typed, project.bare)).toEqual(TYPED_FINDINGS);
  });

  it('untyped: the same without --parser-options (and with --cache, used below)', () => {
    const result = eslint(project.bare, [...UNTYPED_AUDIT, ...CACHE, '-f', 'json', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    untyped = json(result);
    expect(findings(untyped, project.bare)).toEqual(UNTYPED_FINDINGS);
  });

  it('ignores a project’s own eslint.config.js, and the audit formatter prints the table', () => {
    const result = eslint(project.audit, [...UNTYPED_AUDIT, '-f', FORMATTER, 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    // The same findings as without a config file: no no-restricted-imports, no typescript-eslint rules.
    expect(result.stdout.trimEnd()).toBe(auditFormatter(untyped, { cwd: project.bare }).trimEnd());
    expect(result.stdout).toContain('connection-reuse audit: 9 findings in 5 files (7 files linted)');
    expect(result.stdout).toMatch(/^no-client-in-handler {2}pg {7}request to this Express route {2,}2 {6}1$/mu);
    // The typed findings through the same formatter, in-process: the Lambda handler's client too.
    expect(auditFormatter(typed, { cwd: project.bare })).toContain('connection-reuse audit: 10 findings in 6 files (7 files linted)');
  });

  it('adds the rule to a project’s own config: npx eslint --plugin connection-reuse --rule … src/', () => {
    const result = eslint(project.audit, [...AUDIT_WITH_PROJECT_CONFIG, '-f', 'json', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    withProjectConfig = json(result);
    const all = findings(withProjectConfig, project.audit);
    expect(all.filter((finding) => finding.startsWith('connection-reuse/'))).toEqual(UNTYPED_FINDINGS);
    // The project's own rules still report (here: its house rule against importing pg directly).
    expect(all.filter((finding) => finding.startsWith('no-restricted-imports ')).length).toBeGreaterThan(0);
  });

  it('the formatter is also reachable through the package’s exports', () => {
    const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', `process.stdout.write(import.meta.resolve('${pkg.name}/formatter'))`], { cwd: project.bare, encoding: 'utf8' });
    expect(resolved.stdout).toBe(`file://${path.join(project.bare, 'node_modules', pkg.name, 'dist', 'formatters', 'audit.js')}`);
  });
});

describe('CI', () => {
  it('SARIF: ESLint 10 with the README config, one result per finding, each rule with its docs URL', () => {
    expect(eslint(project.ci, ['--version']).stdout.trim()).toMatch(/^v10\./u);
    const result = eslint(project.ci, ['-f', '@microsoft/eslint-formatter-sarif', '-o', 'eslint.sarif', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(project.ci, 'eslint.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    const rules = run?.tool.driver.rules ?? [];
    const results = run?.results ?? [];
    expect(
      results
        .map(({ ruleId, locations: [location] }) => `${ruleId} ${path.relative(project.ci, new URL(location?.physicalLocation.artifactLocation.uri ?? '').pathname)}:${location?.physicalLocation.region.startLine}:${location?.physicalLocation.region.startColumn}`)
        .sort(),
    ).toEqual(TYPED_FINDINGS);
    for (const { ruleId, ruleIndex, level } of results) {
      expect(level).toBe('error');
      const name = ruleId.replace('connection-reuse/', '') as keyof typeof plugin.rules;
      expect(rules[ruleIndex]).toMatchObject({ id: ruleId, helpUri: plugin.rules[name].meta.docs?.url });
      expect(rules[ruleIndex]?.helpUri).toBe(`https://github.com/connection-reuse/eslint-plugin-connection-reuse/blob/main/rules-docs/${name}.md`);
    }
  });

  describe('exit codes', () => {
    const warn = (file: string, extra: string[]): SpawnSyncReturns<string> =>
      eslint(project.bare, [...UNTYPED_AUDIT.slice(0, -1), `${HANDLER}: warn`, ...extra, file]);

    it('errors: 1 (above); warnings only: 0', () => {
      const result = warn('src/api.ts', []);
      expect(result.stdout).toContain('3 problems (0 errors, 3 warnings)');
      expect(result.status, describeRun(result)).toBe(0);
    });

    it('--max-warnings 0 with warnings: 1', () => {
      const result = warn('src/api.ts', ['--max-warnings', '0']);
      expect(result.stdout + result.stderr).toContain('ESLint found too many warnings (maximum: 0).');
      expect(result.status, describeRun(result)).toBe(1);
    });

    it('no findings: 0', () => {
      const result = warn('src/db.ts', ['--max-warnings', '0']);
      expect(result.stdout, describeRun(result)).toBe('');
      expect(result.status, describeRun(result)).toBe(0);
    });
  });

  it('--cache: the second run reads the cache and gives the same results', () => {
    // Results carry `stats` only when a file is linted: none on a cache hit.
    const result = eslint(project.bare, [...UNTYPED_AUDIT, ...CACHE, '--stats', '-f', 'json', 'src/']);
    expect(result.status, describeRun(result)).toBe(1);
    const second = json(result);
    expect(existsSync(path.join(project.bare, 'node_modules', '.cache', 'eslint'))).toBe(true);
    expect(second.map((file) => file.stats)).toEqual(second.map(() => undefined));
    expect(second).toEqual(untyped);
  });

  it('--concurrency 2 (worker threads load the plugin and the project config) gives the results of one thread', () => {
    const threaded = eslint(project.audit, ['--concurrency', '2', ...AUDIT_WITH_PROJECT_CONFIG, '-f', 'json', 'src/']);
    expect(threaded.status, describeRun(threaded)).toBe(1);
    expect(threaded.stderr).not.toMatch(/Error/u);
    expect(json(threaded)).toEqual(withProjectConfig);
    expect(findings(json(threaded), project.audit).filter((finding) => finding.startsWith('connection-reuse/'))).toEqual(UNTYPED_FINDINGS);
  });
});
