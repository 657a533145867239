import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { ClientKind } from './catalogue/clients.js';

/** A client the catalogue does not know, declared by the user. */
export interface UserClient {
  /** Module id it is imported from (`@acme/db`). */
  readonly package: string;
  /** Exported class (built with `new`) or factory (called). */
  readonly export: string;
  readonly via?: 'new' | 'call';
  readonly kind?: ClientKind;
}

/** Silences a package, or one client of it (by class, factory or type name). */
export interface AllowedClient {
  readonly package: string;
  readonly name?: string;
}

export interface ClientOptions {
  readonly clients?: readonly UserClient[];
  readonly allow?: readonly AllowedClient[];
}

const KINDS: readonly ClientKind[] = [
  'http', 'sql', 'mongo', 'redis', 'amqp', 'kafka', 'nats', 'queue', 'cloud', 'search', 'rpc', 'websocket', 'cache', 'cassandra',
];

export const clientOptionsSchema: Record<string, JSONSchema4> = {
  clients: {
    type: 'array',
    description: 'More connection-owning clients, by the module they come from and the export that builds them.',
    items: {
      type: 'object',
      properties: {
        package: { type: 'string', minLength: 1 },
        export: { type: 'string', minLength: 1 },
        via: { type: 'string', enum: ['new', 'call'] },
        kind: { type: 'string', enum: [...KINDS] },
      },
      required: ['package', 'export'],
      additionalProperties: false,
    },
  },
  allow: {
    type: 'array',
    description: 'Clients not to report: a whole package, or one class, factory or type name of it.',
    items: {
      type: 'object',
      properties: {
        package: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
      },
      required: ['package'],
      additionalProperties: false,
    },
  },
};
