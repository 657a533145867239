import ts from 'typescript';
import { NODE_REQUEST_MODULES, REQUEST_PARAMETER_TYPES } from '../catalogue/contexts.js';
import { normaliseModuleName } from '../util/module-specifier.js';
import { packageOfFile } from './declaring-package.js';
import { internedNames } from './scan-triage.js';

/**
 * Whether a parameter anywhere in this program may have one of the request types of
 * `REQUEST_PARAMETER_TYPES`; when none can, the type checker is not asked about parameters at all.
 * In a library without a server (rxjs, a CLI) that question is most of the rules' time: typing an
 * unannotated callback's parameter makes the checker infer the whole generic call around it.
 *
 * A package's request type is declared in a file of that package, by its path or inside
 * `declare module 'koa'`. Node's are declared in `@types/node`, which every Node program holds, so
 * that is not enough: they reach code only through something that names them or their modules —
 * an import, `typeof import('http')`, `process.getBuiltinModule('http')`, a package's declarations
 * built on them — and the parser interns that name in a file other than `@types/node`'s own.
 */
export function mayHoldRequestTypes(program: ts.Program): boolean {
  let answer = byProgram.get(program);
  if (answer === undefined) byProgram.set(program, (answer = decide(program)));
  return answer;
}

const byProgram = new WeakMap<ts.Program, boolean>();

/** The packages that declare request types, other than Node's modules. */
const PACKAGES: ReadonlySet<string> = new Set(REQUEST_PARAMETER_TYPES.map((entry) => entry.declaredIn).filter((module) => !NODE_REQUEST_MODULES.includes(module)));
const PACKAGE_NAMES: readonly string[] = [...PACKAGES];

/** Node's modules that hand out its request types, either way written, and the types' names. */
const NODE_MODULE_NAMES: readonly string[] = NODE_REQUEST_MODULES.flatMap((module) => [module, `node:${module}`]);
const NODE_TYPE_NAMES: readonly string[] = REQUEST_PARAMETER_TYPES.filter((entry) => NODE_REQUEST_MODULES.includes(entry.declaredIn)).flatMap((entry) => entry.types);

/** `@types/node`, by the package name `packageOfFile` gives it. */
const NODE_TYPES = 'node';

function decide(program: ts.Program): boolean {
  for (const file of program.getSourceFiles()) {
    // TypeScript's own libraries declare no package's types, nor name Node's modules.
    if (program.isSourceFileDefaultLibrary(file)) continue;
    const pkg = packageOfFile(file.fileName);
    if (pkg !== undefined && PACKAGES.has(pkg)) return true;
    if (pkg === NODE_TYPES) continue;
    const interned = internedNames(file);
    if (interned === undefined) return true;
    // `declare module 'koa' { … }` interns the module's name (as do a variable `next` and much else).
    if (PACKAGE_NAMES.some((name) => interned.has(name)) && declaresPackageModule(file)) return true;
    // A module's name is written in a string, which the parser interns only where an import or export
    // names its module (not in `require('http')` or `typeof import('http')`): the text tells, or a backslash may hide it.
    const mayName = NODE_TYPE_NAMES.some((name) => interned.has(name)) || file.text.includes('http') || file.text.includes('\\');
    if (mayName && namesNodeRequestTypes(file)) return true;
  }
  return false;
}

/**
 * Whether the file's code, not only its comments, names one of Node's request types or their
 * modules: `undici-types`, which `@types/node` brings into every program, and most libraries write
 * `https://…` in their comments. In JavaScript, JSDoc is where types are written: there any mention counts.
 */
function namesNodeRequestTypes(file: ts.SourceFile): boolean {
  if (isInJavaScript(file)) return true;
  const visit = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) ? NODE_TYPE_NAMES.includes(node.text) : ts.isStringLiteralLike(node) && NODE_MODULE_NAMES.includes(node.text)) ||
    (ts.forEachChild(node, visit) ?? false);
  return visit(file);
}

function isInJavaScript(file: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/u.test(file.fileName);
}

/** An ambient module or augmentation of a request type's package: written at a file's top level. */
function declaresPackageModule(file: ts.SourceFile): boolean {
  return file.statements.some((statement) => ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name) && PACKAGES.has(normaliseModuleName(statement.name.text)));
}
