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
