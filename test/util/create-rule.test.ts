import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { describe, expect, it, vi } from 'vitest';
import { createRule } from '../../src/util/create-rule.js';

type Options = [{ depth?: number; names?: string[] }];

describe('createRule', () => {
  const seen: (readonly unknown[])[] = [];
  const rule = createRule<Options, 'x'>({
    name: 'probe',
    meta: { type: 'problem', docs: { description: 'probe' }, schema: [], messages: { x: 'x' }, defaultOptions: [{ depth: 3 }] },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
  const contextWith = (options: unknown[]) => ({ options }) as unknown as Readonly<RuleContext<'x', Options>>;

  it('fills the docs URL', () => {
    expect(rule.meta.docs?.url).toBe('https://github.com/connection-reuse/eslint-plugin-connection-reuse/blob/main/rules-docs/probe.md');
  });

  it('merges the options with the defaults, once per distinct options', () => {
    rule.create(contextWith([]));
    rule.create(contextWith([{ names: ['a'] }]));
    rule.create(contextWith([{ names: ['a'] }]));
    rule.create(contextWith([{ depth: 1 }]));
    expect(seen).toEqual([[{ depth: 3 }], [{ depth: 3, names: ['a'] }], [{ depth: 3, names: ['a'] }], [{ depth: 1 }]]);
    expect(seen[2]).toBe(seen[1]);
    expect(seen[3]).not.toBe(seen[1]);
  });

  it('knows options identical to the last call without serialising them', () => {
    const shared = { names: ['b'] };
    rule.create(contextWith([shared]));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      rule.create(contextWith([shared]));
      expect(stringify).not.toHaveBeenCalled();
      rule.create(contextWith([{ names: ['b'] }]));
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
    expect(seen.at(-1)).toBe(seen.at(-2));
    expect(seen.at(-2)).toBe(seen.at(-3));
  });
});
