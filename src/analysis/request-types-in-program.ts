import { isBuiltin } from 'node:module';
import ts from 'typescript';
import { NODE_REQUEST_MODULES, NODE_REQUEST_ROUTES, REQUEST_PARAMETER_TYPES } from '../catalogue/contexts.js';
import { fileSlot, perFile } from '../util/memo.js';
import { normaliseModuleName } from '../util/module-specifier.js';
import { packageOfFile } from './declaring-package.js';
import { internedNames } from './scan-triage.js';

/**
 * Whether a parameter anywhere in this program may have one of the request types of
 * `REQUEST_PARAMETER_TYPES`; when none can, the type checker is not asked about parameters at all.
 * In a library without a server (rxjs, a CLI) that question is most of the rules' time: typing an
 * unannotated callback's parameter makes the checker infer the whole generic call around it.
 *
 * A package's request type is declared in a file of that package (by its path) or inside
 * `declare module 'koa'`. Node's are declared in `@types/node`, which every Node program holds, so
 * that is not enough: they reach code only through something that names them, their modules
 * (`import`, `require('http')`, `typeof import('http')`) or one of `@types/node`'s other ways into
 * them (`NODE_REQUEST_ROUTES`), written in a file other than `@types/node`'s own.
 */
export function mayHoldRequestTypes(program: ts.Program): boolean {
  let answer = byProgram.get(program);
  if (answer === undefined) byProgram.set(program, (answer = decide(program)));
  return answer;
}

const byProgram = new WeakMap<ts.Program, boolean>();

/** The packages that declare request types, other than Node's modules, and how a `declare module` may name them. */
const PACKAGES: ReadonlySet<string> = new Set(REQUEST_PARAMETER_TYPES.map((entry) => entry.declaredIn).filter((module) => !isBuiltin(module)));
const PACKAGE_MODULE_NAMES: readonly string[] = [...PACKAGES].flatMap((name) => [name, `node:${name}`]);

/** Node's modules that hand out its request types, either way written; the names that lead to them. */
const NODE_MODULE_NAMES: readonly string[] = NODE_REQUEST_MODULES.flatMap((module) => [module, `node:${module}`]);
const NODE_NAMES: readonly string[] = [
  ...REQUEST_PARAMETER_TYPES.filter((entry) => isBuiltin(entry.declaredIn)).flatMap((entry) => entry.types),
  ...NODE_REQUEST_ROUTES,
];

/** `@types/node`, by the package name `packageOfFile` gives it. */
const NODE_TYPES = 'node';

function decide(program: ts.Program): boolean {
  // TypeScript's own libraries declare no package's types, nor name Node's modules.
  return program.getSourceFiles().some((file) => !program.isSourceFileDefaultLibrary(file) && perFile(file, MAY_HOLD, () => fileMayHold(file)));
}

/** A file's part depends on its path and text alone: kept while the file is, across an editor's programs. */
const MAY_HOLD = fileSlot<boolean>('may hold request types');

function fileMayHold(file: ts.SourceFile): boolean {
  const pkg = packageOfFile(file.fileName);
  if (pkg !== undefined && PACKAGES.has(pkg)) return true;
  if (pkg === NODE_TYPES) return false;
  // The names of the file's identifiers, and of the strings that name a module in an import, an
  // export or a `declare module` (not of other strings: `require('http')` is read from the text).
  // Complete for a file parsed whole, as typescript-eslint's project service parses every text.
  const interned = internedNames(file);
  if (interned === undefined) return true;
  if (PACKAGE_MODULE_NAMES.some((name) => interned.has(name)) && declaresModule(file.statements)) return true;
  const mayName = NODE_NAMES.some((name) => interned.has(name)) || file.text.includes('http') || file.text.includes('\\');
  return mayName && namesNodeRequestTypes(file);
}

/**
 * Whether the file's code, not only its comments, names Node's request types, their modules or a
 * way into them: most libraries write `https://…` in their comments, `undici-types` (which
 * `@types/node` brings into every program) among them, and a backslash in a string may be an
 * escape. In JavaScript, JSDoc is where types are written: there any mention counts.
 */
function namesNodeRequestTypes(file: ts.SourceFile): boolean {
  if (isInJavaScript(file)) return true;
  const visit = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) ? NODE_NAMES.includes(node.text) : ts.isStringLiteralLike(node) && NODE_MODULE_NAMES.includes(node.text)) ||
    (ts.forEachChild(node, visit) ?? false);
  return visit(file);
}

function isInJavaScript(file: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/u.test(file.fileName);
}

/**
 * An ambient module or augmentation of a request type's package: at a file's top level, or nested in
 * another ambient module (`declare module 'koa-extras' { module 'koa' { … } }`).
 */
function declaresModule(statements: readonly ts.Statement[]): boolean {
  return statements.some(
    (statement) =>
      ts.isModuleDeclaration(statement) &&
      ts.isStringLiteral(statement.name) &&
      (PACKAGES.has(normaliseModuleName(statement.name.text)) || (statement.body !== undefined && ts.isModuleBlock(statement.body) && declaresModule(statement.body.statements))),
  );
}
