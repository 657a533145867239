import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

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
 * A value built once per file being linted (its ESLint SourceCode) for one analysis. All of a
 * file's analyses share one entry: entering a new key into a map costs more than a lookup, and a
 * file has many analyses.
 */
export function perFile<V>(file: Readonly<TSESLint.SourceCode>, slot: FileSlot<V>, build: (file: Readonly<TSESLint.SourceCode>) => V): V {
  return inSlot(slotsOf(file), slot, build, file);
}

/**
 * The place of an analysis that depends on something besides the file (a catalogue, options): one
 * slot per key, so a file's memos stay one map (maps per file and analysis, mostly holding one key,
 * cost more to make than the lookups they saved). The keys are held for good: they are the
 * catalogues, which `effectiveCatalogue` keeps anyway.
 */
export interface KeyedFileSlot<K, V> {
  readonly description: string;
  /** Filled by `slotForKey` only. */
  readonly slots: Map<K, FileSlot<V>>;
}

export function keyedFileSlot<K, V>(description: string): KeyedFileSlot<K, V> {
  return { description, slots: new Map() };
}

function slotForKey<K, V>(slot: KeyedFileSlot<K, V>, key: K): FileSlot<V> {
  return byKey(slot.slots, key, fileSlot<V>, slot.description);
}

/** `perFile` for an analysis that depends on something besides the file. */
export function perFileAndKey<K, V>(file: Readonly<TSESLint.SourceCode>, slot: KeyedFileSlot<K, V>, key: K, build: (file: Readonly<TSESLint.SourceCode>) => V): V {
  return perFile(file, slotForKey(slot, key), build);
}

/**
 * `perFile` for a TypeScript SourceFile, which lives as long as its program (an ESLint SourceCode
 * that does is registered with `livesWithProgram`, and asked through `perFile`). Kept until the
 * file is garbage.
 */
export function perProgramFile<V>(file: ts.SourceFile, slot: FileSlot<V>, build: (file: ts.SourceFile) => V): V {
  return inSlot(programSlotsOf(file), slot, build, file);
}

/** `perProgramFile` for an analysis that depends on something besides the file. */
export function perProgramFileAndKey<K, V>(file: ts.SourceFile, slot: KeyedFileSlot<K, V>, key: K, build: (file: ts.SourceFile) => V): V {
  return perProgramFile(file, slotForKey(slot, key), build);
}

/** A SourceCode that lives as long as its program (the follower's view of another file): its memos are kept with it. */
export function livesWithProgram(sourceCode: Readonly<TSESLint.SourceCode>): void {
  byKey(programFiles, sourceCode, newSlots, undefined);
}

type Slots = Map<FileSlot<unknown>, unknown>;

function inSlot<F, V>(slots: Slots, slot: FileSlot<V>, build: (file: F) => V, file: F): V {
  // A slot's type says what its value is.
  return byKey(slots as Map<FileSlot<V>, V>, slot, build, file);
}

/**
 * A map or a weak map: read the value, or build it from `argument` and enter it. A builder that
 * needs nothing but the argument is passed by name, and then a lookup that finds its value (nearly
 * all of them; some run for every call of a file) allocates no closure.
 */
function byKey<K, V, A>(values: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, build: (argument: A) => V, argument: A): V {
  let value = values.get(key);
  if (value === undefined) values.set(key, (value = build(argument)));
  return value;
}

/**
 * Two stores, by how long a file lives. ESLint builds a SourceCode for each file it lints and drops
 * it when the file is done: a WeakMap keyed by them fills with dead entries that only a full garbage
 * collection clears, and rehashes them all each time it grows (measured over 3,000 files: 30 ms of
 * inserts, two thirds of it in a few rehashes; about 12 ms with a Map of the last two). The last
 * two files linted are held here instead, strongly, in two fields: no map to hash them into.
 */
// ESLint lints one file at a time: the one before is kept too, and no more, as each holds its trees
// (and through them, in an editor, a program that has since changed).
let newestFile: object | undefined;
let newestSlots: Slots | undefined;
let olderFile: object | undefined;
let olderSlots: Slots | undefined;
/** The memos of the files that live with their programs: SourceFiles, and SourceCodes from `livesWithProgram`. */
const programFiles = new WeakMap<object, Slots>();
// The file asked about last: most questions in a row are about the file being linted.
let lastFile: object | undefined;
let lastSlots: Slots | undefined;

function slotsOf(file: object): Slots {
  if (file === lastFile && lastSlots !== undefined) return lastSlots;
  if (file === newestFile && newestSlots !== undefined) return remember(file, newestSlots);
  if (file === olderFile && olderSlots !== undefined) return remember(file, olderSlots);
  const kept = programFiles.get(file);
  if (kept !== undefined) return remember(file, kept);
  // The older one goes.
  olderFile = newestFile;
  olderSlots = newestSlots;
  newestFile = file;
  newestSlots = newSlots();
  return remember(file, newestSlots);
}

function programSlotsOf(file: object): Slots {
  return file === lastFile && lastSlots !== undefined ? lastSlots : weakSlotsOf(file);
}

function weakSlotsOf(file: object): Slots {
  return remember(file, byKey(programFiles, file, newSlots, undefined));
}

const newSlots = (): Slots => new Map();

function remember(file: object, slots: Slots): Slots {
  lastFile = file;
  lastSlots = slots;
  return slots;
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
