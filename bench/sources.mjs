#!/usr/bin/env node
/**
 * The rules on real code: the TypeScript sources some installed packages ship (`node_modules/<pkg>/src`),
 * each copied with a plain `tsconfig.json` into `bench/out/sources/<pkg>/` (copied, not linked:
 * a file under `node_modules/` counts as a package's, not the project's) and linted once with the
 * plugin's recommended config and type information, in a fresh process. Prints each one's rules
 * as a share of its typed parse, per rule, and the findings and parse errors (both expected 0:
 * these are libraries, and the run is also a crash sweep).
 *
 *   npm run bench:sources                      # the packages below
 *   npm run bench:sources -- rxjs mongodb      # or these
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out', 'sources');
const LINT = path.join(ROOT, 'bench', 'lint.mjs');
const DEFAULT_PACKAGES = ['mongodb', 'rxjs', '@grpc/grpc-js', '@trpc/server', 'bson', 'pg-protocol', '@azure/msal-node', '@azure/msal-common'];

/** Loose enough for any library's sources: the rules need types, not a clean type check. */
const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', strict: false, skipLibCheck: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'], experimentalDecorators: true, esModuleInterop: true },
  include: ['src'],
};

/** The copy to lint, or `undefined` when the installed package ships no sources (some are only dependencies of dependencies). */
function prepare(pkg) {
  const sources = path.join(ROOT, 'node_modules', pkg, 'src');
  if (!existsSync(sources)) return undefined;
  const dir = path.join(OUT, pkg.replaceAll('/', '__'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(sources, path.join(dir, 'src'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  return dir;
}

const packages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_PACKAGES;
const lines = ['| sources | files | parse s | rules s | rules / parse | no-client-in-handler | no-client-in-loop | require-keep-alive | findings | parse errors |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const pkg of packages) {
  const dir = prepare(pkg);
  if (dir === undefined) {
    process.stderr.write(`${pkg}: not installed with its src/, skipped\n`);
    continue;
  }
  const child = spawnSync(process.execPath, [LINT, 'c', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) throw new Error(`lint of ${pkg} failed (${child.status}):\n${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
  const rule = (name) => `${Math.round(result.ruleMs[`connection-reuse/${name}`] ?? 0)} ms`;
  const findings = Object.entries(result.reports).filter(([id]) => id.startsWith('connection-reuse/')).reduce((sum, [, count]) => sum + count, 0);
  lines.push(
    `| ${pkg} | ${result.files} | ${(result.parseMs / 1000).toFixed(2)} | ${(result.rulesMs / 1000).toFixed(2)} | ${((100 * result.rulesMs) / result.parseMs).toFixed(1)}% | ${rule('no-client-in-handler')} | ${rule('no-client-in-loop')} | ${rule('require-keep-alive')} | ${findings} | ${result.fatal} |`,
  );
  process.stderr.write(`${lines.at(-1)}\n`);
}
console.log(lines.join('\n'));
