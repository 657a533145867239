#!/usr/bin/env node
/**
 * `npm run bench`: what the rules cost, against typed parsing and a reference typed rule.
 *
 * Generates (from a seed) a synthetic service codebase of N files under bench/out/corpus-<N>/ and
 * lints it in a fresh child process per run (bench/lint.mjs) with five configurations:
 *   a  typed parser (projectService), no rules        — the cost of type information itself
 *   b  @typescript-eslint/no-floating-promises alone  — a reference typed rule
 *   c  connection-reuse recommended, typed
 *   d  connection-reuse recommended, untyped
 *   e  core no-unused-vars, untyped                    — a reference untyped rule
 * One warm-up run of (a) at the first N (discarded; it fills the file cache with the library types),
 * then the configurations round-robin
 * so that drifting load on the machine hits them alike. Reports medians of wall time (around
 * `lintFiles`) and peak memory (maxRSS), the ratios (c−a)/a and (c−a)/(b−a), and — the robust
 * figures on a busy machine — each rule's own time from ESLint's `stats` as a share of the parse
 * time measured in the same process. Prints a table and writes bench/out/bench.json.
 *
 * Options:
 *   --n 100,1000,3000    corpus sizes (default: 100,1000,3000)
 *   --runs 3             measured runs per configuration (default 3; see --runs-large)
 *   --runs-large 1       runs for N ≥ 3000 (default 1)
 *   --configs a,b,c,d,e  configurations (default all; b is skipped at N ≥ 3000 unless --full)
 *   --full               run b at every N as well
 *   --seed 1             corpus seed
 *   --profile            also run c once under `node --cpu-prof` at the middle N and summarise it
 *   --no-build           use dist/ as it is
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.mjs';
import { summariseProfile } from './profile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const LINT = path.join(ROOT, 'bench', 'lint.mjs');
const NFP = '@typescript-eslint/no-floating-promises';
const UNUSED = 'no-unused-vars';
const LABELS = {
  a: 'typed parser, no rules',
  b: 'no-floating-promises (typed)',
  c: 'connection-reuse (typed)',
  d: 'connection-reuse (untyped)',
  e: 'no-unused-vars (untyped)',
};
const TARGETS = { shareOfParse: 0.05, shareOfNfp: 0.25, untypedRatio: 2, exponent: 1.15 };

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100,1000,3000' },
    runs: { type: 'string', default: '3' },
    'runs-large': { type: 'string', default: '1' },
    configs: { type: 'string', default: 'a,b,c,d,e' },
    full: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const sizes = values.n.split(',').map(Number).sort((x, y) => x - y);
const runs = Number(values.runs);
const runsLarge = Number(values['runs-large']);
const seed = Number(values.seed);
const configs = values.configs.split(',').filter((c) => c in LABELS);
if (!sizes.every((n) => Number.isInteger(n) && n >= 5 && n <= 20_000)) throw new Error('--n: sizes from 5 to 20000');
if (!(runs >= 1 && runsLarge >= 1)) throw new Error('--runs and --runs-large must be ≥ 1');
if (configs.length === 0) throw new Error('--configs: some of a,b,c,d,e');

const benchStarted = performance.now();
if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function lintOnce(config, dir, nodeArgs = []) {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [...nodeArgs, LINT, config, dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const processMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`lint ${config} ${dir} failed (${child.status}):\n${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
  if (result.fatal > 0) throw new Error(`lint ${config} ${dir}: ${result.fatal} parse errors`);
  return { ...result, processMs };
}

const log = (line) => process.stderr.write(`${line}\n`);
const report = { seed, node: process.version, cpus: (await import('node:os')).cpus().length, targets: TARGETS, sizes: [] };

for (const n of sizes) {
  const dir = path.join(OUT, `corpus-${n}`);
  const corpus = generateCorpus({ n, seed, dir });
  const runsHere = n >= 3000 ? runsLarge : runs;
  const here = configs.filter((c) => c !== 'b' || n < 3000 || values.full);
  log(`N=${n}: ${corpus.lines} lines, ${corpus.violations} files with a finding; ${n === sizes[0] ? 'warm-up, then ' : ''}${runsHere} × [${here.join(' ')}]`);
  if (n === sizes[0]) lintOnce(here.includes('a') ? 'a' : here[0], dir);
  const samples = Object.fromEntries(here.map((c) => [c, []]));
  for (let r = 0; r < runsHere; r++) {
    for (const c of here) {
      const s = lintOnce(c, dir);
      samples[c].push(s);
      log(`  run ${r + 1} ${c}: ${(s.wallMs / 1000).toFixed(1)} s, parse ${(s.parseMs / 1000).toFixed(1)} s, rules ${(s.rulesMs / 1000).toFixed(2)} s, ${Math.round(s.maxRssMb)} MB`);
    }
  }
  const byConfig = {};
  for (const [c, list] of Object.entries(samples)) {
    const rules = [...new Set(list.flatMap((s) => Object.keys(s.ruleMs)))];
    byConfig[c] = {
      label: LABELS[c],
      runs: list.length,
      files: list[0].files,
      wallMs: median(list.map((s) => s.wallMs)),
      processMs: median(list.map((s) => s.processMs)),
      maxRssMb: median(list.map((s) => s.maxRssMb)),
      parseMs: median(list.map((s) => s.parseMs)),
      rulesMs: median(list.map((s) => s.rulesMs)),
      pluginMs: median(list.map((s) => s.pluginMs)),
      ruleMs: Object.fromEntries(rules.map((rule) => [rule, median(list.map((s) => s.ruleMs[rule] ?? 0))])),
      // Per process, then the median: both figures come from the same process, so load cancels.
      rulesShareOfParse: median(list.map((s) => s.rulesMs / s.parseMs)),
      msPerFile: median(list.map((s) => s.wallMs / s.files)),
      reports: list[0].reports,
      pluginSplit: list[0].pluginSplit && Object.fromEntries(Object.keys(list[0].pluginSplit).map((key) => [key, median(list.map((s) => s.pluginSplit[key]))])),
      samples: list.map(({ wallMs, processMs, parseMs, rulesMs, maxRssMb }) => ({ wallMs, processMs, parseMs, rulesMs, maxRssMb })),
    };
  }
  const { a, b, c, d, e } = byConfig;
  const ratios = {};
  if (a && c) ratios.cOverA = (c.wallMs - a.wallMs) / a.wallMs;
  if (a && b && c) ratios.cOverBminusA = (c.wallMs - a.wallMs) / (b.wallMs - a.wallMs);
  if (c) ratios.pluginShareOfParse = c.rulesShareOfParse;
  if (b) ratios.nfpShareOfParse = b.rulesShareOfParse;
  if (b && c) ratios.pluginOverNfp = c.pluginMs / b.ruleMs[NFP];
  if (d && e) {
    ratios.untypedWallDoverE = d.wallMs / e.wallMs;
    ratios.untypedRulesDoverE = d.pluginMs / e.ruleMs[UNUSED];
  }
  report.sizes.push({ n, lines: corpus.lines, filesWithFinding: corpus.violations, kinds: corpus.kinds, runs: runsHere, configs: byConfig, ratios });
}

// Growth with N: the exponent k in time ∝ N^k between the smallest and the largest N (1 = linear).
const growth = {};
if (report.sizes.length >= 2) {
  const first = report.sizes[0];
  const last = report.sizes.at(-1);
  const k = (x0, x1) => Math.log(x1 / x0) / Math.log(last.n / first.n);
  for (const c of Object.keys(last.configs)) {
    if (!first.configs[c]) continue;
    growth[c] = { wall: k(first.configs[c].wallMs, last.configs[c].wallMs), parse: k(first.configs[c].parseMs, last.configs[c].parseMs) };
    if (last.configs[c].rulesMs > 0) growth[c].rules = k(first.configs[c].rulesMs, last.configs[c].rulesMs);
  }
}
report.growth = growth;

if (values.profile) {
  const n = sizes[Math.floor((sizes.length - 1) / 2)];
  const profileDir = path.join(OUT, 'profiles');
  rmSync(profileDir, { recursive: true, force: true });
  log(`profiling c at N=${n} (node --cpu-prof)…`);
  lintOnce('c', path.join(OUT, `corpus-${n}`), ['--cpu-prof', '--cpu-prof-dir', profileDir]);
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  report.profile = { n, file: path.relative(ROOT, path.join(profileDir, file)), ...summariseProfile(path.join(profileDir, file)) };
}

// Targets, judged at every N on the in-process figures (wall-time differences are reported, not judged).
const verdicts = [];
for (const size of report.sizes) {
  const r = size.ratios;
  if (r.pluginShareOfParse !== undefined) verdicts.push({ n: size.n, target: `plugin rules ≤ ${TARGETS.shareOfParse * 100}% of typed parse time`, value: r.pluginShareOfParse, met: r.pluginShareOfParse <= TARGETS.shareOfParse });
  if (r.pluginOverNfp !== undefined) verdicts.push({ n: size.n, target: `plugin rules ≤ ${TARGETS.shareOfNfp * 100}% of no-floating-promises`, value: r.pluginOverNfp, met: r.pluginOverNfp <= TARGETS.shareOfNfp });
  if (r.untypedWallDoverE !== undefined) verdicts.push({ n: size.n, target: `untyped (d) wall ≤ ${TARGETS.untypedRatio}× (e)`, value: r.untypedWallDoverE, met: r.untypedWallDoverE <= TARGETS.untypedRatio });
}
if (growth.c?.rules !== undefined) verdicts.push({ n: `${report.sizes[0].n}→${report.sizes.at(-1).n}`, target: `plugin rule time linear in N (exponent ≤ ${TARGETS.exponent})`, value: growth.c.rules, met: growth.c.rules <= TARGETS.exponent });
if (growth.d?.rules !== undefined) verdicts.push({ n: `${report.sizes[0].n}→${report.sizes.at(-1).n}`, target: `untyped plugin rule time linear in N (exponent ≤ ${TARGETS.exponent})`, value: growth.d.rules, met: growth.d.rules <= TARGETS.exponent });
report.verdicts = verdicts;
report.benchSeconds = (performance.now() - benchStarted) / 1000;
writeFileSync(path.join(OUT, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);

// ---- the table ----
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const lines = [];
lines.push(`| N | configuration | runs | wall s | ms/file | parse s | rules s | rules / parse | peak MB |`);
lines.push(`|---:|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const size of report.sizes) {
  for (const [c, s] of Object.entries(size.configs)) {
    lines.push(`| ${size.n} | (${c}) ${s.label} | ${s.runs} | ${sec(s.wallMs)} | ${s.msPerFile.toFixed(1)} | ${sec(s.parseMs)} | ${sec(s.rulesMs)} | ${c === 'a' ? '–' : pct(s.rulesShareOfParse)} | ${Math.round(s.maxRssMb)} |`);
  }
}
lines.push('');
lines.push(`| N | (c−a)/a wall | (c−a)/(b−a) wall | plugin / typed parse | nfp / typed parse | plugin / nfp | untyped d/e wall | d/e rules |`);
lines.push(`|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const size of report.sizes) {
  const r = size.ratios;
  lines.push(`| ${size.n} | ${pct(r.cOverA)} | ${pct(r.cOverBminusA)} | ${pct(r.pluginShareOfParse)} | ${pct(r.nfpShareOfParse)} | ${pct(r.pluginOverNfp)} | ${r.untypedWallDoverE?.toFixed(2) ?? '–'}× | ${r.untypedRulesDoverE?.toFixed(2) ?? '–'}× |`);
}
lines.push('');
lines.push(`Per rule (median ms):`);
for (const size of report.sizes) {
  const parts = [];
  for (const [c, s] of Object.entries(size.configs)) for (const [rule, ms] of Object.entries(s.ruleMs)) parts.push(`${c}:${rule.replace('connection-reuse/', '')} ${Math.round(ms)}`);
  lines.push(`  N=${size.n}: ${parts.join(', ')}`);
}
lines.push(`Where (c)'s rule time goes (medians): the first file (program-wide analyses), the files with findings, the others:`);
for (const size of report.sizes) {
  const split = size.configs.c?.pluginSplit;
  if (split === undefined) continue;
  const perFile = (ms, files) => (files === 0 ? '' : ` (${((ms / files) * 1000).toFixed(0)} µs/file)`);
  lines.push(
    `  N=${size.n}: first ${Math.round(split.firstFileMs)} ms; ${split.withFindingsFiles} with findings ${Math.round(split.withFindingsMs)} ms${perFile(split.withFindingsMs, split.withFindingsFiles)}; ${split.otherFiles} others ${Math.round(split.otherMs)} ms${perFile(split.otherMs, split.otherFiles)}`,
  );
}
if (Object.keys(growth).length > 0) {
  lines.push(`Growth exponent (time ∝ N^k, ${report.sizes[0].n}→${report.sizes.at(-1).n}): ${Object.entries(growth).map(([c, g]) => `${c}: wall ${g.wall.toFixed(2)}, parse ${g.parse.toFixed(2)}${g.rules === undefined ? '' : `, rules ${g.rules.toFixed(2)}`}`).join('; ')}`);
}
lines.push('');
lines.push(`Targets:`);
for (const v of verdicts) lines.push(`  ${v.met ? 'met   ' : 'MISSED'}  N=${v.n}  ${v.target}: ${v.target.includes('exponent') || v.target.includes('×') ? v.value.toFixed(2) : pct(v.value)}`);
if (report.profile) {
  lines.push('');
  lines.push(`CPU profile of (c) at N=${report.profile.n} (${report.profile.file}): ${report.profile.pluginMs} ms of ${report.profile.totalMs} ms sampled under the plugin's functions.`);
  lines.push(`  plugin functions by inclusive time:`);
  for (const f of report.profile.pluginInclusive) lines.push(`    ${String(f.ms).padStart(7)} ms  ${f.name}`);
  lines.push(`  leaf functions (self time) under the plugin:`);
  for (const f of report.profile.underPluginSelf) lines.push(`    ${String(f.ms).padStart(7)} ms  ${f.name}`);
}
lines.push('');
lines.push(`${report.benchSeconds.toFixed(0)} s in all; JSON: ${path.relative(ROOT, path.join(OUT, 'bench.json'))}`);
process.stdout.write(`${lines.join('\n')}\n`);
