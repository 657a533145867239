#!/usr/bin/env node
/**
 * Compares two builds of the plugin by the wall time of `Linter#verify` over files parsed once,
 * with ESLint's `stats` off: what a change costs in ESLint's traversal too (a selector's matching
 * runs there, where `stats` does not look) and without the timer `stats` wraps around every
 * listener call (a change that drops calls drops timers too). `bench/paired.mjs` tells a few
 * microseconds of rule time apart; this tells whether they are spent at all.
 *
 *   node bench/verify-paired.mjs <dir A> <dir B> [--corpus bench/out/corpus-1000] [--rounds 8] [--untyped] [--rule name]
 *
 * Each directory holds a built plugin (see `bench/paired.mjs`). Every file is parsed once (with
 * type information unless `--untyped`); then each round lints all of them with A's recommended
 * rules and with B's, in alternating order. Round 1 includes each build's program-wide analyses
 * (`reachingNames`); the later rounds find them memoised, so their median is the per-file cost.
 * Keeps every parsed file in memory (at N = 3,000 with types, about 3 GB), and collecting that heap
 * makes single rounds vary by a third: `--rule` lints with one rule only, whose shorter rounds
 * resolve more (the `require-keep-alive` selector, untyped at 3,000: 16 rounds, 719 against 755 ms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string', default: 'bench/out/corpus-1000' },
    rounds: { type: 'string', default: '8' },
    untyped: { type: 'boolean', default: false },
    rule: { type: 'string' },
  },
});
const [dirA, dirB] = positionals.map((dir) => path.resolve(dir));
if (dirA === undefined || dirB === undefined) {
  console.error('usage: node bench/verify-paired.mjs <dir A> <dir B> [--corpus dir] [--rounds n] [--untyped] [--rule name]');
  process.exit(2);
}
const corpus = path.resolve(values.corpus);

const { Linter } = await import('eslint');
const { default: tsParser } = await import('@typescript-eslint/parser');
const load = async (dir) => (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)).default;
const builds = { A: await load(dirA), B: await load(dirB) };

const linter = new Linter({ cwd: corpus, configType: 'flat' });
const parsing = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: values.untyped ? {} : { projectService: true, tsconfigRootDir: corpus } } }];
const parsed = sourceFiles(path.join(corpus, 'src')).map((filename) => {
  linter.verify(fs.readFileSync(filename, 'utf8'), parsing, { filename });
  return { filename, sourceCode: linter.getSourceCode() };
});

/** A build's rules (or the one asked for) over the parsed files: milliseconds. */
function lintAll(plugin) {
  const ruleNames = values.rule === undefined ? Object.keys(plugin.rules) : [values.rule];
  const config = [{ ...parsing[0], plugins: { p: plugin }, rules: Object.fromEntries(ruleNames.map((rule) => [`p/${rule}`, 'warn'])) }];
  const start = performance.now();
  for (const { filename, sourceCode } of parsed) linter.verify(sourceCode, config, { filename });
  return performance.now() - start;
}

const times = { A: [], B: [] };
for (let round = 0; round < Number(values.rounds); round++) {
  for (const name of round % 2 === 0 ? ['A', 'B'] : ['B', 'A']) times[name].push(lintAll(builds[name]));
}
const median = (list) => [...list].sort((x, y) => x - y)[list.length >> 1] ?? 0;
for (const name of ['A', 'B']) console.log(`${name}: round 1 ${times[name][0].toFixed(0)} ms; later rounds ${times[name].slice(1).map((ms) => ms.toFixed(0)).join(' ')}`);
const later = median(times.B.slice(1)) - median(times.A.slice(1));
console.log(`B − A over ${parsed.length} files: round 1 ${fmt(times.B[0] - times.A[0])} ms (B ran second); later rounds' medians ${fmt(later)} ms`);

function fmt(value) {
  return (value >= 0 ? '+' : '') + value.toFixed(1);
}

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
