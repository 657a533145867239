import ts from 'typescript';
import { parentOf } from '../ast/ts-bodies.js';
import { normaliseModuleName } from '../util/module-specifier.js';

/**
 * The npm package (or ambient module) a declaration belongs to, or `undefined` for the user's own
 * code. `node:http` and `http` are one module; `@types/x` is `x`; `@types/scope__x` is `@scope/x`.
 */
export function declaringPackage(declaration: ts.Declaration): string | undefined {
  const ambient = enclosingAmbientModule(declaration);
  if (ambient !== undefined) return normaliseModuleName(ambient);
  return packageOfFile(declaration.getSourceFile().fileName);
}

function enclosingAmbientModule(node: ts.Node): string | undefined {
  for (let current = parentOf(node); current !== undefined; current = parentOf(current)) {
    if (ts.isModuleDeclaration(current) && ts.isStringLiteral(current.name)) return current.name.text;
  }
  return undefined;
}

const NODE_MODULES = '/node_modules/';
const packageByFile = new Map<string, string | undefined>();

/** The npm package a file belongs to by its path (`@types/x` is `x`), or `undefined` for the user's own. */
export function packageOfFile(fileName: string): string | undefined {
  if (packageByFile.has(fileName)) return packageByFile.get(fileName);
  const name = packageNameFromPath(fileName.replaceAll('\\', '/'));
  packageByFile.set(fileName, name);
  return name;
}

function packageNameFromPath(path: string): string | undefined {
  const at = path.lastIndexOf(NODE_MODULES);
  if (at === -1) return undefined;
  const [first, second] = path.slice(at + NODE_MODULES.length).split('/');
  if (first === undefined) return undefined;
  // Scoped packages, and Prisma's generated `.prisma/client`.
  const name = (first.startsWith('@') || first.startsWith('.')) && second !== undefined ? `${first}/${second}` : first;
  return fromTypesPackage(name);
}

function fromTypesPackage(name: string): string {
  if (!name.startsWith('@types/')) return name;
  const bare = name.slice('@types/'.length);
  return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
}
