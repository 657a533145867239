/**
 * The connection budget: runs each service in examples/budget/ as written (a client per request)
 * and as `eslint --fix` leaves it, fires N requests at each over loopback, and counts what the
 * server side accepted and the sockets left in TIME_WAIT. Shared by `npm run bench:connections`
 * (bench/connections.mjs, N = 2000) and test/e2e/connection-budget.test.ts (N = 300).
 *
 * Counters, all read on the server side and compared as deltas around one run:
 * - PostgreSQL: `pg_stat_database.sessions` of database `test` (PG 14+), read from database
 *   `postgres` so the reading session does not count; read after the service exits, when every
 *   backend has flushed its statistics.
 * - MariaDB/MySQL: `SHOW GLOBAL STATUS LIKE 'Connections'` over one long-lived connection.
 * - Redis: `total_connections_received` from `INFO stats` over one long-lived connection.
 * - RabbitMQ: `connection_created` from the broker's churn metrics
 *   (`rabbitmqctl eval 'ets:tab2list(connection_churn_metrics).'`, the table behind the
 *   management/prometheus "connections opened" counters; rabbitmqctl itself opens no AMQP connection).
 * - HTTP upstreams: `'connection'` events of the upstream server this module starts.
 * TIME_WAIT: `ss -Htan state time-wait` filtered by the server port (either side); the sockets
 * that are new since the run began (set difference of address pairs), read after the requests
 * finish and before the service stops.
 *
 * Everything is loopback only and bounded: N requests, `concurrency` in flight, a per-request
 * timeout and a deadline per run after which the rest count as failed.
 */
import { execFile, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICES_DIR = path.join(ROOT, 'examples', 'budget');
const CHILD = path.join(ROOT, 'bench', 'child.mjs');

/** The real servers, their loopback ports, and the `.ci/services` name that starts them. */
export const SERVERS = {
  postgres: { port: 5432, service: 'postgres', label: 'PostgreSQL' },
  mariadb: { port: 3306, service: 'mariadb', label: 'MariaDB' },
  redis: { port: 6379, service: 'redis', label: 'Redis' },
  rabbitmq: { port: 5672, service: 'rabbitmq', label: 'RabbitMQ' },
};

const UPSTREAM_PROXY_PORT = 48080;

/**
 * `budget`: the most connections the fixed service may open for the whole run (pool sizes, one
 * shared connection, or for HTTP the requests in flight times the fan-out).
 * `perRequest`: connections the original opens per request (the churn the run must show).
 */
export function scenarios(concurrency) {
  return [
    { name: 'http-gateway', file: 'http-gateway.mjs', server: 'upstream', method: 'GET', path: '/quote', perRequest: 2, budget: concurrency * 2, budgetWhy: `${concurrency} in flight × 2 upstream calls` },
    { name: 'amqp-publisher', file: 'amqp-publisher.mjs', server: 'rabbitmq', method: 'POST', path: '/orders', perRequest: 1, budget: 1, budgetWhy: 'one shared connection' },
    { name: 'http-proxy', file: 'http-proxy.mjs', server: 'upstream', upstreamPort: UPSTREAM_PROXY_PORT, method: 'GET', path: '/inventory', perRequest: 1, budget: concurrency, budgetWhy: `${concurrency} in flight` },
    { name: 'express-pg-pool', file: 'express-pg-pool.mjs', server: 'postgres', method: 'GET', path: '/users/count', perRequest: 1, budget: 10, budgetWhy: 'pg Pool max 10' },
    { name: 'express-pg-client', file: 'express-pg-client.mjs', server: 'postgres', method: 'GET', path: '/now', perRequest: 1, budget: 1, budgetWhy: 'one shared Client' },
    { name: 'express-ioredis', file: 'express-ioredis.mjs', server: 'redis', method: 'GET', path: '/visits', perRequest: 1, budget: 1, budgetWhy: 'one shared client' },
    { name: 'express-node-redis', file: 'express-node-redis.mjs', server: 'redis', method: 'GET', path: '/visits', perRequest: 1, budget: 1, budgetWhy: 'one shared client' },
    { name: 'express-mysql-pool', file: 'express-mysql-pool.mjs', server: 'mariadb', method: 'GET', path: '/tables', perRequest: 1, budget: 10, budgetWhy: 'mysql2 pool connectionLimit 10' },
    { name: 'express-mysql-connection', file: 'express-mysql-connection.mjs', server: 'mariadb', method: 'GET', path: '/version', perRequest: 1, budget: 1, budgetWhy: 'one shared connection' },
  ];
}

const SERVICE_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  MYSQL_URL: 'mysql://root@127.0.0.1:3306/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

// ---------------------------------------------------------------------------------------------
// Servers

function tcpAnswers(port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The servers (keys of SERVERS) that do not accept a TCP connection on loopback. */
export async function missingServers(names = Object.keys(SERVERS)) {
  const answers = await Promise.all(names.map((name) => tcpAnswers(SERVERS[name].port)));
  return names.filter((_, index) => !answers[index]);
}

export function missingServersMessage(missing) {
  return (
    `connection budget: ${missing.map((name) => `${SERVERS[name].label} (127.0.0.1:${SERVERS[name].port})`).join(', ')} not answering. ` +
    `Start ${missing.length > 1 ? 'them' : 'it'} with ${missing.map((name) => `\`bash .ci/services ${SERVERS[name].service}\``).join(', ')} ` +
    `(or \`bash .ci/services\` for all), or set CONNECTION_BUDGET=skip to skip these tests.`
  );
}

// ---------------------------------------------------------------------------------------------
// Server-side counters

async function openMonitors() {
  const [{ default: pg }, mysql, { default: Redis }] = await Promise.all([import('pg'), import('mysql2/promise'), import('ioredis')]);
  const postgres = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await postgres.connect();
  const mariadb = await mysql.createConnection('mysql://root@127.0.0.1:3306/test');
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  return {
    async postgres() {
      // Outside a transaction each statement sees fresh statistics; clear the snapshot to be sure.
      await postgres.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await postgres.query(`SELECT sessions::bigint AS n FROM pg_stat_database WHERE datname = 'test'`);
      return Number(rows[0]?.n ?? 0);
    },
    async mariadb() {
      const [rows] = await mariadb.query(`SHOW GLOBAL STATUS LIKE 'Connections'`);
      return Number(rows[0].Value);
    },
    async redis() {
      const info = await redis.info('stats');
      return Number(/total_connections_received:(\d+)/u.exec(info)?.[1] ?? Number.NaN);
    },
    async rabbitmq() {
      const { stdout } = await run('rabbitmqctl', ['eval', 'ets:tab2list(connection_churn_metrics).'], { timeout: 30_000 });
      // [{rabbit@host,ConnectionCreated,ConnectionClosed,ChannelCreated,ChannelClosed,QueueDeclared,QueueCreated,QueueDeleted}]
      const match = /\{[^,{}]+,(\d+),/u.exec(stdout);
      if (match === null) throw new Error(`cannot read RabbitMQ connection_created from rabbitmqctl: ${stdout}`);
      return Number(match[1]);
    },
    async close() {
      await Promise.allSettled([postgres.end(), mariadb.end(), redis.quit()]);
    },
  };
}

/** Reads a counter until two reads 250 ms apart agree (PostgreSQL flushes session stats as backends exit). */
async function settled(read, { tries = 12, interval = 250 } = {}) {
  let previous = await read();
  for (let i = 0; i < tries; i += 1) {
    await sleep(interval);
    const next = await read();
    if (next === previous) return next;
    previous = next;
  }
  return previous;
}

/** TIME_WAIT sockets with `port` on either side, as "local peer" address pairs. */
export async function timeWaitSockets(port) {
  const { stdout } = await run('ss', ['-Htan', 'state', 'time-wait', `( sport = :${port} or dport = :${port} )`], { maxBuffer: 64 * 1024 * 1024 });
  const pairs = new Set();
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/u);
    if (fields.length >= 4) pairs.add(`${fields[fields.length - 2]} ${fields[fields.length - 1]}`);
  }
  return pairs;
}

function countNew(before, after) {
  let count = 0;
  for (const pair of after) if (!before.has(pair)) count += 1;
  return count;
}

// ---------------------------------------------------------------------------------------------
// The local HTTP upstream (for the gateway and the proxy)

async function startUpstream(port = 0) {
  let connections = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url, ok: true }));
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`upstream cannot listen on 127.0.0.1:${port}: ${error.message}`)));
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    port: server.address().port,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The fix: the real ESLint class, `fix: true`, then the plugin's suggestions where it only suggests

/** Suggestion message ids of this plugin that are the fix for these services. */
const APPLIED_SUGGESTIONS = new Set(['hoistToModule', 'useKeepAliveAgent']);

/** The rules that produce the fix: the plugin's recommended config, over plain JavaScript. */
export function fixConfig(plugin, parser) {
  return { config: [{ files: ['**/*.mjs', '**/*.js'], languageOptions: { parser } }, plugin.configs.recommended], via: 'connection-reuse/recommended' };
}

function applySuggestion(code, fix) {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/**
 * `eslint --fix` through the API; where the plugin only suggests the change (amqplib connections,
 * pg Client, mysql2 connections, an http-proxy agent), the suggestion is applied as an editor would.
 * @returns {Promise<{ output: string, fixedBy: string, suggestions: string[], remaining: string[] }>}
 */
export async function fixService({ ESLint, config, cwd, filePath, code }) {
  const fixer = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, fix: true });
  const linter = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
  const [fixed] = await fixer.lintText(code, { filePath });
  let output = fixed.output ?? code;
  const byFix = output !== code;
  const suggestions = [];
  for (let round = 0; round < 5; round += 1) {
    const [result] = await linter.lintText(output, { filePath });
    const fatal = result.messages.find((message) => message.fatal);
    if (fatal) throw new Error(`fixed ${path.basename(filePath)} does not parse: ${fatal.message}`);
    const message = result.messages.find((candidate) => candidate.suggestions?.some((suggestion) => APPLIED_SUGGESTIONS.has(suggestion.messageId)));
    if (message === undefined) break;
    const suggestion = message.suggestions.find((candidate) => APPLIED_SUGGESTIONS.has(candidate.messageId));
    suggestions.push(`${message.ruleId}: ${suggestion.desc}`);
    output = applySuggestion(output, suggestion.fix);
    // A suggestion may enable further autofixes.
    const [again] = await fixer.lintText(output, { filePath });
    output = again.output ?? output;
  }
  const [final] = await linter.lintText(output, { filePath });
  const remaining = final.messages.map((message) => `${message.ruleId}:${message.line}: ${message.message}`);
  const fixedBy = byFix && suggestions.length > 0 ? 'fix + suggestion' : byFix ? 'fix' : suggestions.length > 0 ? 'suggestion' : 'none';
  return { output, fixedBy, suggestions, remaining };
}

// ---------------------------------------------------------------------------------------------
// Running one version of a service

function startChild(file, env, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(file)} did not start within ${timeoutMs} ms\n${log}`));
    }, timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message.error) reject(new Error(`${path.basename(file)} failed to start: ${message.error}\n${log}`));
      else resolve({ url: message.url, child, log: () => log });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(file)} exited with ${code} before it started\n${log}`));
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

/** N requests, `concurrency` in flight, over a keep-alive agent; failures are errors, timeouts and status ≥ 400. */
export async function fire({ url, method, path: requestPath, n, concurrency, timeoutMs = 10_000, deadlineMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  let failed = 0;
  const errors = new Map();
  const note = (reason) => errors.set(reason, (errors.get(reason) ?? 0) + 1);
  const one = () =>
    new Promise((resolve) => {
      const req = http.request(`${url}${requestPath}`, { method, agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode >= 400) {
            failed += 1;
            note(`HTTP ${res.statusCode}`);
          }
          resolve();
        });
        res.on('error', (error) => {
          failed += 1;
          note(error.code ?? error.message);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        failed += 1;
        note(error.code ?? error.message);
        resolve();
      });
      req.end();
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        if (Date.now() > deadline) {
          failed += n - next;
          note('deadline');
          next = n;
          break;
        }
        next += 1;
        await one();
      }
    }),
  );
  agent.destroy();
  return { failed, errors: Object.fromEntries(errors), ms: Date.now() - started };
}

async function runVersion({ file, scenario, env, read, countBefore, port, n, concurrency, deadlineMs }) {
  const timeWaitBefore = await timeWaitSockets(port);
  let started;
  try {
    started = await startChild(file, env);
  } catch (error) {
    return { connections: Number.NaN, timeWait: Number.NaN, failed: n, errors: { start: 1 }, ms: 0, error: String(error.message), countAfter: await read() };
  }
  const load = await fire({ url: started.url, method: scenario.method, path: scenario.path, n, concurrency, deadlineMs });
  await sleep(200);
  const timeWait = countNew(timeWaitBefore, await timeWaitSockets(port));
  await stopChild(started.child);
  const countAfter = await read();
  return { connections: countAfter - countBefore, timeWait, ...load, ...(load.failed > 0 ? { log: started.log().slice(-2000) } : {}), countAfter };
}

// ---------------------------------------------------------------------------------------------
// The whole budget

/**
 * @param {object} options
 * @param {number} options.n requests per version
 * @param {number} options.concurrency requests in flight
 * @param {typeof import('eslint').ESLint} options.ESLint
 * @param {object} options.plugin the plugin object (dist/index.js, or src/index.ts under vitest)
 * @param {object} options.parser the parser for the .mjs services (@typescript-eslint/parser)
 * @param {string[]} [options.only] scenario names to run
 * @param {number} [options.deadlineMs] per version
 * @param {(line: string) => void} [options.log]
 */
export async function runBudget({ n, concurrency, ESLint, plugin, parser, only, deadlineMs = 120_000, log = () => {} }) {
  const selected = scenarios(concurrency).filter((scenario) => only === undefined || only.includes(scenario.name));
  const { config, via } = fixConfig(plugin, parser);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'connection-budget-'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const originalDir = path.join(tmp, 'original');
  mkdirSync(originalDir);
  for (const entry of readdirSync(SERVICES_DIR)) if (entry.endsWith('.mjs')) copyFileSync(path.join(SERVICES_DIR, entry), path.join(originalDir, entry));

  const monitors = await openMonitors();
  const rows = [];
  try {
    for (const scenario of selected) {
      const fixedDir = path.join(tmp, `fixed-${scenario.name}`);
      mkdirSync(fixedDir);
      for (const entry of readdirSync(originalDir)) copyFileSync(path.join(originalDir, entry), path.join(fixedDir, entry));
      const original = readFileSync(path.join(originalDir, scenario.file), 'utf8');
      const fix = await fixService({ ESLint, config, cwd: fixedDir, filePath: path.join(fixedDir, scenario.file), code: original });
      writeFileSync(path.join(fixedDir, scenario.file), fix.output);

      const upstream = scenario.server === 'upstream' ? await startUpstream(scenario.upstreamPort ?? 0) : undefined;
      const env = { ...SERVICE_ENV, ...(upstream ? { UPSTREAM_URL: upstream.url } : {}) };
      // PostgreSQL counts a session when its backend flushes statistics (at the latest, as it exits).
      const read = upstream ? async () => upstream.connections() : scenario.server === 'postgres' ? () => settled(monitors.postgres) : monitors[scenario.server];
      const port = upstream ? upstream.port : SERVERS[scenario.server].port;
      const common = { scenario, env, read, port, n, concurrency, deadlineMs };
      log(`${scenario.name}: original…`);
      const { countAfter: afterOriginal, ...before } = await runVersion({ ...common, countBefore: await read(), file: path.join(originalDir, scenario.file) });
      log(`${scenario.name}: fixed (${fix.fixedBy})…`);
      // The count after the original run is the count before the fixed one (RabbitMQ reads take a second or two).
      const after = fix.fixedBy === 'none' ? undefined : omitCount(await runVersion({ ...common, countBefore: afterOriginal, file: path.join(fixedDir, scenario.file) }));
      await upstream?.close();
      await cleanUp(scenario);

      const problems = [];
      if (fix.fixedBy === 'none') problems.push('no fix or suggestion offered');
      if (after?.error) problems.push(`fixed service does not start: ${after.error.split('\n')[0]}`);
      else if (after && after.failed > 0) problems.push(`fixed service fails ${after.failed} requests (${Object.keys(after.errors).join(', ')})`);
      rows.push({
        scenario: scenario.name,
        server: scenario.server === 'upstream' ? `upstream :${port}` : `${SERVERS[scenario.server].label} :${port}`,
        fixedBy: fix.fixedBy,
        suggestions: fix.suggestions,
        remainingFindings: fix.remaining,
        budget: scenario.budget,
        budgetWhy: scenario.budgetWhy,
        perRequest: scenario.perRequest,
        before,
        after,
        status: problems.length === 0 ? 'ok' : `fix incorrect: ${problems.join('; ')}`,
        fixedSource: fix.output,
      });
    }
  } finally {
    await monitors.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return { n, concurrency, fixVia: via, node: process.version, rows };
}

async function cleanUp(scenario) {
  if (scenario.server === 'rabbitmq') {
    const { default: amqp } = await import('amqplib');
    const connection = await amqp.connect(SERVICE_ENV.AMQP_URL);
    const channel = await connection.createChannel();
    await channel.deleteQueue('connection-budget-orders');
    await connection.close();
  }
  if (scenario.server === 'redis') {
    const { default: Redis } = await import('ioredis');
    const redis = new Redis(SERVICE_ENV.REDIS_URL);
    await redis.del('connection-budget:ioredis', 'connection-budget:node-redis');
    await redis.quit();
  }
}

/** The table: scenario · fixed by · connections before · after · TIME_WAIT before · after · requests failed. */
export function formatTable(report) {
  const header = ['scenario', 'server', 'fixed by', 'conns before', 'conns after', 'budget', 'TIME_WAIT before', 'TIME_WAIT after', 'failed before', 'failed after', 'status'];
  const cell = (value) => (value === undefined || Number.isNaN(value) ? '–' : String(value));
  const lines = report.rows.map((row) => [
    row.scenario,
    row.server,
    row.fixedBy,
    cell(row.before.connections),
    cell(row.after?.connections),
    `≤ ${row.budget}`,
    cell(row.before.timeWait),
    cell(row.after?.timeWait),
    cell(row.before.failed),
    cell(row.after?.failed),
    row.status,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (line) => `| ${line.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  return [
    `N = ${report.n} requests per version, ${report.concurrency} in flight, loopback; fix via ${report.fixVia}`,
    format(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}

function omitCount({ countAfter, ...run }) {
  return run;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
