/**
 * Keep-alive facts that are not about building a client: the request functions and proxy
 * factories whose options decide whether a connection is reused. Agents and dispatchers carry
 * `keepAliveByDefault` in ./clients.ts. Facts from ../shared/design/catalogue.md §1.6 and §2, and
 * from http-proxy 1.18.1 `lib/http-proxy/common.js`.
 */

/** The agent option that turns keep-alive on (`new http.Agent({ keepAlive: true })`). */
export const KEEP_ALIVE_OPTION = 'keepAlive';

/** Functions that send one request with a per-call agent option (`http.request(url, { agent })`). */
export interface RequestFunctions {
  /** Module ids they are imported from (also used without type information). */
  readonly modules: readonly string[];
  /** Packages (ambient module names) that declare them. */
  readonly declaredIn: readonly string[];
  readonly functions: readonly string[];
  /** The option whose value `false` builds a one-use agent for the request. */
  readonly agentOption: string;
  /** The option holding the request headers (where `Connection: close` is looked for). */
  readonly headersOption: string;
}

export const NODE_REQUEST_FUNCTIONS: RequestFunctions = {
  modules: ['http', 'node:http', 'https', 'node:https'],
  declaredIn: ['http', 'https'],
  functions: ['request', 'get'],
  agentOption: 'agent',
  headersOption: 'headers',
};

/** A package that builds a reverse proxy which, without an agent, closes every upstream connection. */
export interface ProxyFactory {
  /** The package users import; the label in messages and the module id tracked without types. */
  readonly package: string;
  /** Packages whose declarations define the factories (for the type-aware check). */
  readonly declaredIn: readonly string[];
  /** Factory functions, as exported names or static methods of the default export. */
  readonly calls: readonly string[];
  /** The module's default export is itself a constructor of the proxy (`new HttpProxy(opts)`). */
  readonly constructs?: boolean;
  /** The option that takes the agent; when it is missing or falsy the package sends `Connection: close`. */
  readonly agentOption: string;
  /** The option holding the upstream URL (decides between `http.Agent` and `https.Agent`). */
  readonly targetOption: string;
}

export const PROXY_FACTORIES: readonly ProxyFactory[] = [
  {
    package: 'http-proxy',
    declaredIn: ['http-proxy'],
    calls: ['createProxyServer', 'createServer', 'createProxy'],
    constructs: true,
    agentOption: 'agent',
    targetOption: 'target',
  },
  {
    // Not installed here: recognised through its import only (it passes options to http-proxy).
    package: 'http-proxy-middleware',
    declaredIn: ['http-proxy-middleware'],
    calls: ['createProxyMiddleware'],
    agentOption: 'agent',
    targetOption: 'target',
  },
];

/** Methods of an http-proxy server that take per-request options, where an `agent` may be given instead. */
export const PROXY_PER_REQUEST_METHODS: readonly string[] = ['web', 'ws'];
