import { describe, expect, it } from 'vitest';
import { lastNodeMemo, memoised } from '../../src/util/memo.js';

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
