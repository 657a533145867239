import { isBuiltin } from 'node:module';
import ts from 'typescript';
import { NODE_REQUEST_MODULES, NODE_REQUEST_ROUTES, REQUEST_PARAMETER_TYPES } from '../catalogue/contexts.js';
import { internedNames } from '../util/interned-names.js';
import { fileSlot, perProgramFile } from '../util/memo.js';
import { normaliseModuleName } from '../util/module-specifier.js';
import { packageOfFile } from './declaring-package.js';

// typescript's exports are getters: what the walk calls on every node is read once, here.
const { forEachChild, isCallExpression, isIdentifier, isModuleBlock, isModuleDeclaration, isPropertyAccessExpression, isStringLiteral, isStringLiteralLike } = ts;

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

/** The packages that declare request types, other than Node's modules. */
const PACKAGES: ReadonlySet<string> = new Set(REQUEST_PARAMETER_TYPES.map((entry) => entry.declaredIn).filter((module) => !isBuiltin(module)));
/** How a `declare module` of one of them may be written. */
const PACKAGE_MODULE_NAMES: readonly string[] = [...PACKAGES].flatMap((name) => [name, `node:${name}`]);

/** The names that lead to Node's request types: the types themselves, and the other ways into their modules. */
const NODE_NAMES: ReadonlySet<string> = new Set([
  ...REQUEST_PARAMETER_TYPES.filter((entry) => isBuiltin(entry.declaredIn)).flatMap((entry) => entry.types),
  ...NODE_REQUEST_ROUTES,
]);
const NODE_NAME_LIST: readonly string[] = [...NODE_NAMES];

/** `@types/node`, by the package name `packageOfFile` gives it. */
const NODE_TYPES = 'node';

function decide(program: ts.Program): boolean {
  // TypeScript's own libraries declare no package's types, nor name Node's modules.
  return program.getSourceFiles().some((file) => !program.isSourceFileDefaultLibrary(file) && perProgramFile(file, MAY_HOLD, fileMayHold));
}

/** A file's part depends on its path and text alone: kept while the file is, across an editor's programs. */
const MAY_HOLD = fileSlot<boolean>('may hold request types');

function fileMayHold(file: ts.SourceFile): boolean {
  const pkg = packageOfFile(file.fileName);
  if (pkg !== undefined && PACKAGES.has(pkg)) return true;
  if (pkg === NODE_TYPES) return false;
  const interned = internedNames(file);
  if (interned === undefined) return true;
  if (PACKAGE_MODULE_NAMES.some((name) => interned.has(name)) && declaresModule(file.statements)) return true;
  // A module's name is a string, which the parser interns only in some places (an import's, not
  // `require('http')`'s): the text tells, unless a backslash escapes or continues it.
  const mayName = NODE_NAME_LIST.some((name) => interned.has(name)) || file.text.includes('http') || file.text.includes('\\');
  return mayName && namesNodeRequestTypes(file);
}

/**
 * Whether the file's code, not only its comments, names Node's request types, their modules or a
 * way into them: most libraries write `https://…` in their comments, `undici-types` (which
 * `@types/node` brings into every program) among them. In JavaScript, JSDoc is where types are
 * written: there any mention counts.
 */
function namesNodeRequestTypes(file: ts.SourceFile): boolean {
  if ((file.flags & ts.NodeFlags.JavaScriptFile) !== 0) return true;
  const visit = (node: ts.Node): boolean => {
    if (isIdentifier(node)) return NODE_NAMES.has(node.text);
    if (isStringLiteralLike(node)) return NODE_REQUEST_MODULES.includes(normaliseModuleName(node.text));
    // `process.getBuiltinModule('v8')` is that module (an HTTP module's id is found as a string):
    // only an id a type computes may be one of them, so the method's name counts only then.
    if (isCallExpression(node) && fetchesBuiltinByLiteral(node)) {
      return (isPropertyAccessExpression(node.expression) && visit(node.expression.expression)) || node.arguments.some(visit);
    }
    return forEachChild(node, visit) ?? false;
  };
  return visit(file);
}

function fetchesBuiltinByLiteral(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = isPropertyAccessExpression(callee) ? callee.name : callee;
  const [id] = call.arguments;
  return isIdentifier(name) && name.text === 'getBuiltinModule' && id !== undefined && isStringLiteralLike(id);
}

/**
 * An ambient module or augmentation of a request type's package: at a file's top level, or nested in
 * another ambient module (`declare module 'koa-extras' { module 'koa' { … } }`).
 */
function declaresModule(statements: readonly ts.Statement[]): boolean {
  return statements.some(
    (statement) =>
      isModuleDeclaration(statement) &&
      isStringLiteral(statement.name) &&
      (PACKAGES.has(normaliseModuleName(statement.name.text)) || (statement.body !== undefined && isModuleBlock(statement.body) && declaresModule(statement.body.statements))),
  );
}
