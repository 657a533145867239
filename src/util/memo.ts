/**
 * A value built once per owner (a program) and key (a catalogue): what each rule, or each file of
 * a program, would otherwise build again.
 */
export function memoised<K, V>(store: WeakMap<object, Map<K, V>>, owner: object, key: K, build: () => V): V {
  let byKey = store.get(owner);
  if (byKey === undefined) store.set(owner, (byKey = new Map<K, V>()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = build()));
  return value;
}

/** One analysis's place among a file's memos (see `perFile`); `V` is what it holds. */
export interface FileSlot<V> {
  readonly description: string;
  /** Never set: carries `V` for the type checker. */
  readonly value?: V;
}

export function fileSlot<V>(description: string): FileSlot<V> {
  return { description };
}

/**
 * A value built once per file (an ESLint SourceCode, a TypeScript SourceFile) for one analysis. All
 * of a file's analyses share one WeakMap entry: entering a new key into a WeakMap costs more than
 * a lookup, and a file has many analyses.
 */
export function perFile<V>(file: object, slot: FileSlot<V>, build: () => V): V {
  const slots = slotsOf(file);
  let value = slots.get(slot) as V | undefined;
  if (value === undefined) slots.set(slot, (value = build()));
  return value;
}

const files = new WeakMap<object, Map<FileSlot<unknown>, unknown>>();
// The file asked about last: most questions in a row are about the file being linted. (Held until
// another file is asked about; a WeakRef costs more than the lookup it saves.)
let lastFile: object | undefined;
let lastSlots: Map<FileSlot<unknown>, unknown> | undefined;

function slotsOf(file: object): Map<FileSlot<unknown>, unknown> {
  if (file === lastFile && lastSlots !== undefined) return lastSlots;
  let slots = files.get(file);
  if (slots === undefined) files.set(file, (slots = new Map<FileSlot<unknown>, unknown>()));
  lastFile = file;
  lastSlots = slots;
  return slots;
}

/** `perFile` for an analysis that depends on something besides the file (a catalogue, options). */
export function perFileAndKey<K, V>(file: object, slot: FileSlot<Map<K, V>>, key: K, build: () => V): V {
  const byKey = perFile(file, slot, () => new Map<K, V>());
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = build()));
  return value;
}

/**
 * A per-node question answered once for consecutive askers: ESLint runs every rule's listener for
 * a node before moving on, so the rules sharing an analysis ask about the same node in a row.
 * Remembers only the last node (and through it the file the analysis already belongs to).
 */
export function lastNodeMemo<N extends object, V>(answer: (node: N) => V): (node: N) => V {
  let last: N | undefined;
  let value: V;
  return (node) => {
    if (node !== last) {
      value = answer(node);
      last = node;
    }
    return value;
  };
}
