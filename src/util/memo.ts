/**
 * A value built once per owner (a file's SourceCode, a program, a TypeScript file) and key (a
 * catalogue, a depth): what each rule, or each file of a program, would otherwise build again.
 */
export function memoised<K, V>(store: WeakMap<object, Map<K, V>>, owner: object, key: K, build: () => V): V {
  let byKey = store.get(owner);
  if (byKey === undefined) store.set(owner, (byKey = new Map<K, V>()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = build()));
  return value;
}

/**
 * A per-node question answered once for consecutive askers: ESLint runs every rule's listener for
 * a node before moving on, so the rules sharing an analysis ask about the same node in a row.
 * Remembers only the last node, so it keeps nothing alive.
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
