/**
 * Code that runs once per request, message, event or tick: the shapes frameworks register it with,
 * and the parameter types they hand it. Data only; `analysis/repeated-context.ts` reads it, and
 * `analysis/request-types-in-program.ts` the request types' packages and Node's modules.
 */

/** How often a context runs, completing "runs on every …" and "so each … opens". */
export interface Occasion {
  readonly every: string;
  readonly unit: string;
}

const request = (what: string): Occasion => ({ every: `request to ${what}`, unit: 'request' });
/** Middleware, hooks, guards: code a request passes through on its way to a route. */
const through = (what: string): Occasion => ({ every: `request through ${what}`, unit: 'request' });
const message = (what: string): Occasion => ({ every: `message of ${what}`, unit: 'message' });

/** Frameworks whose `app.get(path, fn)` / `app.use(fn)` register per-request code, by package. */
export const ROUTER_PACKAGES: Readonly<Record<string, string>> = {
  express: 'Express',
  'express-serve-static-core': 'Express',
  koa: 'Koa',
  '@koa/router': 'Koa',
  'koa-router': 'Koa',
  fastify: 'Fastify',
  hono: 'Hono',
  h3: 'h3',
  '@hapi/hapi': 'hapi',
  'hapi__hapi': 'hapi',
  restify: 'Restify',
  polka: 'Polka',
};

/**
 * The app and router types of those packages, by the name they export them under: a parameter
 * annotated with one (`app: FastifyInstance`) is what routes are registered on, never a request.
 */
export const ROUTER_TYPES: Readonly<Record<string, readonly string[]>> = {
  express: ['Express', 'Application', 'Router'],
  'express-serve-static-core': ['Express', 'Application', 'Router'],
  fastify: ['FastifyInstance'],
  hono: ['Hono'],
  h3: ['App', 'Router'],
  '@hapi/hapi': ['Server'],
};

/** Methods that register route handlers or middleware on an app or router. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'head',
  'options',
  'all',
  'use',
  'on',
  'search',
]);

/** Names of receivers that are, by convention, an app or a router (used without type information). */
export const ROUTER_RECEIVER = /(?:^|[a-z_])(?:app|router|server|api|fastify|hono|koa|routes?)$/iu;

/** Fastify and hapi lifecycle hooks that run per request. */
export const REQUEST_HOOKS: ReadonlySet<string> = new Set([
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
  'onPreAuth',
  'onCredentials',
  'onPostAuth',
  'onPreHandler',
  'onPostHandler',
  'onPreResponse',
]);

/** `emitter.on(event, fn)` events that fire again and again, and what one firing is. */
export const REPEATED_EVENTS: Readonly<Record<string, Occasion>> = {
  request: request('this HTTP server'),
  connection: { every: 'connection to this server', unit: 'connection' },
  // ws sockets, `process` (IPC), worker_threads ports, cluster workers: one wording fits them all.
  message: { every: 'message this listener receives', unit: 'message' },
  upgrade: request('this HTTP server'),
  stream: request('this HTTP/2 server'),
  data: { every: "'data' event of this stream", unit: 'event' },
  line: { every: 'line of this reader', unit: 'line' },
  completed: { every: 'completed job of this queue', unit: 'job' },
  failed: { every: 'failed job of this queue', unit: 'job' },
};

/** Functions whose callback runs per request / message: `createServer(fn)`, `setInterval(fn)`, … */
export const CALLBACK_REGISTRARS: Readonly<Record<string, Occasion>> = {
  createServer: request('this HTTP server'),
  createSecureServer: request('this HTTP/2 server'),
  defineEventHandler: request('this h3 event handler'),
  eventHandler: request('this h3 event handler'),
  defineHandler: request('this h3 event handler'),
  defineCachedEventHandler: request('this h3 event handler'),
  createMiddleware: through('this middleware'),
  setInterval: { every: 'tick of this setInterval timer', unit: 'tick' },
  consume: message('this AMQP consumer'),
  createConsumer: message('this RabbitMQ consumer'),
  subscribe: message('this subscription'),
  schedule: { every: 'run of this cron job', unit: 'run' },
  http: request('this Cloud Function'),
  cloudEvent: { every: 'event of this Cloud Function', unit: 'event' },
  query: { every: 'call of this tRPC procedure', unit: 'call' },
  mutation: { every: 'call of this tRPC procedure', unit: 'call' },
};

/**
 * Callbacks given as an options property: `consumer.run({ eachMessage })`, `route({ handler })`.
 * `calledBy` limits a common key to the calls that give it that meaning (`{ handler }` is also an
 * everyday option name); `handler` takes its framework from the call's receiver instead.
 */
export interface CallbackProperty {
  readonly occasion: Occasion | 'route';
  readonly calledBy?: ReadonlySet<string>;
}

/** By the property's name; a map, as it is asked about every property that holds a function. */
export const CALLBACK_PROPERTIES: ReadonlyMap<string, CallbackProperty> = new Map(
  Object.entries<CallbackProperty>({
    eachMessage: { occasion: message('this Kafka consumer'), calledBy: new Set(['run']) },
    eachBatch: { occasion: { every: 'batch of this Kafka consumer', unit: 'batch' }, calledBy: new Set(['run']) },
    // fastify `route`, hapi `route`/`ext`, Azure Functions `app.http`/`app.timer`, `app.get(name, { handler })`.
    handler: { occasion: 'route', calledBy: new Set([...ROUTE_METHODS, 'route', 'http', 'ext', 'timer']) },
    handleMessage: { occasion: message('this SQS consumer') },
    handleMessageBatch: { occasion: { every: 'batch of this SQS consumer', unit: 'batch' } },
    // NATS `nc.subscribe(subject, { callback })`; elsewhere `callback` is usually a one-shot completion.
    callback: { occasion: message('this NATS subscription'), calledBy: new Set(['subscribe']) },
    onTick: { occasion: { every: 'run of this cron job', unit: 'run' } },
    context: { occasion: request('this server (its per-request context function)') },
    createContext: { occasion: request('this server (its per-request context function)') },
  }),
);

/** Constructors whose callback argument runs per job or tick: `new Worker(name, fn)`. */
export const CALLBACK_CONSTRUCTORS: Readonly<Record<string, Occasion>> = {
  Worker: { every: 'job of this BullMQ worker', unit: 'job' },
  CronJob: { every: 'run of this cron job', unit: 'run' },
};

/** NestJS method decorators that make a method run per request, message or tick. */
export const NEST_METHOD_DECORATORS: Readonly<Record<string, Occasion>> = {
  Get: request('this NestJS route'),
  Post: request('this NestJS route'),
  Put: request('this NestJS route'),
  Patch: request('this NestJS route'),
  Delete: request('this NestJS route'),
  Options: request('this NestJS route'),
  Head: request('this NestJS route'),
  All: request('this NestJS route'),
  Search: request('this NestJS route'),
  Sse: request('this NestJS route'),
  RequestMapping: request('this NestJS route'),
  MessagePattern: message('this NestJS message handler'),
  EventPattern: { every: 'event of this NestJS event handler', unit: 'event' },
  SubscribeMessage: message('this NestJS gateway'),
  Cron: { every: 'run of this NestJS cron job', unit: 'run' },
  Interval: { every: 'tick of this NestJS interval', unit: 'tick' },
  ResolveField: request('this GraphQL resolver'),
};

/** Methods that NestJS calls per request on guards, interceptors, pipes, filters and middleware. */
export const NEST_PER_REQUEST_METHODS: Readonly<Record<string, Occasion>> = {
  canActivate: through('this NestJS guard'),
  intercept: through('this NestJS interceptor'),
  transform: through('this NestJS pipe'),
  catch: request('this NestJS exception filter'),
  use: through('this NestJS middleware'),
};

/**
 * Classes whose `NEST_PER_REQUEST_METHODS` NestJS calls: decorated `@Injectable()` / `@Catch()`, or
 * implementing one of these interfaces (`app.useGlobalInterceptors(new Timing())` needs no decorator).
 */
export const NEST_PER_REQUEST_CLASS_DECORATORS: ReadonlySet<string> = new Set(['Injectable', 'Catch']);
export const NEST_PER_REQUEST_INTERFACES: ReadonlySet<string> = new Set(['CanActivate', 'NestInterceptor', 'PipeTransform', 'ExceptionFilter', 'NestMiddleware']);

/** Exported functions that a file-system router calls per request, by the file they live in. */
export interface FileRoute {
  readonly file: RegExp;
  readonly exports: ReadonlySet<string> | 'default';
  readonly occasion: Occasion;
}

const HTTP_VERBS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];

export const FILE_ROUTES: readonly FileRoute[] = [
  { file: /(?:^|\/)pages\/api\//u, exports: 'default', occasion: request('this Next.js API route') },
  { file: /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/u, exports: new Set(HTTP_VERBS), occasion: request('this Next.js route handler') },
  { file: /(?:^|\/)(?:middleware|proxy)\.[cm]?[jt]s$/u, exports: new Set(['middleware', 'proxy', 'default']), occasion: request('this Next.js middleware') },
  { file: /(?:^|\/)\+server\.[jt]s$/u, exports: new Set([...HTTP_VERBS, 'fallback']), occasion: request('this SvelteKit endpoint') },
  { file: /(?:^|\/)\+(?:page|layout)\.server\.[jt]s$/u, exports: new Set(['load']), occasion: request('this SvelteKit load function') },
  { file: /(?:^|\/)hooks\.server\.[jt]s$/u, exports: new Set(['handle', 'handleFetch']), occasion: request('this SvelteKit hook') },
  { file: /(?:^|\/)(?:app\/routes|routes)\//u, exports: new Set(['loader', 'action']), occasion: request('this route loader or action') },
  { file: /(?:^|\/)server\/(?:api|routes|middleware)\//u, exports: 'default', occasion: request('this Nuxt server route') },
  { file: /\.[cm]?[jt]sx?$/u, exports: new Set(['getServerSideProps']), occasion: request('this Next.js page (getServerSideProps)') },
];

/** Calls whose callback receives an HTTP client's response (`http.get(url, cb)`), and the listener event for it. */
export const HTTP_CLIENT_CALLS: ReadonlySet<string> = new Set(['get', 'request']);
export const HTTP_CLIENT_RESPONSE_EVENT = 'response';

/** An exported `handler` is, by convention, a serverless entry point. */
/** A module exporting these is a CLI command (yargs `commandDir`), whose `handler` runs once per run. */
export const COMMAND_MODULE_EXPORTS: ReadonlySet<string> = new Set(['command', 'builder']);
export const SERVERLESS_EXPORTS: ReadonlySet<string> = new Set(['handler']);
export const SERVERLESS_OCCASION: Occasion = { every: 'invocation of this serverless handler', unit: 'invocation' };
export const SERVER_ACTION_OCCASION: Occasion = { every: "call of this server action ('use server')", unit: 'call' };
export const GRAPHQL_OCCASION: Occasion = request('this GraphQL resolver');
export const ROUTE_OCCASION = (framework: string | undefined): Occasion =>
  request(framework === undefined ? 'this route' : `this ${framework} route`);
/** `app.use(fn)`: middleware runs for every request that passes through it, not for one route. */
export const MIDDLEWARE_OCCASION = (framework: string | undefined): Occasion =>
  through(framework === undefined ? 'this middleware' : `this ${framework} middleware`);
/** `addHook('onRequest', fn)` / `server.ext('onPreAuth', fn)`. */
export const HOOK_OCCASION = (framework: string | undefined, hook: string): Occasion =>
  through(framework === undefined ? `this '${hook}' hook` : `this ${framework} '${hook}' hook`);

/**
 * Parameter types that mark a function as per-request code wherever it is written, by the package
 * that declares them (base types are walked, so `http.IncomingMessage` covers Express, Next.js and
 * Google Cloud Functions requests).
 */
export const REQUEST_PARAMETER_TYPES: readonly {
  readonly declaredIn: string;
  readonly types: readonly string[];
  readonly occasion: Occasion;
  /** The type is also what an HTTP client hands its response callback: `http.get(url, (res) => …)`. */
  readonly alsoClientResponse?: true;
}[] = [
  { declaredIn: 'express-serve-static-core', types: ['Request'], occasion: request('this Express route') },
  { declaredIn: 'express', types: ['Request'], occasion: request('this Express route') },
  { declaredIn: 'koa', types: ['ParameterizedContext', 'Context', 'ExtendableContext'], occasion: through('this Koa middleware') },
  { declaredIn: 'fastify', types: ['FastifyRequest'], occasion: request('this Fastify route') },
  { declaredIn: 'hono', types: ['Context'], occasion: request('this Hono route') },
  { declaredIn: 'h3', types: ['H3Event'], occasion: request('this h3 event handler') },
  { declaredIn: '@hapi/hapi', types: ['Request'], occasion: request('this hapi route') },
  { declaredIn: 'next', types: ['NextApiRequest', 'NextRequest'], occasion: request('this Next.js route') },
  { declaredIn: '@sveltejs/kit', types: ['RequestEvent', 'ServerLoadEvent'], occasion: request('this SvelteKit endpoint') },
  { declaredIn: 'http', types: ['IncomingMessage'], occasion: request('this HTTP server'), alsoClientResponse: true },
  { declaredIn: 'http2', types: ['Http2ServerRequest', 'ServerHttp2Stream'], occasion: request('this HTTP/2 server') },
  { declaredIn: 'aws-lambda', types: ['APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'ALBEvent', 'LambdaFunctionURLEvent', 'SQSEvent', 'SNSEvent', 'S3Event', 'DynamoDBStreamEvent', 'KinesisStreamEvent', 'EventBridgeEvent', 'ScheduledEvent', 'Context'], occasion: SERVERLESS_OCCASION },
  { declaredIn: 'amqplib', types: ['ConsumeMessage', 'Message'], occasion: message('this AMQP consumer') },
  { declaredIn: 'kafkajs', types: ['EachMessagePayload', 'EachBatchPayload'], occasion: message('this Kafka consumer') },
  { declaredIn: 'bullmq', types: ['Job'], occasion: { every: 'job of this BullMQ worker', unit: 'job' } },
  { declaredIn: 'graphql', types: ['GraphQLResolveInfo'], occasion: request('this GraphQL resolver') },
  { declaredIn: '@google-cloud/functions-framework', types: ['Request', 'CloudEvent'], occasion: request('this Cloud Function') },
  { declaredIn: '@azure/functions', types: ['HttpRequest', 'InvocationContext'], occasion: request('this Azure Function') },
];

/**
 * The modules of Node's own declarations (`@types/node`) that hand out the request types above:
 * `http` and `http2` declare them and `https`'s server passes `http.IncomingMessage` on. Every
 * request type Node declares must come from one of these (a test holds the catalogue to it).
 */
export const NODE_REQUEST_MODULES: readonly string[] = ['http', 'https', 'http2'];

/**
 * The other ways into those modules' types that `@types/node` offers, by the name code must write
 * to take them: `url.urlToHttpOptions()` returns `http.ClientRequestArgs` (whose agent lists
 * `IncomingMessage`s), and `process.getBuiltinModule()` returns a module by an id a type may compute
 * (`NodeJS.BuiltInModule`). A test pins the files of `@types/node` that name the modules.
 */
export const NODE_REQUEST_ROUTES: readonly string[] = ['urlToHttpOptions', 'getBuiltinModule', 'BuiltInModule'];
