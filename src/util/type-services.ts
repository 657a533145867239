import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

export interface TypeServices {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  toTs(node: TSESTree.Node): ts.Node;
}

const cache = new WeakMap<object, TypeServices | null>();

/**
 * The file's type information, or `undefined` when it has none: typescript-eslint without
 * `projectService`, espree for plain JavaScript, or any other parser. Unlike typescript-eslint's
 * `getParserServices`, it never throws, so every rule also lints files without types.
 */
export function typeServicesOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices | undefined {
  const sourceCode = context.sourceCode;
  if (!cache.has(sourceCode)) {
    const services = sourceCode.parserServices;
    const program = services?.program;
    const map = services?.esTreeNodeToTSNodeMap;
    cache.set(sourceCode, program == null || map == null ? null : { program, checker: program.getTypeChecker(), toTs: (node) => map.get(node) });
  }
  return cache.get(sourceCode) ?? undefined;
}
