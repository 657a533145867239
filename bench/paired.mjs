#!/usr/bin/env node
/**
 * Compares two builds of the plugin in one process: both lint the same parsed files, so the parse,
 * the type checker and the machine's mood are shared, and the difference of their rule times per
 * file (ESLint's `stats`) resolves a few microseconds — where separate runs of `bench/lint.mjs`
 * differ by ±15%. The build whose rules run first on a file pays for warming what both read (about
 * 40 µs per file here), so each pair of runs swaps the order and the mean is reported.
 *
 *   node bench/paired.mjs <dir A> <dir B> [--corpus bench/out/corpus-1000] [--pairs 2] [--untyped]
 * `--untyped` lints without type information (the parser alone), as configuration (d) of `npm run bench`:
 * no type checker to share then, and no `reachingNames` on the first file.
 *
 * Each directory holds a built plugin (`dist/index.js`) that can resolve the dependencies, e.g.:
 *   git worktree add /tmp/before HEAD~1 && ln -s "$PWD/node_modules" /tmp/before/
 *   (cd /tmp/before && npx tsc -p tsconfig.build.json)
 * Generate the corpus with `npm run bench` first. Prints B − A: the first file (which pays for
 * `reachingNames`), and for the other files the mean difference with 5% trimmed at each end, times
 * their number, and the (upper) median difference per file — for each run and their mean.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await lintBoth(process.argv[3], process.argv[4], process.argv[5], process.argv[6] === 'untyped')));
} else {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { corpus: { type: 'string', default: 'bench/out/corpus-1000' }, pairs: { type: 'string', default: '2' }, untyped: { type: 'boolean', default: false } },
  });
  const [a, b] = positionals.map((dir) => path.resolve(dir));
  if (a === undefined || b === undefined) {
    console.error('usage: node bench/paired.mjs <dir A> <dir B> [--corpus dir] [--pairs n] [--untyped]');
    process.exit(2);
  }
  const corpus = path.resolve(values.corpus);
  const runs = [];
  for (let pair = 0; pair < Number(values.pairs); pair++) {
    for (const [first, second] of [[a, b], [b, a]]) {
      // A fresh process per run: no warm type checker, no memo left from the previous run.
      const run = JSON.parse(execFileSync(process.execPath, [HERE, '--child', first, second, corpus, values.untyped ? 'untyped' : 'typed'], { encoding: 'utf8' }));
      const sign = first === a ? 1 : -1;
      runs.push({ firstFile: sign * run.firstFile, restTrimmed: sign * run.restTrimmed, restMedianUs: sign * run.restMedianUs });
      console.log(`${first === a ? 'A first' : 'B first'}: B − A first file ${fmt(sign * run.firstFile)} ms, other files ${fmt(sign * run.restTrimmed)} ms (median ${fmt(sign * run.restMedianUs)} µs/file)`);
    }
  }
  const mean = (key) => runs.reduce((sum, run) => sum + run[key], 0) / runs.length;
  console.log(`mean B − A: first file ${fmt(mean('firstFile'))} ms; other files ${fmt(mean('restTrimmed'))} ms (median ${fmt(mean('restMedianUs'))} µs/file)`);
}

function fmt(value) {
  return (value >= 0 ? '+' : '') + value.toFixed(1);
}

/** Lints the corpus with both builds' recommended rules, `first`'s listed first; differences are second − first. */
async function lintBoth(first, second, corpus, untyped) {
  const { ESLint } = await import('eslint');
  const { default: tsParser } = await import('@typescript-eslint/parser');
  const load = async (dir) => (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)).default;
  const plugins = { first: await load(first), second: await load(second) };
  const rules = {};
  for (const [namespace, plugin] of Object.entries(plugins)) for (const rule of Object.keys(plugin.rules)) rules[`${namespace}/${rule}`] = 'warn';
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], plugins, rules, languageOptions: { parser: tsParser, parserOptions: untyped ? {} : { projectService: true, tsconfigRootDir: corpus } } }],
    stats: true,
    cache: false,
  });
  const files = (await eslint.lintFiles(['src'])).map((result) => {
    const time = { first: 0, second: 0 };
    for (const pass of result.stats?.times?.passes ?? []) for (const [rule, { total }] of Object.entries(pass.rules ?? {})) time[rule.split('/')[0]] += total;
    return time;
  });
  // The first file with any rule time pays for the program-wide analyses.
  const firstIndex = files.findIndex((time) => time.first + time.second > 0);
  if (firstIndex === -1) throw new Error(`no rule ran on the files of ${corpus}`);
  const differences = files.filter((_, index) => index !== firstIndex).map((time) => time.second - time.first).sort((x, y) => x - y);
  const trim = Math.floor(differences.length * 0.05);
  const kept = differences.slice(trim, differences.length - trim);
  return {
    firstFile: files[firstIndex].second - files[firstIndex].first,
    restTrimmed: (kept.reduce((sum, value) => sum + value, 0) / kept.length) * differences.length,
    restMedianUs: (differences[differences.length >> 1] ?? 0) * 1000,
  };
}
