import { analyze } from '@typescript-eslint/scope-manager';
import { parseAndGenerateServices, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import type ts from 'typescript';
import { livesWithProgram } from '../util/memo.js';

/** Another file of the linted program, as the rules see the linted one: ESTree, scopes and the same type checker. */
export interface ProgramFileSource {
  readonly filename: string;
  readonly sourceCode: SourceCode;
  /** The ESTree node converted from a TypeScript node of this file. */
  toEstree(node: ts.Node): TSESTree.Node | undefined;
}

const cache = new WeakMap<ts.Program, Map<string, ProgramFileSource | null>>();

/**
 * The ESTree view of one source file of a TypeScript program, converted once per program (a
 * helper file imported by 200 handlers is parsed once per lint run). The conversion reuses the
 * program's own `ts.SourceFile`, so the type checker answers for its nodes. `undefined` when the
 * file cannot be converted: the caller then knows nothing about it.
 */
export function programFileSource(program: ts.Program, file: ts.SourceFile, visitorKeys: SourceCode['visitorKeys']): ProgramFileSource | undefined {
  let files = cache.get(program);
  if (files === undefined) {
    files = new Map();
    cache.set(program, files);
  }
  if (!files.has(file.fileName)) files.set(file.fileName, convert(program, file, visitorKeys) ?? null);
  return files.get(file.fileName) ?? undefined;
}

function convert(program: ts.Program, file: ts.SourceFile, visitorKeys: SourceCode['visitorKeys']): ProgramFileSource | undefined {
  try {
    const { ast, services } = parseAndGenerateServices(file.text, {
      filePath: file.fileName,
      programs: [program],
      loc: true,
      range: true,
      tokens: true,
      comment: true,
      jsx: /\.[cm]?[jt]sx$/u.test(file.fileName),
      errorOnTypeScriptSyntacticAndSemanticIssues: false,
    });
    // The linter sets `parent` while it traverses; this file is not linted here.
    simpleTraverse(ast, { enter() {} }, true);
    const scopeManager = analyze(ast, { sourceType: 'module', childVisitorKeys: visitorKeys });
    const sourceCode = new SourceCode({ text: file.text, ast, parserServices: services, scopeManager, visitorKeys });
    // Its analyses are memoised as long as the program keeps it, not only while a file is linted.
    livesWithProgram(sourceCode);
    const map = services.tsNodeToESTreeNodeMap as { get(node: ts.Node): TSESTree.Node | undefined } | undefined;
    return { filename: file.fileName, sourceCode, toEstree: (node) => map?.get(node) };
  } catch {
    return undefined;
  }
}
