/**
 * The robustness sweep (issue 5): every rule, on every `.ts`/`.js` file of a few large packages in
 * node_modules — code the rules were not written against. Untyped for the built JavaScript (pg,
 * ioredis, mongodb), typed for mongodb's TypeScript sources (one program from its own tsconfig, so
 * helpers are followed across its files) and for TypeScript's lib and @types/node declarations.
 * Asserts no crash (no thrown error, no fatal message) and prints the slowest files.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = path.join(root, 'node_modules');
const RULES = Object.fromEntries(Object.keys(plugin.rules).map((rule) => [`connection-reuse/${rule}`, 'error' as const]));

function filesUnder(directory: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, pattern));
    else if (pattern.test(entry)) found.push(full);
  }
  return found.sort();
}

interface Timing {
  readonly file: string;
  readonly ms: number;
}

interface Sweep {
  readonly crashes: string[];
  readonly timings: Timing[];
}

/**
 * Lints each file with a linter rooted at the package (so ESLint's default `node_modules` ignore
 * does not apply) and records how long each took.
 */
function sweep(packageDir: string, files: readonly string[], languageOptions: Linter.Config['languageOptions']): Sweep {
  const linter = new Linter({ cwd: packageDir });
  const config: Linter.Config[] = [
    { files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions, plugins: { 'connection-reuse': plugin as never }, rules: RULES },
  ];
  const crashes: string[] = [];
  const timings: Timing[] = [];
  for (const file of files) {
    const started = performance.now();
    try {
      const messages = linter.verify(readFileSync(file, 'utf8'), config, { filename: file });
      for (const message of messages) if (message.fatal === true) crashes.push(`${path.relative(modules, file)}: ${message.message}`);
    } catch (error) {
      crashes.push(`${path.relative(modules, file)}: ${(error as Error).stack ?? String(error)}`);
    }
    timings.push({ file: path.relative(modules, file), ms: performance.now() - started });
  }
  return { crashes, timings };
}

function programFrom(tsconfig: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true, skipLibCheck: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  return ts.createProgram(parsed.fileNames, parsed.options);
}

const all: Timing[] = [];

describe('robustness sweep: every rule on large packages from node_modules', () => {
  const untyped: Linter.Config['languageOptions'] = { ecmaVersion: 'latest', sourceType: 'commonjs' };

  for (const [name, directory] of [
    ['pg', 'pg/lib'],
    ['ioredis', 'ioredis/built'],
    ['mongodb', 'mongodb/lib'],
  ] as const) {
    it(`${name}: ${directory}/**/*.js without type information`, () => {
      const files = filesUnder(path.join(modules, directory), /\.[cm]?js$/u);
      expect(files.length).toBeGreaterThan(10);
      const { crashes, timings } = sweep(path.join(modules, name), files, untyped);
      all.push(...timings);
      expect(crashes).toEqual([]);
    });
  }

  it('mongodb: src/**/*.ts with type information (one program, helpers followed across files)', () => {
    const program = programFrom(path.join(modules, 'mongodb', 'tsconfig.json'));
    const files = filesUnder(path.join(modules, 'mongodb', 'src'), /\.ts$/u).filter((file) => program.getSourceFile(file) !== undefined);
    expect(files.length).toBeGreaterThan(100);
    const { crashes, timings } = sweep(path.join(modules, 'mongodb'), files, { parser: tsParser, parserOptions: { programs: [program] } });
    all.push(...timings);
    expect(crashes).toEqual([]);
  });

  it("typescript's lib and @types/node declarations with type information", () => {
    const declarations = [
      // Not the DOM and web worker libs: 10 s of parsing more interfaces of the same shapes.
      ...filesUnder(path.join(modules, 'typescript', 'lib'), /^lib\.(?!dom|webworker).*\.d\.ts$/u),
      ...filesUnder(path.join(modules, '@types', 'node'), /\.d\.ts$/u),
    ];
    const program = ts.createProgram(declarations, { noEmit: true, skipLibCheck: true, noLib: true, types: [] });
    const files = declarations.filter((file) => program.getSourceFile(file) !== undefined);
    expect(files.length).toBeGreaterThan(100);
    const { crashes, timings } = sweep(modules, files, { parser: tsParser, parserOptions: { programs: [program] } });
    all.push(...timings);
    expect(crashes).toEqual([]);
  });

  it('prints the slowest files', () => {
    const slowest = [...all].sort((a, b) => b.ms - a.ms).slice(0, 5);
    const total = all.reduce((sum, timing) => sum + timing.ms, 0);
    console.log(
      `robustness sweep: ${String(all.length)} files in ${(total / 1000).toFixed(1)} s; slowest:\n${slowest.map((t) => `  ${t.ms.toFixed(0).padStart(6)} ms  ${t.file}`).join('\n')}`,
    );
    expect(all.length).toBeGreaterThan(300);
  });
});
