import ts from 'typescript';
import type { EffectiveCatalogue } from './client-catalogue.js';
import type { FileHeader } from './reaching-names.js';
import { internedNames } from '../util/interned-names.js';
import { keyedFileSlot, perProgramFileAndKey } from '../util/memo.js';

/**
 * Which files `reachingNames` must walk at first, decided from their text and the names
 * TypeScript's parser interned for them, never their trees. A body may build or connect a client
 * itself only through a call by a factory's or connect method's name, a `require` (or an
 * `import x = require(…)` of a project module), a package's export called or built, or a `new` (or base class) whose class the file may hold in a variable
 * or parameter. A file whose text shows none of these, outside module-level code, holds no such
 * body: its bodies reach a client only by calling a name that reaches, so it waits until it
 * mentions one (`mentionsAny`). Every test errs towards walking: the text is read with its
 * comments and strings, so a neighbour is looked for on the same line only, and a comment or
 * quote where a name chain goes on means a walk. The tests check that the names found equal a
 * walk of every file.
 */
export function mayHoldDirectBody(file: ts.SourceFile, header: FileHeader, catalogue: EffectiveCatalogue): boolean {
  return perProgramFileAndKey(file, TRIAGE, catalogue, () => decideDirect(file, header, catalogue));
}

const TRIAGE = keyedFileSlot<EffectiveCatalogue, boolean>('scan triage');

/** Whether the file's code may call one of these names (`default`: through a default import). */
export function mentionsAny(file: ts.SourceFile, header: FileHeader, names: ReadonlySet<string>): boolean {
  const interned = internedNames(file);
  if (interned === undefined || (names.has('default') && importsProjectDefault(header))) return true;
  // Whichever is smaller is iterated, by `forEach`: in code run a few times per file, which V8
  // seldom optimises, a `for…of` allocates a result object per step.
  let found = false;
  if (interned.size < names.size) interned.forEach((_, name) => (found ||= names.has(name)));
  else names.forEach((name) => (found ||= interned.has(name)));
  return found;
}

function decideDirect(file: ts.SourceFile, header: FileHeader, catalogue: EffectiveCatalogue): boolean {
  const interned = internedNames(file);
  const text = file.text;
  // Without the parser's names (another TypeScript), or with escaped names the text hides, walk.
  if (interned === undefined || interned.has('require') || header.requiresProjectModule || text.includes('\\u')) return true;
  if (catalogue.buildOrConnectNames.some((name) => interned.has(name))) return true;
  if (header.packageValueImports.some((local) => usedBeyondItsMembers(file, local))) return true;
  // A name built with `new` again and again (`new Map()`) is looked for among the file's bindings once.
  const bound = new Map<string, boolean>();
  const mayBeBoundHere = (name: string): boolean => {
    let answer = bound.get(name);
    if (answer === undefined) bound.set(name, (answer = mayBeBound(text, name)));
    return answer;
  };
  // Both keywords in one pass over the text.
  return someWordMatching(text, NEW_OR_EXTENDS, (word, at) => {
    const base = word === 'extends';
    return (base || !atModuleLevel(file, at)) && mayBuildUnseen(text, at + word.length, base, header, mayBeBoundHere);
  });
}

const NEW_OR_EXTENDS = /new|extends/gu;

function importsProjectDefault(header: FileHeader): boolean {
  for (const binding of header.imports.values()) if (!binding.fromPackage && binding.imported === 'default') return true;
  return false;
}

/**
 * After `new`, or `extends` (`base`), at `from`: whether what is built may be a class the file
 * cannot see. Not when written as a name chain (`Pool`, `pg.Pool`, `Base<T>`) whose root is a
 * project import, or a name no variable or parameter of the file may have (`new Error(…)`, the
 * file's `class Store`).
 */
function mayBuildUnseen(text: string, from: number, base: boolean, header: FileHeader, mayBeBoundHere: (name: string) => boolean): boolean {
  const root = nameAt(text, nextNonSpace(text, from));
  // `new (load())()`, `new this.Client()`, a comment in between: only a walk can tell.
  if (root === undefined || NOT_A_NAME.has(root)) return true;
  let at = nextNonSpace(text, nextNonSpace(text, from) + root.length);
  while (text.charCodeAt(at) === DOT) {
    const memberAt = nextNonSpace(text, at + 1);
    const member = nameAt(text, memberAt);
    if (member === undefined) return true;
    at = nextNonSpace(text, memberAt + member.length);
  }
  // Past type arguments (`new Map<K, V>()`, `extends Base<T>`), unless a quote or comment in them hides their end.
  if (text.charCodeAt(at) === LESS_THAN) {
    const after = afterTypeArguments(text, at);
    if (after === undefined) return true;
    at = nextNonSpace(text, after);
  }
  // `new a[0]()`, `new a!.b()`, `` new tag`…` ``: not a name chain; a comment may hide what follows.
  const next = text.charCodeAt(at);
  if (next === OPEN_BRACKET || next === BANG || next === BACKTICK || next === SLASH) return true;
  // `extends mixin(Base)`, `extends mixin<T>(Base)`: the base is what a call returns.
  if (base && next === OPEN_PAREN) return true;
  const binding = header.imports.get(root);
  return binding === undefined ? mayBeBoundHere(root) : binding.fromPackage && !binding.typeOnly;
}

/** A package's export used other than through its members, in code a body runs (`express()`, `fn` passed on). */
function usedBeyondItsMembers(file: ts.SourceFile, name: string): boolean {
  const text = file.text;
  return someWordAt(text, name, (at) => text.charCodeAt(nextNonSpace(text, at + name.length)) !== DOT && !atModuleLevel(file, at));
}

/**
 * Whether the text at `at` is code of the module itself, which no body runs: nothing between the
 * start of its top-level statement and it opens a function, class, block, call or `do` loop
 * (`export const router = new Router(…)`, `const app = express()`, the bindings of an import).
 * The statement starts after the comments above it, so a `(` in its doc comment opens nothing,
 * and a word inside those comments is no code at all.
 */
function atModuleLevel(file: ts.SourceFile, at: number): boolean {
  const statement = statementAt(file.statements, at);
  if (statement === undefined) return false;
  return ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || !OPENS_A_BODY.test(file.text.slice(statement.getStart(file), at));
}

// `do call(); while (…)` is a loop with neither braces nor parentheses before its body.
const OPENS_A_BODY = /[{(]|=>|\bfunction\b|\bclass\b|\bdo\b/u;

/** The top-level statement that ends after `at` first (a binary search: a file may have thousands). */
function statementAt(statements: ts.NodeArray<ts.Statement>, at: number): ts.Statement | undefined {
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((statements[middle]?.end ?? 0) <= at) low = middle + 1;
    else high = middle - 1;
  }
  return statements[low];
}

/**
 * Whether some variable or parameter of the file may have this name: some occurrence is not plainly
 * something else — a `new`, a base class, a declaration of a class, function, interface, type or
 * enum, a type (`: Map<K, V>`, `A | B`), a member read or a call.
 */
function mayBeBound(text: string, name: string): boolean {
  return someWordAt(text, name, (at) => {
    const nextAt = nextNonSpace(text, at + name.length);
    const next = text.charCodeAt(nextAt);
    // `return Ctor => …`: an arrow function's parameter.
    if (next === EQUALS && text.charCodeAt(nextAt + 1) === GREATER_THAN) return true;
    if (next === LESS_THAN || next === DOT || next === OPEN_PAREN || next === OPEN_BRACKET) return false;
    const previous = text.charCodeAt(previousNonSpace(text, at));
    if (previous === LESS_THAN || previous === BAR || previous === AMPERSAND) return false;
    // Only what the same line says: a `//` comment above may end with any word.
    return !NOT_A_BINDING_AFTER.test(text.slice(Math.max(0, at - 16, lineStart(text, at)), at));
  });
}

const NOT_A_BINDING_AFTER = /(?:^|[^\w$.])(?:new|extends|implements|class|function|interface|type|enum|instanceof|typeof|keyof|as|satisfies|return|throw)\s+$/u;

/** Whether `test` holds where `word` stands as a whole word, not as a member (`x.new`). */
function someWordAt(text: string, word: string, test: (at: number) => boolean): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    if (isWholeWord(text, at, word.length) && test(at)) return true;
  }
  return false;
}

/** `someWordAt` for the words a global pattern finds, in one pass (a regular expression of a few alternatives beats a search for each). */
function someWordMatching(text: string, words: RegExp, test: (word: string, at: number) => boolean): boolean {
  // A copy holds this search's position: the pattern itself is shared.
  const pattern = new RegExp(words);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [word] = match;
    if (isWholeWord(text, match.index, word.length) && test(word, match.index)) return true;
  }
  return false;
}

function isWholeWord(text: string, at: number, length: number): boolean {
  return !isNamePart(text.charCodeAt(at - 1)) && !isNamePart(text.charCodeAt(at + length)) && !isMemberDot(text, previousNonSpace(text, at));
}

/** The name starting at `at`, if one does: it starts with an ASCII letter, `_` or `$` (any other start is left to the walk). */
function nameAt(text: string, at: number): string | undefined {
  if (!isNameStart(text.charCodeAt(at))) return undefined;
  let end = at + 1;
  while (isNamePart(text.charCodeAt(end))) end++;
  return text.slice(at, end);
}

/**
 * Past `<…>` from `at` (at a `<`), counting nested brackets (an arrow's `>` is none); `undefined`
 * when a quote or a comment inside may hide where they end (`mixin<'>'>(Base)`).
 */
function afterTypeArguments(text: string, at: number): number | undefined {
  let depth = 0;
  for (let index = at; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE || code === DOUBLE_QUOTE || code === BACKTICK || code === SLASH) return undefined;
    if (code === LESS_THAN) depth++;
    else if (code === GREATER_THAN && text.charCodeAt(index - 1) !== EQUALS && --depth === 0) return index + 1;
  }
  return undefined;
}

/** `a.b`, `a?.b`; not a spread's `...`. */
function isMemberDot(text: string, at: number): boolean {
  return text.charCodeAt(at) === DOT && text.charCodeAt(at - 1) !== DOT;
}

function nextNonSpace(text: string, at: number): number {
  let index = at;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Printable ASCII first: most characters looked at are, and none of them is a space.
    if (isPrintableAscii(code) || !ts.isWhiteSpaceLike(code)) break;
  }
  return index;
}

/** The last character before `at` on its line that is not a space; -1 past a line break (a `//` comment may end the line above). */
function previousNonSpace(text: string, at: number): number {
  let index = at - 1;
  for (; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (isPrintableAscii(code)) return index;
    if (!ts.isWhiteSpaceSingleLine(code)) break;
  }
  return index >= 0 && ts.isLineBreak(text.charCodeAt(index)) ? -1 : index;
}

const isPrintableAscii = (code: number): boolean => code > 0x20 && code < 0x7f;

function lineStart(text: string, at: number): number {
  let index = at;
  while (index > 0 && !ts.isLineBreak(text.charCodeAt(index - 1))) index--;
  return index;
}

const isNameStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
/** Past ASCII, whatever TypeScript takes for part of a name, so a word is never cut inside one (and a no-break space ends it). */
const isNamePart = (code: number): boolean => isNameStart(code) || (code >= 48 && code <= 57) || (code >= 0x80 && ts.isIdentifierPart(code, ts.ScriptTarget.Latest));

/** Keywords, not a class's name, after `new` or `extends` (`new this.Client()`, `new class {}`, `T extends keyof U`). */
const NOT_A_NAME: ReadonlySet<string> = new Set(['this', 'super', 'class', 'function', 'new', 'import', 'typeof', 'keyof']);

const DOT = 0x2e;
const OPEN_BRACKET = 0x5b;
const OPEN_PAREN = 0x28;
const BANG = 0x21;
const BACKTICK = 0x60;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const EQUALS = 0x3d;
const BAR = 0x7c;
const AMPERSAND = 0x26;
const SLASH = 0x2f;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
