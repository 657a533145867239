import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { expect } from 'vitest';

/** Runs `ask` on the argument of every `probe(x)` call in `code` (parsed without type information); returns the answers in order. */
export function answers(code: string, ask: (node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>) => unknown): unknown[] {
  const found: unknown[] = [];
  const rule: Omit<TSESLint.RuleModule<'x'>, 'defaultOptions'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    create: (context) => ({
      CallExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'probe' && node.arguments[0] !== undefined) found.push(ask(node.arguments[0], context.sourceCode));
      },
    }),
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { t: { rules: { probe: rule as never } } }, rules: { 't/probe': 'error' } }], 'file.ts');
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return found;
}
