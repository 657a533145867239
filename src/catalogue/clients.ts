/**
 * Which package builds which connection-owning client. One entry per client family; rules and
 * analysis read this table and never name a package themselves.
 *
 * Facts come from the packages' own type declarations (see ../shared/design/catalogue.md).
 */

export type ClientKind =
  | 'http'
  | 'sql'
  | 'mongo'
  | 'redis'
  | 'amqp'
  | 'kafka'
  | 'nats'
  | 'queue'
  | 'cloud'
  | 'search'
  | 'rpc'
  | 'websocket'
  | 'cache'
  | 'cassandra';

/**
 * How user code builds a client, as a path from the module's exports.
 * - `{ new: 'Pool' }`: `new Pool()` / `new pg.Pool()`.
 * - `{ call: 'createPool' }`: `createPool()` / `mysql.createPool()`; `MongoClient.connect` for a static.
 * - `{ call: '' }`: the module itself is the factory (`postgres()`, `knex()`); `name` is its declared name.
 * - `{ call: 'producer', on: { new: 'Kafka' } }`: a method of an instance built with `new Kafka()`.
 * - `{ call: 'duplicate', on: 'self' }`: a method of the client that builds another client.
 */
export interface Builder {
  readonly new?: string;
  readonly call?: string;
  /** The declared name of a module-level factory (`call: ''`), for the type-aware check. */
  readonly name?: string;
  /** `call` is a method of an instance: of the client itself, or of another export built with `new`. */
  readonly on?: 'self' | { readonly new: string };
  /**
   * `false` for one connection that is not re-established after it drops (a pg `Client`, a
   * mysql connection, an amqplib connection): sharing it changes failure behaviour, so the
   * rules only suggest hoisting it, and never rewrite it on their own.
   */
  readonly reconnects?: false;
  /**
   * Builds a client only for some arguments: `'config-object'` when the first is an object (oracledb's
   * `getConnection(attributes)`, not `getConnection(alias)`); `'url-or-connection'` when it is a URL
   * string or an object with a `connection` option (drizzle; given an existing `client`, it only wraps it).
   */
  readonly opensWhen?: 'config-object' | 'url-or-connection';
}

export interface ClientEntry {
  /** The package users import; the label in messages and the module id tracked without types. */
  readonly package: string;
  /** More module ids that export the same builders (`node:http`, `mysql2/promise`). */
  readonly modules?: readonly string[];
  /** Packages (or ambient module names) whose declarations define the client types. */
  readonly declaredIn: readonly string[];
  /** Declared names of the instance types that own connections (class, interface or type alias). */
  readonly types: readonly string[];
  readonly builders: readonly Builder[];
  readonly kind: ClientKind;
  /** What one construction opens, completing "… so each request opens …". */
  readonly opens: string;
  /** A method that opens the connections after construction (calling it per request is a bug too). */
  readonly connect?: string;
  /** Methods that release the connections. */
  readonly dispose: readonly string[];
  /** Also accept these module ids in imports and requires (untyped), matched as a prefix. */
  readonly modulePrefix?: string;
  /** With `modulePrefix`: exported names that build the client with `new`. */
  readonly exportPattern?: RegExp;
  /** A client generated into user code: accept a type of one of `types` that has these members. */
  readonly generatedWithMembers?: readonly string[];
  /** HTTP agents and dispatchers: whether a new instance reuses idle connections without being told to (`keepAlive`). */
  readonly keepAliveByDefault?: boolean;
}

const DB_POOL = 'a pool of database connections';

export const CLIENTS: readonly ClientEntry[] = [
  // SQL
  {
    package: 'pg',
    declaredIn: ['pg'],
    types: ['Pool'],
    builders: [{ new: 'Pool' }, { new: 'native.Pool' }],
    kind: 'sql',
    opens: 'a pool of PostgreSQL connections',
    dispose: ['end'],
  },
  {
    package: 'pg',
    declaredIn: ['pg'],
    types: ['Client'],
    builders: [{ new: 'Client', reconnects: false }, { new: 'native.Client', reconnects: false }],
    kind: 'sql',
    opens: 'a new PostgreSQL connection',
    connect: 'connect',
    dispose: ['end'],
  },
  {
    package: 'postgres',
    declaredIn: ['postgres'],
    types: ['Sql'],
    builders: [{ call: '', name: 'postgres' }],
    kind: 'sql',
    opens: 'a pool of PostgreSQL connections',
    dispose: ['end'],
  },
  {
    package: 'mysql',
    declaredIn: ['mysql'],
    types: ['Connection', 'Pool', 'PoolCluster'],
    builders: [{ call: 'createConnection', reconnects: false }, { call: 'createPool' }, { call: 'createPoolCluster' }],
    kind: 'sql',
    opens: 'new MySQL connections',
    dispose: ['end', 'destroy'],
  },
  {
    package: 'mysql2',
    modules: ['mysql2/promise'],
    declaredIn: ['mysql2'],
    types: ['Connection', 'Pool', 'PoolCluster'],
    builders: [{ call: 'createConnection', reconnects: false }, { call: 'createPool' }, { call: 'createPoolCluster' }],
    kind: 'sql',
    opens: 'new MySQL connections',
    dispose: ['end', 'destroy'],
  },
  {
    package: 'mssql',
    declaredIn: ['mssql'],
    types: ['ConnectionPool'],
    builders: [{ new: 'ConnectionPool' }],
    kind: 'sql',
    opens: 'a pool of SQL Server connections',
    connect: 'connect',
    dispose: ['close'],
  },
  {
    package: 'oracledb',
    declaredIn: ['oracledb'],
    types: ['Pool'],
    builders: [{ call: 'createPool' }],
    kind: 'sql',
    opens: 'a pool of Oracle connections',
    dispose: ['close'],
  },
  {
    package: 'oracledb',
    declaredIn: ['oracledb'],
    types: ['Connection'],
    // `getConnection()` and `getConnection(poolAlias)` borrow from the pool cache; only
    // `getConnection(attributes)` opens a standalone connection.
    builders: [{ call: 'getConnection', opensWhen: 'config-object' }],
    kind: 'sql',
    opens: 'a new Oracle connection',
    dispose: ['close'],
  },
  {
    package: '@prisma/client',
    declaredIn: ['@prisma/client', '.prisma/client'],
    types: ['PrismaClient'],
    builders: [{ new: 'PrismaClient' }],
    kind: 'sql',
    opens: DB_POOL,
    connect: '$connect',
    dispose: ['$disconnect'],
    generatedWithMembers: ['$connect', '$disconnect'],
  },
  {
    package: 'sequelize',
    declaredIn: ['sequelize'],
    types: ['Sequelize'],
    builders: [{ new: 'Sequelize' }],
    kind: 'sql',
    opens: DB_POOL,
    dispose: ['close'],
  },
  {
    package: 'typeorm',
    declaredIn: ['typeorm'],
    types: ['DataSource'],
    builders: [{ new: 'DataSource' }],
    kind: 'sql',
    opens: DB_POOL,
    connect: 'initialize',
    dispose: ['destroy'],
  },
  {
    package: 'knex',
    declaredIn: ['knex'],
    types: ['Knex'],
    builders: [{ call: '', name: 'knex' }, { call: 'knex' }],
    kind: 'sql',
    opens: DB_POOL,
    dispose: ['destroy'],
  },
  {
    package: 'drizzle-orm',
    modules: [
      'drizzle-orm/node-postgres',
      'drizzle-orm/postgres-js',
      'drizzle-orm/mysql2',
      'drizzle-orm/neon-serverless',
      'drizzle-orm/libsql',
      'drizzle-orm/planetscale-serverless',
      'drizzle-orm/tidb-serverless',
      'drizzle-orm/pglite',
    ],
    declaredIn: ['drizzle-orm'],
    types: [
      'NodePgDatabase',
      'PostgresJsDatabase',
      'MySql2Database',
      'NeonDatabase',
      'LibSQLDatabase',
      'PlanetScaleDatabase',
      'TiDBServerlessDatabase',
      'PgliteDatabase',
    ],
    builders: [{ call: 'drizzle', opensWhen: 'url-or-connection' }],
    kind: 'sql',
    opens: DB_POOL,
    dispose: [],
  },
  // MongoDB
  {
    package: 'mongodb',
    declaredIn: ['mongodb'],
    types: ['MongoClient'],
    builders: [{ new: 'MongoClient' }, { call: 'MongoClient.connect' }],
    kind: 'mongo',
    opens: 'a pool of MongoDB connections',
    connect: 'connect',
    dispose: ['close'],
  },
  {
    package: 'mongoose',
    declaredIn: ['mongoose'],
    types: ['Connection', 'Mongoose'],
    builders: [{ call: 'createConnection' }, { new: 'Mongoose' }],
    kind: 'mongo',
    opens: 'a pool of MongoDB connections',
    dispose: ['close', 'destroy', 'disconnect'],
  },
  // Redis and caches
  {
    package: 'ioredis',
    declaredIn: ['ioredis'],
    types: ['Redis', 'Cluster'],
    builders: [{ new: '' }, { new: 'Redis' }, { new: 'Cluster' }, { new: 'Redis.Cluster' }, { call: 'duplicate', on: 'self' }],
    kind: 'redis',
    opens: 'a new Redis connection',
    // Only with `lazyConnect: true`; a second `connect()` rejects ("already connecting/connected").
    connect: 'connect',
    dispose: ['quit', 'disconnect'],
  },
  {
    package: 'redis',
    modules: ['@redis/client'],
    declaredIn: ['redis', '@redis/client'],
    types: ['RedisClientType', 'RedisClientPoolType', 'RedisClusterType', 'RedisSentinelType'],
    builders: [
      { call: 'createClient' },
      { call: 'createClientPool' },
      { call: 'createCluster' },
      { call: 'createSentinel' },
      { call: 'duplicate', on: 'self' },
    ],
    kind: 'redis',
    opens: 'a new Redis connection',
    connect: 'connect',
    dispose: ['quit', 'disconnect', 'close', 'destroy'],
  },
  {
    package: 'memcached',
    declaredIn: ['memcached'],
    types: ['Memcached'],
    builders: [{ new: '' }],
    kind: 'cache',
    opens: 'new Memcached connections',
    dispose: ['end'],
  },
  // Brokers and queues
  {
    package: 'amqplib',
    declaredIn: ['amqplib'],
    types: ['ChannelModel', 'Connection', 'RecoveringChannelModel'],
    builders: [{ call: 'connect', reconnects: false }],
    kind: 'amqp',
    opens: 'a new AMQP connection',
    dispose: ['close'],
  },
  {
    package: 'amqp-connection-manager',
    declaredIn: ['amqp-connection-manager'],
    types: ['IAmqpConnectionManager', 'AmqpConnectionManager'],
    builders: [{ call: 'connect' }],
    kind: 'amqp',
    opens: 'a new AMQP connection',
    dispose: ['close'],
  },
  {
    package: 'rabbitmq-client',
    declaredIn: ['rabbitmq-client'],
    types: ['Connection'],
    builders: [{ new: 'Connection' }, { new: '' }],
    kind: 'amqp',
    opens: 'a new AMQP connection',
    dispose: ['close'],
  },
  {
    package: 'kafkajs',
    declaredIn: ['kafkajs'],
    types: ['Producer', 'Consumer', 'Admin'],
    builders: [
      { call: 'producer', on: { new: 'Kafka' } },
      { call: 'consumer', on: { new: 'Kafka' } },
      { call: 'admin', on: { new: 'Kafka' } },
    ],
    kind: 'kafka',
    opens: 'new connections to every Kafka broker',
    connect: 'connect',
    dispose: ['disconnect'],
  },
  {
    package: 'nats',
    modules: ['@nats-io/transport-node'],
    declaredIn: ['nats', '@nats-io/transport-node', '@nats-io/nats-core'],
    types: ['NatsConnection'],
    builders: [{ call: 'connect' }],
    kind: 'nats',
    opens: 'a new NATS connection',
    dispose: ['close', 'drain'],
  },
  {
    package: 'bullmq',
    declaredIn: ['bullmq'],
    types: ['Queue', 'Worker', 'QueueEvents', 'FlowProducer'],
    builders: [{ new: 'Queue' }, { new: 'Worker' }, { new: 'QueueEvents' }, { new: 'FlowProducer' }],
    kind: 'queue',
    opens: 'new Redis connections',
    dispose: ['close', 'disconnect'],
  },
  // HTTP
  {
    package: 'http',
    modules: ['node:http'],
    declaredIn: ['http'],
    types: ['Agent'],
    builders: [{ new: 'Agent' }],
    kind: 'http',
    opens: 'a new pool of HTTP sockets',
    dispose: ['destroy'],
    keepAliveByDefault: false,
  },
  {
    package: 'https',
    modules: ['node:https'],
    declaredIn: ['https'],
    types: ['Agent'],
    builders: [{ new: 'Agent' }],
    kind: 'http',
    opens: 'a new pool of HTTP sockets',
    dispose: ['destroy'],
    keepAliveByDefault: false,
  },
  {
    package: 'agentkeepalive',
    declaredIn: ['agentkeepalive'],
    // The default export is declared as `class AgentKeepAlive`.
    types: ['AgentKeepAlive', 'Agent', 'HttpsAgent', 'HttpAgent'],
    builders: [{ new: '' }, { new: 'HttpsAgent' }, { new: 'HttpAgent' }],
    kind: 'http',
    opens: 'a new pool of HTTP sockets',
    dispose: ['destroy'],
    keepAliveByDefault: true,
  },
  {
    package: 'undici',
    declaredIn: ['undici', 'undici-types'],
    types: [
      'Agent',
      'Pool',
      'Client',
      'BalancedPool',
      'RoundRobinPool',
      'ProxyAgent',
      'EnvHttpProxyAgent',
      'RetryAgent',
      'H2CClient',
      'Socks5ProxyAgent',
    ],
    builders: [
      { new: 'Agent' },
      { new: 'Pool' },
      { new: 'Client' },
      { new: 'BalancedPool' },
      { new: 'RoundRobinPool' },
      { new: 'ProxyAgent' },
      { new: 'EnvHttpProxyAgent' },
      { new: 'RetryAgent' },
      { new: 'H2CClient' },
      { new: 'Socks5ProxyAgent' },
    ],
    kind: 'http',
    opens: 'a new pool of HTTP connections',
    dispose: ['close', 'destroy'],
    keepAliveByDefault: true,
  },
  // Cloud SDKs, search, RPC, WebSocket, wide-column
  {
    package: '@aws-sdk/client-*',
    declaredIn: ['@smithy/smithy-client', '@smithy/core', '@aws-sdk/smithy-client'],
    types: ['Client'],
    builders: [],
    modulePrefix: '@aws-sdk/client-',
    exportPattern: /Client$/u,
    kind: 'cloud',
    opens: 'its own pool of HTTPS sockets and resolves credentials again',
    dispose: ['destroy'],
  },
  {
    package: '@elastic/elasticsearch',
    declaredIn: ['@elastic/elasticsearch'],
    types: ['Client'],
    builders: [{ new: 'Client' }],
    kind: 'search',
    opens: 'a new pool of HTTP connections',
    dispose: ['close'],
  },
  {
    package: '@grpc/grpc-js',
    declaredIn: ['@grpc/grpc-js'],
    types: ['Client'],
    builders: [{ new: 'Client' }],
    kind: 'rpc',
    opens: 'a new gRPC channel',
    dispose: ['close'],
  },
  {
    package: 'ws',
    declaredIn: ['ws'],
    types: ['WebSocket'],
    builders: [{ new: '', reconnects: false }, { new: 'WebSocket', reconnects: false }],
    kind: 'websocket',
    opens: 'a new WebSocket connection',
    dispose: ['close', 'terminate'],
  },
  {
    package: 'cassandra-driver',
    declaredIn: ['cassandra-driver'],
    types: ['Client'],
    builders: [{ new: 'Client' }],
    kind: 'cassandra',
    opens: 'a pool of connections to every Cassandra host',
    connect: 'connect',
    dispose: ['shutdown'],
  },
];

/** Short words for each kind, used in messages ("… opens new database connections"). */
export const KIND_LABEL: Readonly<Record<ClientKind, string>> = {
  http: 'HTTP',
  sql: 'database',
  mongo: 'MongoDB',
  redis: 'Redis',
  amqp: 'AMQP',
  kafka: 'Kafka',
  nats: 'NATS',
  queue: 'queue',
  cloud: 'cloud SDK',
  search: 'search',
  rpc: 'gRPC',
  websocket: 'WebSocket',
  cache: 'cache',
  cassandra: 'Cassandra',
};
