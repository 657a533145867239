import { describe, expect, it } from 'vitest';
import type { TSESLint } from '@typescript-eslint/utils';
import ts from 'typescript';
import { fileSlot, keyedFileSlot, lastNodeMemo, livesWithProgram, memoised, perFile, perFileAndKey, perProgramFile, perProgramFileAndKey } from '../../src/util/memo.js';

/** A stand-in for a file: the memos only compare files by identity. */
const newFile = (): TSESLint.SourceCode => ({}) as TSESLint.SourceCode;
const newProgramFile = (): ts.SourceFile => ts.createSourceFile('program.ts', '', ts.ScriptTarget.Latest);

describe('lastNodeMemo', () => {
  it('answers consecutive askers about one node once, and asks again for the next node', () => {
    const asked: string[] = [];
    const first = { name: 'a' };
    const second = { name: 'b' };
    const answer = lastNodeMemo((node: { name: string }) => {
      asked.push(node.name);
      return node.name.toUpperCase();
    });
    expect([answer(first), answer(first), answer(second), answer(first)]).toEqual(['A', 'A', 'B', 'A']);
    expect(asked).toEqual(['a', 'b', 'a']);
  });

  it('remembers a falsy answer too', () => {
    let calls = 0;
    const node = {};
    const answer = lastNodeMemo(() => {
      calls++;
      return false;
    });
    expect([answer(node), answer(node)]).toEqual([false, false]);
    expect(calls).toBe(1);
  });
});

describe('memoised', () => {
  it('builds once per owner and key', () => {
    const store = new WeakMap<object, Map<string, number>>();
    const owner = {};
    let built = 0;
    const build = () => ++built;
    expect([memoised(store, owner, 'x', build), memoised(store, owner, 'x', build), memoised(store, owner, 'y', build), memoised(store, {}, 'x', build)]).toEqual([1, 1, 2, 3]);
  });
});

describe('perFile', () => {
  it('builds once per file and slot, and keeps the slots of a file apart', () => {
    const first = fileSlot<number[]>('first');
    const second = fileSlot<number[]>('second');
    const file = newFile();
    const a = perFile(file, first, () => [1]);
    expect(perFile(file, first, () => [2])).toBe(a);
    expect(perFile(file, second, () => [3])).toEqual([3]);
    expect(perFile(newFile(), first, () => [4])).toEqual([4]);
  });

  it('finds the memos of a file again after another file was asked about', () => {
    const slot = fileSlot<string>('name');
    const [first, second] = [newFile(), newFile()];
    expect([perFile(first, slot, () => 'first'), perFile(second, slot, () => 'second'), perFile(first, slot, () => 'rebuilt'), perFile(second, slot, () => 'rebuilt')]).toEqual([
      'first',
      'second',
      'first',
      'second',
    ]);
  });

  it('keys a slot further by what else the analysis depends on', () => {
    const slot = keyedFileSlot<string, string>('keyed');
    const file = newFile();
    expect([perFileAndKey(file, slot, 'x', () => 'built x'), perFileAndKey(file, slot, 'x', () => 'again'), perFileAndKey(file, slot, 'y', () => 'built y')]).toEqual(['built x', 'built x', 'built y']);
  });

  it('keeps a keyed slot\'s values of two files apart', () => {
    const slot = keyedFileSlot<string, string>('keyed');
    const [first, second] = [newFile(), newFile()];
    expect([perFileAndKey(first, slot, 'x', () => 'first x'), perFileAndKey(second, slot, 'x', () => 'second x'), perFileAndKey(first, slot, 'x', () => 'rebuilt')]).toEqual(['first x', 'second x', 'first x']);
  });

  it('keeps the memos of the last two files linted, and builds again for an older one', () => {
    const slot = fileSlot<string>('name');
    const [first, second, third] = [newFile(), newFile(), newFile()];
    perFile(first, slot, () => 'built first');
    perFile(second, slot, () => 'built second');
    // Two files in: the first is still there.
    expect(perFile(first, slot, () => 'rebuilt')).toBe('built first');
    perFile(third, slot, () => 'built third');
    // A third pushed the oldest out, and kept the one before it.
    expect(perFile(second, slot, () => 'rebuilt')).toBe('built second');
    expect(perFile(first, slot, () => 'rebuilt')).toBe('rebuilt');
  });
});

describe('perProgramFile', () => {
  it('keeps a program file\'s memos whatever else is linted meanwhile', () => {
    const slot = fileSlot<string>('name');
    const keyed = keyedFileSlot<string, string>('keyed');
    const programFile = newProgramFile();
    perProgramFile(programFile, slot, () => 'built');
    perProgramFileAndKey(programFile, keyed, 'x', () => 'built x');
    for (let index = 0; index < 10; index++) {
      perFile(newFile(), slot, () => 'linted');
      perFileAndKey(newFile(), keyed, 'x', () => 'linted x');
    }
    expect(perProgramFile(programFile, slot, () => 'rebuilt')).toBe('built');
    expect(perProgramFileAndKey(programFile, keyed, 'x', () => 'rebuilt')).toBe('built x');
  });

  it('keeps the memos of a SourceCode that lives with its program, asked through perFile', () => {
    const slot = fileSlot<string>('name');
    const [view, linted] = [newFile(), newFile()];
    livesWithProgram(view);
    perFile(view, slot, () => 'view');
    perFile(linted, slot, () => 'linted');
    for (let index = 0; index < 10; index++) perFile(newFile(), slot, () => 'other');
    expect([perFile(view, slot, () => 'rebuilt'), perFile(linted, slot, () => 'rebuilt')]).toEqual(['view', 'rebuilt']);
  });
});
