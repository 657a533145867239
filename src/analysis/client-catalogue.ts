import { CLIENTS, KIND_LABEL, type Builder, type ClientEntry } from '../catalogue/clients.js';
import type { ClientOptions, UserClient } from '../options.js';

/** The catalogue as one lint run sees it: the built-in clients, the user's own, minus the allowed. */
export interface EffectiveCatalogue {
  readonly entries: readonly ClientEntry[];
  /** `declaredIn` package → declared type name → entry. */
  readonly byDeclaredType: ReadonlyMap<string, ReadonlyMap<string, ClientEntry>>;
  /** Entries of clients generated into user code (Prisma), by type name. */
  readonly generated: ReadonlyMap<string, ClientEntry>;
  /** Every name a factory call can have: the cheap filter before asking the type checker. */
  readonly factoryNames: ReadonlySet<string>;
  /** Every method that connects an already built client (`connect`, `$connect`, `initialize`). */
  readonly connectMethods: ReadonlySet<string>;
  /** Both of the above, each once, as a list: the scan triage looks each up in every file of a program. */
  readonly buildOrConnectNames: readonly string[];
  isAllowed(entry: ClientEntry, names: readonly string[]): boolean;
  /** Whether some `allow` entry names a class, factory or type: only then do a match's names matter. */
  readonly allowsByName: boolean;
}

/**
 * By the options' content: ESLint hands every file (and every rule) its own copy of the options, so
 * keying by object identity rebuilt the catalogue for each file.
 */
const cache = new Map<string, EffectiveCatalogue>();

export function effectiveCatalogue(options: ClientOptions): EffectiveCatalogue {
  // The common case, without serialising anything: it is asked for by every rule in every file.
  const key = options.clients === undefined && options.allow === undefined ? '' : JSON.stringify([options.clients ?? [], options.allow ?? []]);
  let catalogue = cache.get(key);
  if (catalogue === undefined) {
    catalogue = buildCatalogue(options);
    cache.set(key, catalogue);
  }
  return catalogue;
}

/** The name a builder is called by: `createPool` for `mysql.createPool()`, `Pool` for `new pg.Pool()`. */
export function builderName(builder: Builder): string {
  const path = builder.call ?? builder.new ?? '';
  return builder.name ?? path.slice(path.lastIndexOf('.') + 1);
}

function buildCatalogue({ clients = [], allow = [] }: ClientOptions): EffectiveCatalogue {
  const entries = [...CLIENTS, ...clients.map(userEntry)];
  const byDeclaredType = new Map<string, Map<string, ClientEntry>>();
  const generated = new Map<string, ClientEntry>();
  const factoryNames = new Set<string>();
  const connectMethods = new Set<string>();
  for (const entry of entries) {
    for (const pkg of entry.declaredIn) {
      const byName = byDeclaredType.get(pkg) ?? new Map<string, ClientEntry>();
      for (const type of entry.types) if (!byName.has(type)) byName.set(type, entry);
      byDeclaredType.set(pkg, byName);
    }
    if (entry.generatedWithMembers !== undefined) for (const type of entry.types) generated.set(type, entry);
    for (const builder of entry.builders) if (builder.call !== undefined) factoryNames.add(builderName(builder));
    if (entry.connect !== undefined) connectMethods.add(entry.connect);
  }
  return {
    entries,
    byDeclaredType,
    generated,
    factoryNames,
    connectMethods,
    buildOrConnectNames: [...new Set([...factoryNames, ...connectMethods])],
    isAllowed: (entry, names) =>
      allow.some(
        (allowed) =>
          (allowed.package === entry.package || entry.declaredIn.includes(allowed.package)) &&
          (allowed.name === undefined || names.includes(allowed.name)),
      ),
    allowsByName: allow.some((allowed) => allowed.name !== undefined),
  };
}

function userEntry(client: UserClient): ClientEntry {
  const kind = client.kind ?? 'http';
  const builder: Builder = client.via === 'call' ? { call: client.export } : { new: client.export };
  return {
    package: client.package,
    declaredIn: [client.package],
    types: client.via === 'call' ? [] : [client.export],
    builders: [builder],
    kind,
    opens: `new ${KIND_LABEL[kind]} connections`,
    dispose: [],
  };
}
