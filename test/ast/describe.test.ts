import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { describeConstruction } from '../../src/ast/describe.js';
import { answers } from './probe.js';

describe('describeConstruction', () => {
  it.each([
    ['new', `probe(new Pool({ max: 1 }));`, 'new Pool()'],
    ['a call', `probe(mysql.createPool({}));`, 'mysql.createPool()'],
    ['a parenthesised callee', `probe(new (require('pg').Client)());`, "new (require('pg').Client)()"],
    ['a parenthesised call callee', `probe((0, db.connect)());`, '(0, db.connect)()'],
    ['a block comment holding a parenthesis', `probe(new /* ( */ Pool());`, 'new Pool()'],
    ['a line comment holding a parenthesis', `probe(new // (\n  Pool());`, 'new Pool()'],
    ['a comment before a parenthesised callee', `probe(new /* pg */ (pg.Pool)());`, 'new (pg.Pool)()'],
    ['a callee spread over lines', `probe(new pg\n  .Pool());`, 'new pg .Pool()'],
  ])('%s', (_, code, expected) => {
    expect(
      answers(code, (node, sourceCode) =>
        node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression ? describeConstruction(node, sourceCode) : undefined,
      ),
    ).toEqual([expected]);
  });
});
