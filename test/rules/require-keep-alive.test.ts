/**
 * require-keep-alive: Node agents without keep-alive, `agent: false` and `Connection: close` on
 * Node requests, and http-proxy / http-proxy-middleware proxies without an agent. Run with type
 * information (real packages from node_modules) and without it (import tracking).
 *
 * Each invalid case has a valid neighbour that differs from it by one thing (named the same with
 * "ok:" in front).
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds, type Options } from '../../src/rules/require-keep-alive.js';
import { typedRuleTester, untypedRuleTester } from '../rule-tester.js';

type Invalid = InvalidTestCase<MessageIds, Options>;
type Valid = ValidTestCase<Options>;
type TestError = Invalid['errors'][number];
type Suggestion = NonNullable<TestError['suggestions']>[number];

/** Where `snippet` (its `occurrence`-th appearance) is in `code`, as RuleTester positions. */
function at(code: string, snippet: string, occurrence = 1): Pick<TestError, 'line' | 'column' | 'endLine' | 'endColumn'> {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`snippet not in code: ${snippet}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
  };
  const start = position(index);
  const end = position(index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function missing(code: string, snippet: string, construction: string, pkg: string, extra: Partial<TestError> = {}): TestError {
  return { messageId: 'agentWithoutKeepAlive', data: { construction, package: pkg }, ...at(code, snippet), ...extra };
}

function off(code: string, snippet: string, construction: string, value: string, suggestions: Suggestion[], pkg = 'http'): TestError {
  return { messageId: 'agentKeepAliveOff', data: { construction, package: pkg, value }, ...at(code, snippet), suggestions };
}

function agentFalse(code: string, snippet: string, call: string, pkg: string, suggestions?: Suggestion[], occurrence = 1): TestError {
  return { messageId: 'requestAgentFalse', data: { call, package: pkg }, ...at(code, snippet, occurrence), ...(suggestions ? { suggestions } : {}) };
}

function connectionClose(code: string, snippet: string, call: string, pkg: string, output: string): TestError {
  return { messageId: 'connectionClose', data: { call, package: pkg }, ...at(code, snippet), suggestions: [{ messageId: 'removeConnectionClose', output }] };
}

function proxy(code: string, snippet: string, construction: string, pkg: string, suggestion?: { agent: string; output: string }, messageId: MessageIds = 'proxyWithoutAgent'): TestError {
  return {
    messageId,
    data: { construction, package: pkg },
    ...at(code, snippet),
    ...(suggestion ? { suggestions: [{ messageId: 'useKeepAliveAgent', data: { agent: suggestion.agent }, output: suggestion.output }] } : {}),
  };
}

const HTTP = `import http from 'node:http';\n`;
const HTTPS = `import https from 'node:https';\n`;
/** CommonJS. `sourceType` is a flat-config language option the tester passes on but its types do not list. */
const CJS = { filename: 'file.js', languageOptions: { sourceType: 'commonjs' } as unknown as Valid['languageOptions'] };

// ---------------------------------------------------------------------------------------------
// Cases that behave the same with and without type information.
// ---------------------------------------------------------------------------------------------

const sharedValid: Valid[] = [
  // Agents
  { name: 'ok: new http.Agent() without options', code: `${HTTP}const agent = new http.Agent({ keepAlive: true });` },
  { name: 'ok: options with other settings', code: `${HTTP}const agent = new http.Agent({ maxSockets: 10, keepAlive: true });` },
  { name: 'ok: multi-line options with a trailing comma', code: `${HTTP}const agent = new http.Agent({\n  maxSockets: 10,\n  keepAlive: true,\n});` },
  { name: 'ok: multi-line options without a trailing comma', code: `${HTTP}const agent = new http.Agent({\n  maxSockets: 10,\n  keepAlive: true\n});` },
  { name: 'ok: keepAlive: false', code: `${HTTPS}const agent = new https.Agent({ keepAlive: true });` },
  { name: 'ok: named Agent import from node:https', code: `import { Agent } from 'node:https';\nconst agent = new Agent({ keepAlive: true });` },
  { name: 'ok: undici Agent keeps alive by default', code: `import { Agent } from 'undici';\nconst agent = new Agent();` },
  { name: 'ok: undici Pool keeps alive by default', code: `import { Pool } from 'undici';\nconst pool = new Pool('http://localhost:3000');` },
  { name: 'ok: agentkeepalive default export keeps alive by default', code: `import Agent from 'agentkeepalive';\nconst agent = new Agent();` },
  { name: 'ok: agentkeepalive HttpsAgent keeps alive by default', code: `import { HttpsAgent } from 'agentkeepalive';\nconst agent = new HttpsAgent({ maxSockets: 10 });` },
  { name: 'ok: options in a const', code: `${HTTP}const options = { timeout: 1000, keepAlive: true };\nconst agent = new http.Agent(options);` },
  { name: 'ok: options in a const used twice', code: `${HTTP}const options = { timeout: 1000, keepAlive: true };\nconst a = new http.Agent(options);\nconst b = new http.Agent(options);` },
  { name: 'ok: spread of a known literal', code: `${HTTP}const base = { timeout: 1000 };\nconst agent = new http.Agent({ ...base, keepAlive: true });` },
  { name: 'ok: spread of unknown options, then keepAlive', code: `${HTTP}export function make(base: object) {\n  return new http.Agent({ ...base, keepAlive: true });\n}` },
  { name: 'ok: spread of unknown options only', code: `${HTTP}export function make(base: any) {\n  return new http.Agent({ ...base });\n}` },
  { name: 'ok: keepAlive from a const true', code: `${HTTP}const KEEP = true;\nconst agent = new http.Agent({ keepAlive: KEEP });` },
  { name: 'ok: no-paren new with keepAlive', code: `${HTTP}const agent = new http.Agent({ keepAlive: true });` },
  { name: 'ok: super() with keepAlive', code: `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ timeout: 1000, keepAlive: true });\n  }\n}` },
  { name: 'ok: super() of a subclass of an imported https Agent, with keepAlive', code: `import { Agent as HttpsAgent } from 'node:https';\nexport class Pooled extends HttpsAgent {\n  constructor(timeout: number) {\n    super({ timeout, keepAlive: true });\n  }\n}` },
  { name: 'ok: super() of an agentkeepalive subclass', code: `import { HttpAgent } from 'agentkeepalive';\nclass Pooled extends HttpAgent {\n  constructor() {\n    super({ timeout: 1000 });\n  }\n}` },
  { name: 'ok: super() of a class that is no agent', code: `class Base { constructor(o?: object) {} }\nclass Pooled extends Base {\n  constructor() {\n    super({ timeout: 1000 });\n  }\n}` },
  { name: 'ok: an Agent of another package', code: `import { Agent } from 'not-installed';\nconst agent = new Agent();` },
  // Bad input: never crashes, stays silent when nothing is known.
  { name: 'bad input: spread arguments', code: `${HTTP}export function make(args: any[]) {\n  return new http.Agent(...args);\n}` },
  { name: 'bad input: options mutated after the literal', code: `${HTTP}const options: any = {};\noptions.keepAlive = true;\nconst agent = new http.Agent(options);` },
  { name: 'bad input: options handed to a function first', code: `${HTTP}const options = {};\nObject.assign(options, { keepAlive: true });\nconst agent = new http.Agent(options);` },
  { name: 'bad input: computed key', code: `${HTTP}const key = String('keepAlive');\nconst agent = new http.Agent({ [key]: true });` },
  { name: 'bad input: getter', code: `${HTTP}const agent = new http.Agent({ get keepAlive() { return true; } });` },
  { name: 'bad input: unresolved import', code: `import { nope } from 'not-installed';\nconst agent = new nope.Agent();\nnope.request({ agent: false });` },
  // Requests
  { name: 'ok: http.get with options and no agent: false', code: `${HTTP}http.get('http://localhost:3000', { timeout: 1000 }, () => {});` },
  { name: 'ok: computed http[\'get\'] without agent: false', code: `${HTTP}http['get']('http://localhost:3000', { timeout: 1000 }, () => {});` },
  { name: 'ok: optional call http?.get without agent: false', code: `${HTTP}http?.get('http://localhost:3000', { timeout: 1000 }, () => {});` },
  { name: 'ok: https.request with a shared agent', code: `${HTTPS}const agent = new https.Agent({ keepAlive: true });\nhttps.request({ host: 'example.com', agent, path: '/' });` },
  { name: 'ok: https.request with agent: undefined', code: `${HTTPS}https.request({ host: 'example.com', agent: undefined, path: '/' });` },
  { name: 'ok: named request import without agent: false', code: `import { request } from 'node:https';\nrequest({ host: 'example.com' });` },
  { name: 'ok: aliased get without agent: false', code: `import { get as fetchPage } from 'http';\nfetchPage('http://localhost:3000', { timeout: 1 });` },
  { name: 'ok: agent: false given to something that is not Node http', code: `const client = { get: (url: string, options: object) => undefined };\nclient.get('http://localhost:3000', { agent: false });` },
  { name: 'ok: Connection: keep-alive', code: `${HTTP}http.request({ host: 'localhost', headers: { Connection: 'keep-alive' } });` },
  { name: 'ok: Connection: close on a response, not a request', code: `${HTTP}http.createServer((req, res) => {\n  res.writeHead(200, { Connection: 'close' });\n});` },
  { name: 'ok: options const without agent: false', code: `${HTTP}const options = { agent: undefined, timeout: 1 };\nhttp.get('http://localhost:3000', options);` },
  { name: 'bad input: request with spread arguments', code: `${HTTP}export function send(args: any[]) {\n  http.request(...args);\n}` },
  { name: 'bad input: request with no arguments', code: `${HTTP}// @ts-expect-error: deliberately wrong\nhttp.get();` },
  // Proxies
  { name: 'ok: http-proxy with an agent', code: `import httpProxy from 'http-proxy';\nimport http from 'node:http';\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000', agent: new http.Agent({ keepAlive: true }) });` },
  { name: 'ok: http-proxy agent given per request', code: `import httpProxy from 'http-proxy';\nimport http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nconst proxy = httpProxy.createProxyServer({});\nhttp.createServer((req, res) => proxy.web(req, res, { target: 'http://localhost:3000', agent }));` },
  { name: 'ok: http-proxy-middleware with an agent', code: `import { createProxyMiddleware } from 'http-proxy-middleware';\nimport { agent } from './agents.js';\nexport const api = createProxyMiddleware({ target: 'https://api.example.com', agent });` },
  { name: 'ok: a createProxyServer that is not http-proxy', code: `const httpProxy = { createProxyServer: (options: object) => options };\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000' });` },
  { name: 'bad input: proxy with spread arguments', code: `import httpProxy from 'http-proxy';\nexport function make(args: any[]) {\n  return httpProxy.createProxyServer(...args);\n}` },
];

const sharedInvalid: Invalid[] = [
  // Agents: missing keepAlive, autofixed.
  (() => {
    const code = `${HTTP}const agent = new http.Agent();`;
    return { name: 'new http.Agent() without options', code, output: `${HTTP}const agent = new http.Agent({ keepAlive: true });`, errors: [missing(code, 'new http.Agent()', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent;`;
    return { name: 'new http.Agent without parentheses', code, output: `${HTTP}const agent = new http.Agent({ keepAlive: true });`, errors: [missing(code, 'new http.Agent', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({});`;
    return { name: 'empty options', code, output: `${HTTP}const agent = new http.Agent({ keepAlive: true });`, errors: [missing(code, 'new http.Agent({})', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({ maxSockets: 10 });`;
    return { name: 'options with other settings', code, output: `${HTTP}const agent = new http.Agent({ maxSockets: 10, keepAlive: true });`, errors: [missing(code, 'new http.Agent({ maxSockets: 10 })', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({ maxSockets: 10, });`;
    return { name: 'one-line options with a trailing comma', code, output: `${HTTP}const agent = new http.Agent({ maxSockets: 10, keepAlive: true, });`, errors: [missing(code, 'new http.Agent({ maxSockets: 10, })', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({\n  maxSockets: 10,\n});`;
    return { name: 'multi-line options with a trailing comma', code, output: `${HTTP}const agent = new http.Agent({\n  maxSockets: 10,\n  keepAlive: true,\n});`, errors: [missing(code, 'new http.Agent({\n  maxSockets: 10,\n})', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({\n  maxSockets: 10\n});`;
    return { name: 'multi-line options without a trailing comma', code, output: `${HTTP}const agent = new http.Agent({\n  maxSockets: 10,\n  keepAlive: true\n});`, errors: [missing(code, 'new http.Agent({\n  maxSockets: 10\n})', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({\n    maxSockets: 10, // per host\n    timeout: 5000 // ms\n});`;
    return {
      name: 'multi-line options with end-of-line comments',
      code,
      output: `${HTTP}const agent = new http.Agent({\n    maxSockets: 10, // per host\n    timeout: 5000, // ms\n    keepAlive: true\n});`,
      errors: [missing(code, code.slice(HTTP.length + 'const agent = '.length, -1), 'new http.Agent()', 'http')],
    };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent({ /* defaults */ });`;
    return { name: 'empty options with a comment', code, output: `${HTTP}const agent = new http.Agent({ keepAlive: true, /* defaults */ });`, errors: [missing(code, 'new http.Agent({ /* defaults */ })', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `import { Agent } from 'node:https';\nconst agent = new Agent();`;
    return { name: 'named Agent import from node:https', code, output: `import { Agent } from 'node:https';\nconst agent = new Agent({ keepAlive: true });`, errors: [missing(code, 'new Agent()', 'new Agent()', 'https')] };
  })(),
  (() => {
    const code = `import * as https from 'https';\nconst agent = new https.Agent({ maxSockets: 10 });`;
    return { name: 'namespace import of https', code, output: `import * as https from 'https';\nconst agent = new https.Agent({ maxSockets: 10, keepAlive: true });`, errors: [missing(code, 'new https.Agent({ maxSockets: 10 })', 'new https.Agent()', 'https')] };
  })(),
  (() => {
    const code = `${HTTP}const options = { timeout: 1000 };\nconst agent = new http.Agent(options);`;
    return { name: 'options in a const', code, output: `${HTTP}const options = { timeout: 1000, keepAlive: true };\nconst agent = new http.Agent(options);`, errors: [missing(code, 'new http.Agent(options)', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}const options = { timeout: 1000 };\nconst a = new http.Agent(options);\nconst b = new http.Agent(options);`;
    const output = `${HTTP}const options = { timeout: 1000, keepAlive: true };\nconst a = new http.Agent(options);\nconst b = new http.Agent(options);`;
    const suggestions: Suggestion[] = [{ messageId: 'addKeepAlive', output }];
    return {
      name: 'options in a const used twice: a suggestion, not a fix',
      code,
      errors: [
        missing(code, 'new http.Agent(options)', 'new http.Agent()', 'http', { suggestions, ...at(code, 'new http.Agent(options)', 1) }),
        missing(code, 'new http.Agent(options)', 'new http.Agent()', 'http', { suggestions, ...at(code, 'new http.Agent(options)', 2) }),
      ],
    };
  })(),
  (() => {
    const code = `${HTTP}const base = { timeout: 1000 };\nconst agent = new http.Agent({ ...base });`;
    return { name: 'spread of a known literal without keepAlive', code, output: `${HTTP}const base = { timeout: 1000 };\nconst agent = new http.Agent({ ...base, keepAlive: true });`, errors: [missing(code, 'new http.Agent({ ...base })', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ timeout: 1000 });\n  }\n}`;
    return {
      name: 'super() of an http.Agent subclass',
      code,
      output: `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ timeout: 1000, keepAlive: true });\n  }\n}`,
      errors: [missing(code, 'super({ timeout: 1000 })', 'super()', 'http')],
    };
  })(),
  (() => {
    const code = `import { Agent as HttpsAgent } from 'node:https';\nexport class Pooled extends HttpsAgent {\n  constructor(timeout: number) {\n    super({ timeout });\n  }\n}`;
    return {
      name: 'super() of a subclass of an imported https Agent',
      code,
      output: `import { Agent as HttpsAgent } from 'node:https';\nexport class Pooled extends HttpsAgent {\n  constructor(timeout: number) {\n    super({ timeout, keepAlive: true });\n  }\n}`,
      errors: [missing(code, 'super({ timeout })', 'super()', 'https')],
    };
  })(),
  (() => {
    const code = `${HTTP}const agent = new http.Agent(undefined);`;
    return { name: 'bad input: undefined options (the default applies), no fix', code, errors: [missing(code, 'new http.Agent(undefined)', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}// @ts-expect-error: deliberately wrong\nconst agent = new http.Agent('keep-alive');`;
    return { name: 'bad input: a string as options (spreads to no keepAlive), no fix', code, errors: [missing(code, "new http.Agent('keep-alive')", 'new http.Agent()', 'http')] };
  })(),
  // Agents: keepAlive turned off, a suggestion only.
  (() => {
    const code = `${HTTPS}const agent = new https.Agent({ keepAlive: false });`;
    return {
      name: 'keepAlive: false',
      code,
      errors: [off(code, 'keepAlive: false', 'new https.Agent()', 'false', [{ messageId: 'setKeepAliveTrue', output: `${HTTPS}const agent = new https.Agent({ keepAlive: true });` }], 'https')],
    };
  })(),
  (() => {
    const code = `${HTTP}const KEEP = false;\nconst agent = new http.Agent({ keepAlive: KEEP });`;
    return {
      name: 'keepAlive from a const false',
      code,
      errors: [off(code, 'keepAlive: KEEP', 'new http.Agent()', 'false', [{ messageId: 'setKeepAliveTrue', output: `${HTTP}const KEEP = false;\nconst agent = new http.Agent({ keepAlive: true });` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}const keepAlive = false;\nconst agent = new http.Agent({ keepAlive });`;
    return {
      name: 'shorthand keepAlive that is false',
      code,
      errors: [off(code, 'keepAlive }', 'new http.Agent()', 'false', [{ messageId: 'setKeepAliveTrue', output: `${HTTP}const keepAlive = false;\nconst agent = new http.Agent({ keepAlive: true });` }])].map((error) => ({ ...error, ...at(code, 'keepAlive', 2) })),
    };
  })(),
  (() => {
    const code = `${HTTP}const base = { keepAlive: false };\nconst agent = new http.Agent({ ...base, timeout: 1 });`;
    return {
      name: 'keepAlive: false through a spread: the suggestion edits the outer literal',
      code,
      errors: [off(code, 'new http.Agent({ ...base, timeout: 1 })', 'new http.Agent()', 'false', [{ messageId: 'addKeepAlive', output: `${HTTP}const base = { keepAlive: false };\nconst agent = new http.Agent({ ...base, timeout: 1, keepAlive: true });` }])],
    };
  })(),
  // Requests: agent: false.
  (() => {
    const code = `${HTTP}http.get('http://localhost:3000', { agent: false }, () => {});`;
    return {
      name: 'http.get with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'http.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}http.get('http://localhost:3000', {}, () => {});` }])],
    };
  })(),
  (() => {
    // A computed member's name is read off its string.
    const code = `${HTTP}http['get']('http://localhost:3000', { agent: false }, () => {});`;
    return {
      name: 'computed http[\'get\'] with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', "http['get']()", 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}http['get']('http://localhost:3000', {}, () => {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}http?.get('http://localhost:3000', { agent: false }, () => {});`;
    return {
      name: 'optional call http?.get with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'http?.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}http?.get('http://localhost:3000', {}, () => {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTPS}https.request({ host: 'example.com', agent: false, path: '/' });`;
    return {
      name: 'https.request with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'https.request()', 'https', [{ messageId: 'removeAgentFalse', output: `${HTTPS}https.request({ host: 'example.com', path: '/' });` }])],
    };
  })(),
  (() => {
    const code = `import https from 'https';\nhttps.request({\n  host: 'example.com',\n  agent: false, // one-use\n  path: '/',\n});`;
    return {
      name: 'multi-line https.request with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'https.request()', 'https', [{ messageId: 'removeAgentFalse', output: `import https from 'https';\nhttps.request({\n  host: 'example.com',\n  path: '/',\n});` }])],
    };
  })(),
  (() => {
    const code = `import { request } from 'node:https';\nrequest({ host: 'example.com', agent: false });`;
    return {
      name: 'named request import with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'request()', 'https', [{ messageId: 'removeAgentFalse', output: `import { request } from 'node:https';\nrequest({ host: 'example.com' });` }])],
    };
  })(),
  (() => {
    const code = `import { get as fetchPage } from 'http';\nfetchPage('http://localhost:3000', { timeout: 1, agent: false });`;
    return {
      name: 'aliased get with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'fetchPage()', 'http', [{ messageId: 'removeAgentFalse', output: `import { get as fetchPage } from 'http';\nfetchPage('http://localhost:3000', { timeout: 1 });` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}const options = { agent: false, timeout: 1 };\nhttp.get('http://localhost:3000', options);`;
    return {
      name: 'options const with agent: false',
      code,
      errors: [agentFalse(code, 'agent: false', 'http.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}const options = { timeout: 1 };\nhttp.get('http://localhost:3000', options);` }])],
    };
  })(),
  // Requests: Connection: close.
  (() => {
    const code = `${HTTP}http.request({ host: 'localhost', headers: { Connection: 'close' } });`;
    return { name: 'Connection: close', code, errors: [connectionClose(code, "Connection: 'close'", 'http.request()', 'http', `${HTTP}http.request({ host: 'localhost', headers: {} });`)] };
  })(),
  (() => {
    const code = `${HTTPS}https.get('https://example.com', { headers: { accept: 'text/html', 'connection': 'Close' } });`;
    return { name: 'lower-case connection: Close', code, errors: [connectionClose(code, "'connection': 'Close'", 'https.get()', 'https', `${HTTPS}https.get('https://example.com', { headers: { accept: 'text/html' } });`)] };
  })(),
  (() => {
    const code = `${HTTP}http.request({ agent: false, headers: { Connection: 'close' } });`;
    return {
      name: 'agent: false and Connection: close together',
      code,
      errors: [
        agentFalse(code, 'agent: false', 'http.request()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}http.request({ headers: { Connection: 'close' } });` }]),
        connectionClose(code, "Connection: 'close'", 'http.request()', 'http', `${HTTP}http.request({ agent: false, headers: {} });`),
      ],
    };
  })(),
  // Proxies.
  (() => {
    const code = `import httpProxy from 'http-proxy';\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000' });`;
    return {
      name: 'http-proxy without an agent, at module scope',
      code,
      errors: [
        proxy(code, "httpProxy.createProxyServer({ target: 'http://localhost:3000' })", 'httpProxy.createProxyServer()', 'http-proxy', {
          agent: 'http.Agent',
          output: `import httpProxy from 'http-proxy';\nimport * as http from 'node:http';\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000', agent: new http.Agent({ keepAlive: true }) });`,
        }),
      ],
    };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nimport http from 'node:http';\nconst proxy = httpProxy.createServer({\n  target: 'http://localhost:3000',\n  changeOrigin: true,\n});`;
    return {
      name: 'http-proxy createServer, with http already imported',
      code,
      errors: [
        proxy(code, code.slice(code.indexOf('httpProxy.createServer'), -1), 'httpProxy.createServer()', 'http-proxy', {
          agent: 'http.Agent',
          output: `import httpProxy from 'http-proxy';\nimport http from 'node:http';\nconst proxy = httpProxy.createServer({\n  target: 'http://localhost:3000',\n  changeOrigin: true,\n  agent: new http.Agent({ keepAlive: true }),\n});`,
        }),
      ],
    };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nimport { Agent } from 'node:https';\nconst proxy = httpProxy.createProxyServer({ target: 'https://api.example.com', agent: false });`;
    return {
      name: 'http-proxy with agent: false, https target',
      code,
      errors: [
        proxy(code, 'agent: false', 'httpProxy.createProxyServer()', 'http-proxy', {
          agent: 'https.Agent',
          output: `import httpProxy from 'http-proxy';\nimport { Agent } from 'node:https';\nconst proxy = httpProxy.createProxyServer({ target: 'https://api.example.com', agent: new Agent({ keepAlive: true }) });`,
        }, 'proxyAgentOff'),
      ],
    };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nexport function make(target: string) {\n  return httpProxy.createProxyServer({ target: 'http://localhost:3000' });\n}`;
    return { name: 'http-proxy inside a function: no suggestion', code, errors: [proxy(code, "httpProxy.createProxyServer({ target: 'http://localhost:3000' })", 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nconst proxy = httpProxy.createProxyServer({ target: process.env.UPSTREAM });`;
    return { name: 'http-proxy with an unknown target: no suggestion', code, errors: [proxy(code, 'httpProxy.createProxyServer({ target: process.env.UPSTREAM })', 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nconst proxy = httpProxy.createProxyServer();`;
    return { name: 'http-proxy with no options', code, errors: [proxy(code, 'httpProxy.createProxyServer()', 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nconst http = 'taken';\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000' });`;
    return { name: 'http-proxy where the name http is taken: no suggestion', code, errors: [proxy(code, "httpProxy.createProxyServer({ target: 'http://localhost:3000' })", 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\nimport http from 'node:http';\nconst proxy = httpProxy.createProxyServer({});\nhttp.createServer((req, res) => proxy.web(req, res, { target: 'http://localhost:3000' }));`;
    return { name: 'http-proxy with per-request options but no agent', code, errors: [proxy(code, 'httpProxy.createProxyServer({})', 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import HttpProxy from 'http-proxy';\nconst proxy = new HttpProxy({ target: 'ws://localhost:3000', ws: true });`;
    return {
      name: 'new HttpProxy(options)',
      code,
      errors: [
        proxy(code, "new HttpProxy({ target: 'ws://localhost:3000', ws: true })", 'new HttpProxy()', 'http-proxy', {
          agent: 'http.Agent',
          output: `import HttpProxy from 'http-proxy';\nimport * as http from 'node:http';\nconst proxy = new HttpProxy({ target: 'ws://localhost:3000', ws: true, agent: new http.Agent({ keepAlive: true }) });`,
        }),
      ],
    };
  })(),
  (() => {
    const code = `import { createProxyMiddleware } from 'http-proxy-middleware';\nexport const api = createProxyMiddleware({ target: 'https://api.example.com', changeOrigin: true });`;
    return {
      name: 'http-proxy-middleware without an agent',
      code,
      errors: [
        proxy(code, "createProxyMiddleware({ target: 'https://api.example.com', changeOrigin: true })", 'createProxyMiddleware()', 'http-proxy-middleware', {
          agent: 'https.Agent',
          output: `import { createProxyMiddleware } from 'http-proxy-middleware';\nimport * as https from 'node:https';\nexport const api = createProxyMiddleware({ target: 'https://api.example.com', changeOrigin: true, agent: new https.Agent({ keepAlive: true }) });`,
        }),
      ],
    };
  })(),
  (() => {
    const code = `import { createProxyMiddleware } from 'http-proxy-middleware';\nexport const api = createProxyMiddleware('/api', { target: 'http://localhost:3000' });`;
    return {
      name: 'http-proxy-middleware v2 (context, options)',
      code,
      errors: [
        proxy(code, "createProxyMiddleware('/api', { target: 'http://localhost:3000' })", 'createProxyMiddleware()', 'http-proxy-middleware', {
          agent: 'http.Agent',
          output: `import { createProxyMiddleware } from 'http-proxy-middleware';\nimport * as http from 'node:http';\nexport const api = createProxyMiddleware('/api', { target: 'http://localhost:3000', agent: new http.Agent({ keepAlive: true }) });`,
        }),
      ],
    };
  })(),
];

// ---------------------------------------------------------------------------------------------
// With type information only: subclasses, and options known by their type.
// ---------------------------------------------------------------------------------------------

const typedValid: Valid[] = [
  { name: 'ok: subclass without a constructor, with keepAlive', code: `${HTTP}class Pooled extends http.Agent {}\nconst agent = new Pooled({ keepAlive: true });` },
  { name: 'ok: subclass with its own constructor (its super() is checked)', code: `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ keepAlive: true });\n  }\n}\nconst agent = new Pooled();` },
  { name: 'ok: subclass of agentkeepalive', code: `import { HttpAgent } from 'agentkeepalive';\nclass Pooled extends HttpAgent {}\nconst agent = new Pooled();` },
  { name: 'ok: options typed with keepAlive: true', code: `${HTTP}declare const options: { keepAlive: true; timeout: number };\nconst agent = new http.Agent(options);` },
  { name: 'ok: options typed with keepAlive: boolean (unknown)', code: `${HTTP}declare const options: { keepAlive: boolean; timeout: number };\nconst agent = new http.Agent(options);` },
  { name: 'ok: options typed AgentOptions (unknown)', code: `${HTTP}declare const options: http.AgentOptions;\nconst agent = new http.Agent(options);` },
  { name: 'ok: options typed unknown', code: `${HTTP}declare const options: unknown;\n// @ts-expect-error: deliberately wrong\nconst agent = new http.Agent(options);` },
  { name: 'ok: options typed any', code: `${HTTP}declare const options: any;\nconst agent = new http.Agent(options);` },
  { name: 'ok: options typed Record<string, unknown>', code: `${HTTP}declare const options: Record<string, unknown>;\nconst agent = new http.Agent(options as http.AgentOptions);` },
  { name: 'ok: spread of options typed with keepAlive: true', code: `${HTTP}declare const base: { keepAlive: true };\nconst agent = new http.Agent({ ...base, timeout: 1 });` },
  { name: 'ok: keepAlive typed true', code: `${HTTP}declare const on: true;\nconst agent = new http.Agent({ keepAlive: on });` },
  { name: 'ok: agent set to a shared agent const', code: `${HTTP}const shared = new http.Agent({ keepAlive: true });\nhttp.get('http://localhost:3000', { agent: shared });` },
  { name: 'ok: agent set to a function that picks one', code: `${HTTP}const shared = new http.Agent({ keepAlive: true });\nfunction pick() {\n  return shared;\n}\nhttp.get('http://localhost:3000', { agent: pick });` },
  { name: 'ok: options from a function returning keepAlive: true', code: `${HTTP}declare function agentOptions(): { keepAlive: true };\nconst agent = new http.Agent(agentOptions());` },
  { name: 'ok: request options typed with agent: Agent', code: `${HTTP}declare const options: { agent: http.Agent };\nhttp.get('http://localhost:3000', options);` },
  { name: 'ok: a user function named request', code: `function request(options: { agent: boolean }) {}\nrequest({ agent: false });` },
  { name: 'ok: http-proxy options typed with an agent', code: `import httpProxy from 'http-proxy';\nimport http from 'node:http';\ndeclare const options: { target: string; agent: http.Agent };\nconst proxy = httpProxy.createProxyServer(options);` },
  { name: 'ok: http-proxy options typed ServerOptions (unknown)', code: `import httpProxy from 'http-proxy';\ndeclare const options: httpProxy.ServerOptions;\nconst proxy = httpProxy.createProxyServer(options);` },
  // Names that reach `http` through the project (test/fixtures/typed/reach/), and a module chosen at run time.
  { name: 'ok: a request function re-exported by the project, without agent: false', code: `import { send } from './reach/reexports.js';\nsend('http://localhost:3000', {});` },
  { name: 'ok: an agent subclass of another file, with keepAlive', code: `import { PooledAgent } from './reach/agents.js';\nconst agent = new PooledAgent({ keepAlive: true });` },
  { name: 'ok: a module given as a parameter typed typeof http, without agent: false', code: `${HTTP}export function fetchWith(transport: typeof http) {\n  transport.get('http://localhost:3000', {});\n}` },
  { name: 'ok: a module given to a callback, without agent: false', code: `${HTTP}[http].forEach((mod) => mod.get('http://localhost:3000', {}));` },
  { name: 'ok: a module of a loop, without agent: false', code: `${HTTP}for (const mod of [http]) mod.get('http://localhost:3000', {});` },
  { name: 'ok: a project name for https, without agent: false', code: `import { secureClient } from './reach/agents.js';\nsecureClient.get('https://localhost:3000', {});` },
  { name: 'ok: modules held in an object, without agent: false', code: `${HTTP}${HTTPS}const transports = { http, https };\ntransports.https.get('https://localhost:3000', {});` },
  { name: 'ok: a parameter typed by an alias of typeof https, without agent: false', code: `${HTTPS}type Transport = typeof https;\nexport function fetchWith(transport: Transport) {\n  transport.get('https://localhost:3000', {});\n}` },
  { name: 'ok: a module returned by a project function, without agent: false', code: `${HTTP}${HTTPS}const pick = (secure: boolean) => (secure ? https : http);\nconst transport = pick(true);\ntransport.get('https://localhost:3000', {});` },
  { name: 'ok: http or https chosen at run time, without agent: false', code: `${HTTP}${HTTPS}declare const secure: boolean;\nconst transport = secure ? https : http;\ntransport.get('http://localhost:3000', {});` },
];

const typedInvalid: Invalid[] = [
  (() => {
    const code = `${HTTP}class Pooled extends http.Agent {}\nconst agent = new Pooled();`;
    return { name: 'subclass without a constructor', code, output: `${HTTP}class Pooled extends http.Agent {}\nconst agent = new Pooled({ keepAlive: true });`, errors: [missing(code, 'new Pooled()', 'new Pooled()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ timeout: 1 });\n  }\n}\nconst agent = new Pooled();`;
    return {
      name: 'subclass with its own constructor: the super() call is reported',
      code,
      output: `${HTTP}class Pooled extends http.Agent {\n  constructor() {\n    super({ timeout: 1, keepAlive: true });\n  }\n}\nconst agent = new Pooled();`,
      errors: [missing(code, 'super({ timeout: 1 })', 'super()', 'http')],
    };
  })(),
  (() => {
    const code = `${HTTP}declare const options: { timeout: number };\nconst agent = new http.Agent(options);`;
    return { name: 'options typed without keepAlive: no fix', code, errors: [missing(code, 'new http.Agent(options)', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `${HTTP}declare const options: { keepAlive: false; timeout: number };\nconst agent = new http.Agent(options);`;
    return { name: 'options typed keepAlive: false: no suggestion', code, errors: [off(code, 'new http.Agent(options)', 'new http.Agent()', 'false', [])].map(({ suggestions: _, ...error }) => error) };
  })(),
  (() => {
    const code = `${HTTP}declare const off: false;\nconst agent = new http.Agent({ keepAlive: off });`;
    return {
      name: 'keepAlive typed false',
      code,
      errors: [off(code, 'keepAlive: off', 'new http.Agent()', 'false', [{ messageId: 'setKeepAliveTrue', output: `${HTTP}declare const off: false;\nconst agent = new http.Agent({ keepAlive: true });` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}declare const shared: false;\nhttp.get('http://localhost:3000', { agent: shared });`;
    return {
      name: 'agent set to a name typed false',
      code,
      errors: [agentFalse(code, 'agent: shared', 'http.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}declare const shared: false;\nhttp.get('http://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}declare const options: { agent: false };\nhttp.get('http://localhost:3000', options);`;
    return { name: 'request options typed agent: false', code, errors: [agentFalse(code, 'options', 'http.get()', 'http', undefined, 2)] };
  })(),
  (() => {
    const code = `import httpProxy from 'http-proxy';\ndeclare const options: { target: string };\nconst proxy = httpProxy.createProxyServer(options);`;
    return { name: 'http-proxy options typed without an agent', code, errors: [proxy(code, 'httpProxy.createProxyServer(options)', 'httpProxy.createProxyServer()', 'http-proxy')] };
  })(),
  (() => {
    const code = `import { send } from './reach/reexports.js';\nsend('http://localhost:3000', { agent: false });`;
    return {
      name: 'a request function re-exported by the project',
      code,
      errors: [agentFalse(code, 'agent: false', 'send()', 'http', [{ messageId: 'removeAgentFalse', output: `import { send } from './reach/reexports.js';\nsend('http://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `import { PooledAgent } from './reach/agents.js';\nconst agent = new PooledAgent();`;
    return {
      name: 'an agent subclass of another file',
      code,
      output: `import { PooledAgent } from './reach/agents.js';\nconst agent = new PooledAgent({ keepAlive: true });`,
      errors: [missing(code, 'new PooledAgent()', 'new PooledAgent()', 'http')],
    };
  })(),
  (() => {
    const code = `${HTTP}export function fetchWith(transport: typeof http) {\n  transport.get('http://localhost:3000', { agent: false });\n}`;
    return {
      name: 'a module given as a parameter typed typeof http',
      code,
      errors: [agentFalse(code, 'agent: false', 'transport.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}export function fetchWith(transport: typeof http) {\n  transport.get('http://localhost:3000', {});\n}` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}[http].forEach((mod) => mod.get('http://localhost:3000', { agent: false }));`;
    return {
      name: 'a module given to a callback',
      code,
      errors: [agentFalse(code, 'agent: false', 'mod.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}[http].forEach((mod) => mod.get('http://localhost:3000', {}));` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}for (const mod of [http]) mod.get('http://localhost:3000', { agent: false });`;
    return {
      name: 'a module of a loop',
      code,
      errors: [agentFalse(code, 'agent: false', 'mod.get()', 'http', [{ messageId: 'removeAgentFalse', output: `${HTTP}for (const mod of [http]) mod.get('http://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `import { secureClient } from './reach/agents.js';\nsecureClient.get('https://localhost:3000', { agent: false });`;
    return {
      name: 'a project name for https',
      code,
      errors: [agentFalse(code, 'agent: false', 'secureClient.get()', 'https', [{ messageId: 'removeAgentFalse', output: `import { secureClient } from './reach/agents.js';\nsecureClient.get('https://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}${HTTPS}const transports = { http, https };\ntransports.https.get('https://localhost:3000', { agent: false });`;
    return {
      name: 'modules held in an object',
      code,
      errors: [agentFalse(code, 'agent: false', 'transports.https.get()', 'https', [{ messageId: 'removeAgentFalse', output: `${HTTP}${HTTPS}const transports = { http, https };\ntransports.https.get('https://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTPS}type Transport = typeof https;\nexport function fetchWith(transport: Transport) {\n  transport.get('https://localhost:3000', { agent: false });\n}`;
    return {
      name: 'a parameter typed by an alias of typeof https',
      code,
      errors: [agentFalse(code, 'agent: false', 'transport.get()', 'https', [{ messageId: 'removeAgentFalse', output: `${HTTPS}type Transport = typeof https;\nexport function fetchWith(transport: Transport) {\n  transport.get('https://localhost:3000', {});\n}` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}${HTTPS}const pick = (secure: boolean) => (secure ? https : http);\nconst transport = pick(true);\ntransport.get('https://localhost:3000', { agent: false });`;
    return {
      name: 'a module returned by a project function',
      code,
      errors: [agentFalse(code, 'agent: false', 'transport.get()', 'https', [{ messageId: 'removeAgentFalse', output: `${HTTP}${HTTPS}const pick = (secure: boolean) => (secure ? https : http);\nconst transport = pick(true);\ntransport.get('https://localhost:3000', {});` }])],
    };
  })(),
  (() => {
    const code = `${HTTP}${HTTPS}declare const secure: boolean;\nconst transport = secure ? https : http;\ntransport.get('http://localhost:3000', { agent: false });`;
    return {
      name: 'http or https chosen at run time',
      code,
      errors: [agentFalse(code, 'agent: false', 'transport.get()', 'https', [{ messageId: 'removeAgentFalse', output: `${HTTP}${HTTPS}declare const secure: boolean;\nconst transport = secure ? https : http;\ntransport.get('http://localhost:3000', {});` }])],
    };
  })(),
];

// ---------------------------------------------------------------------------------------------
// Without type information only: CommonJS, and what cannot be known without types.
// ---------------------------------------------------------------------------------------------

const untypedValid: Valid[] = [
  { name: 'subclass without a constructor is not followed without types', code: `${HTTP}class Pooled extends http.Agent {}\nconst agent = new Pooled();` },
  { name: 'options typed without keepAlive: unknown without types', code: `${HTTP}declare const options: { timeout: number };\nconst agent = new http.Agent(options);` },
  { name: 'ok: CommonJS agent with keepAlive', code: `const http = require('http');\nconst agent = new http.Agent({ keepAlive: true });`, ...CJS },
  { name: 'ok: CommonJS http-proxy with an agent', code: `const httpProxy = require('http-proxy');\nconst http = require('http');\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000', agent: new http.Agent({ keepAlive: true }) });`, ...CJS },
];

const untypedInvalid: Invalid[] = [
  (() => {
    const code = `const http = require('http');\nconst agent = new http.Agent();`;
    return { name: 'CommonJS agent', code, output: `const http = require('http');\nconst agent = new http.Agent({ keepAlive: true });`, ...CJS, errors: [missing(code, 'new http.Agent()', 'new http.Agent()', 'http')] };
  })(),
  (() => {
    const code = `const { Agent } = require('node:http');\nclass Pooled extends Agent {\n  constructor() {\n    super();\n  }\n}`;
    return { name: 'CommonJS super() of an http.Agent subclass', code, output: `const { Agent } = require('node:http');\nclass Pooled extends Agent {\n  constructor() {\n    super({ keepAlive: true });\n  }\n}`, ...CJS, errors: [missing(code, 'super()', 'super()', 'http')] };
  })(),
  (() => {
    const code = `const httpProxy = require('http-proxy');\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000' });`;
    return {
      name: 'CommonJS http-proxy: the suggestion adds a require',
      code,
      ...CJS,
      errors: [
        proxy(code, "httpProxy.createProxyServer({ target: 'http://localhost:3000' })", 'httpProxy.createProxyServer()', 'http-proxy', {
          agent: 'http.Agent',
          output: `const httpProxy = require('http-proxy');\nconst http = require('node:http');\nconst proxy = httpProxy.createProxyServer({ target: 'http://localhost:3000', agent: new http.Agent({ keepAlive: true }) });`,
        }),
      ],
    };
  })(),
  (() => {
    const code = `const https = require('https');\nhttps.get('https://example.com', { agent: false });`;
    return {
      name: 'CommonJS https.get with agent: false',
      code,
      ...CJS,
      errors: [agentFalse(code, 'agent: false', 'https.get()', 'https', [{ messageId: 'removeAgentFalse', output: `const https = require('https');\nhttps.get('https://example.com', {});` }])],
    };
  })(),
];

typedRuleTester().run('require-keep-alive (typed)', rule, {
  valid: [...sharedValid, ...typedValid],
  invalid: [...sharedInvalid, ...typedInvalid],
});

untypedRuleTester().run('require-keep-alive (untyped)', rule, {
  valid: [...sharedValid, ...untypedValid],
  invalid: [...sharedInvalid, ...untypedInvalid],
});
