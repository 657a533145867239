import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { fileSlot, perFile } from './memo.js';

export interface TypeServices {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The linted file's own tree in the program (undefined if a parser maps none). */
  readonly file: ts.SourceFile | undefined;
  toTs(node: TSESTree.Node): ts.Node;
}

const TYPE_SERVICES = fileSlot<TypeServices | null>('type services');

/**
 * The file's type information, or `undefined` when it has none: typescript-eslint without
 * `projectService`, espree for plain JavaScript, or any other parser. Unlike typescript-eslint's
 * `getParserServices`, it never throws, so every rule also lints files without types.
 */
export function typeServicesOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices | undefined {
  return perFile(context.sourceCode, TYPE_SERVICES, readTypeServices) ?? undefined;
}

function readTypeServices(sourceCode: Readonly<TSESLint.SourceCode>): TypeServices | null {
  const services = sourceCode.parserServices;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (program == null || map == null) return null;
  return { program, checker: program.getTypeChecker(), file: map.get(sourceCode.ast), toTs: (node: TSESTree.Node) => map.get(node) };
}
