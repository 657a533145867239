import type ts from 'typescript';

/**
 * The names TypeScript's parser interned for a file: at least every identifier and property name,
 * and every string that names a module in an import, an export or a `declare module` (not the
 * argument of a call such as `require('http')`; some JSDoc words too). Internal to TypeScript, so
 * read only when it is there. Complete for a file parsed whole, as typescript-eslint's project
 * service parses every text it is given; an incremental reparse keeps only the new ones.
 */
export function internedNames(file: ts.SourceFile): ReadonlyMap<string, string> | undefined {
  const identifiers = (file as { identifiers?: unknown }).identifiers;
  return identifiers instanceof Map ? (identifiers as ReadonlyMap<string, string>) : undefined;
}
