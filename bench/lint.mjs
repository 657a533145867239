#!/usr/bin/env node
/**
 * One measured lint of a corpus, in its own process so each configuration starts with fresh memory
 * and no warm type checker: `node bench/lint.mjs <config> <corpus dir>` prints one JSON line.
 *
 * Configurations (see CONFIGS): a = typed parser, no rules; b = no-floating-promises alone (typed);
 * c = the plugin's recommended config (typed); d = c without type information; e = core
 * no-unused-vars (untyped). Times come from ESLint's `stats: true` (per file: parse, each rule),
 * the wall time from around `lintFiles`, the peak memory from `process.resourceUsage().maxRSS`.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const { ESLint } = await import('eslint');
const { default: tsParser } = await import('@typescript-eslint/parser');
const { default: tsPlugin } = await import('@typescript-eslint/eslint-plugin');
const { default: plugin } = await import('../dist/index.js');
const imported = performance.now();

const PLUGIN_PREFIX = 'connection-reuse/';

export const CONFIGS = {
  a: 'typed parser, no rules',
  b: '@typescript-eslint/no-floating-promises (typed)',
  c: 'connection-reuse recommended (typed)',
  d: 'connection-reuse recommended (untyped)',
  e: 'core no-unused-vars (untyped)',
};

function configFor(name, dir) {
  const typed = { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } };
  const untyped = { parser: tsParser };
  const files = ['**/*.ts'];
  switch (name) {
    case 'a':
      return [{ files, languageOptions: typed }];
    case 'b':
      return [{ files, languageOptions: typed, plugins: { '@typescript-eslint': tsPlugin }, rules: { '@typescript-eslint/no-floating-promises': 'error' } }];
    case 'c':
      return [{ files, ...plugin.configs.recommended, languageOptions: typed }];
    case 'd':
      return [{ files, ...plugin.configs.recommended, languageOptions: untyped }];
    case 'e':
      return [{ files, languageOptions: untyped, rules: { 'no-unused-vars': 'error' } }];
    default:
      throw new Error(`unknown configuration ${name}; one of ${Object.keys(CONFIGS).join(', ')}`);
  }
}

const [name, dirArgument] = process.argv.slice(2);
const dir = dirArgument === undefined ? undefined : path.resolve(dirArgument);
if (name === undefined || dir === undefined) {
  console.error('usage: node bench/lint.mjs <a|b|c|d|e> <corpus dir>');
  process.exit(2);
}

const t0 = performance.now();
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: configFor(name, dir), stats: true, cache: false });
const results = await eslint.lintFiles(['src']);
const wallMs = performance.now() - t0;

let parseMs = 0;
let rulesMs = 0;
let totalMs = 0;
const ruleMs = {};
const reports = {};
let fatal = 0;
for (const result of results) {
  for (const pass of result.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    totalMs += pass.total ?? 0;
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) {
      ruleMs[rule] = (ruleMs[rule] ?? 0) + total;
      rulesMs += total;
    }
  }
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    const key = message.ruleId ?? 'fatal';
    reports[key] = (reports[key] ?? 0) + 1;
  }
}
const pluginMs = Object.entries(ruleMs)
  .filter(([rule]) => rule.startsWith(PLUGIN_PREFIX))
  .reduce((sum, [, ms]) => sum + ms, 0);

/**
 * Where the plugin's time goes, with types: the first file linted (which pays for the program-wide
 * analyses such as `reachingNames`, run at the first call the rules ask about: in the corpus, one
 * of the first file's), the files it reports in (fixes, suggestions, the deeper questions), and the
 * rest (the cheap filters, and what every file costs to look at). ESLint reads files concurrently,
 * so its results are not in linting order: the first file is the one whose parse built the
 * program, the longest.
 */
function pluginSplit() {
  const split = { firstFileMs: 0, withFindingsMs: 0, withFindingsFiles: 0, otherMs: 0, otherFiles: 0 };
  const parseOf = (result) => (result.stats?.times?.passes ?? []).reduce((sum, pass) => sum + (pass.parse?.total ?? 0), 0);
  const first = results.reduce((longest, result) => (longest === undefined || parseOf(result) > parseOf(longest) ? result : longest), undefined);
  for (const result of results) {
    let ms = 0;
    for (const pass of result.stats?.times?.passes ?? []) {
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) if (rule.startsWith(PLUGIN_PREFIX)) ms += total;
    }
    if (result === first) split.firstFileMs = ms;
    else if (result.messages.some((message) => message.ruleId?.startsWith(PLUGIN_PREFIX))) {
      split.withFindingsMs += ms;
      split.withFindingsFiles++;
    } else {
      split.otherMs += ms;
      split.otherFiles++;
    }
  }
  return split;
}

process.stdout.write(
  `${JSON.stringify({
    config: name,
    files: results.length,
    importMs: imported - started,
    wallMs,
    parseMs,
    rulesMs,
    pluginMs,
    pluginSplit: name === 'c' ? pluginSplit() : undefined,
    lintTotalMs: totalMs,
    ruleMs,
    reports,
    fatal,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
