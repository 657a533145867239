#!/usr/bin/env node
/**
 * `npm run bench:connections`: the connection budget against the real servers on loopback, with
 * the built plugin (dist/). Prints the table and writes bench/out/connections.json.
 * Options: --n 2000 (requests per version), --concurrency 20, --only name,name
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin from '../dist/index.js';
import { formatTable, missingServers, missingServersMessage, ROOT, runBudget } from './budget.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '20' }, only: { type: 'string' } } });
const n = Number(values.n);
const concurrency = Number(values.concurrency);
if (!(n > 0 && n <= 20_000 && concurrency > 0 && concurrency <= 100)) throw new Error('--n must be 1..20000 and --concurrency 1..100');

const missing = await missingServers();
if (missing.length > 0) {
  console.error(missingServersMessage(missing));
  process.exit(1);
}

const report = await runBudget({
  n,
  concurrency,
  ESLint,
  plugin,
  parser: tsParser,
  only: values.only?.split(','),
  log: (line) => console.error(line),
});

console.log(formatTable(report));
for (const row of report.rows) {
  if (row.suggestions.length > 0) console.log(`${row.scenario}: applied suggestion(s): ${row.suggestions.join('; ')}`);
  if (row.remainingFindings.length > 0) console.log(`${row.scenario}: still reported after the fix: ${row.remainingFindings.join(' | ')}`);
  for (const [label, run] of [['original', row.before], ['fixed', row.after]]) if (run && run.failed > 0) console.log(`${row.scenario} (${label}): failures ${JSON.stringify(run.errors)}`);
}
const out = path.join(ROOT, 'bench', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'connections.json'), `${JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2)}\n`);
console.log(`\nwritten: ${path.relative(process.cwd(), path.join(out, 'connections.json'))}`);
