/** Methods whose callback runs once per element (declared in TypeScript's lib for arrays, sets, maps, iterators). */
export const ITERATION_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

/** Library helpers that take the collection first and run the callback per element: `_.map(xs, fn)`, `pMap(xs, fn)`. */
export const ITERATION_FUNCTIONS: ReadonlySet<string> = new Set([
  'each',
  'forEach',
  'map',
  'flatMap',
  'pMap',
  'mapLimit',
  'mapSeries',
  'eachLimit',
  'eachSeries',
  'from',
]);

/** Methods that keep a value in a collection that outlives the iteration: `pools.set(k, c)`, `clients.push(c)`. */
export const COLLECTING_METHODS: ReadonlySet<string> = new Set(['set', 'push', 'unshift', 'add']);
