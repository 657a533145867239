import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { assert, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { typedFixtures } from './rule-tester.js';

const root = path.resolve(import.meta.dirname, '..');
/** Where the header `npm run docs` (eslint-doc-generator) writes from the rule's meta ends. */
const END_OF_HEADER = '<!-- end auto-generated rule header -->';
const REQUIRED_SECTIONS = ['## Why', '## Examples', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## When not to use it'];

interface Example {
  readonly code: string;
  readonly correct: boolean;
}

/** Fenced `ts` blocks, each marked correct or incorrect by the nearest ❌/✅ heading above it. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  let correct: boolean | undefined;
  for (const [, heading, code] of markdown.matchAll(/^(#{2,3} .*)$|^```ts\n([\s\S]*?)^```$/gmu)) {
    if (heading !== undefined) correct = heading.includes('✅') ? true : heading.includes('❌') ? false : undefined;
    else if (code !== undefined && correct !== undefined) examples.push({ code, correct });
  }
  return examples;
}

function linter(rule: string, typed: boolean): ESLint {
  return new ESLint({
    cwd: typedFixtures,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: typedFixtures } : {},
        },
        plugins: { 'connection-reuse': plugin as never },
        rules: { [`connection-reuse/${rule}`]: 'error' },
      },
    ],
  });
}

for (const [name, rule] of Object.entries(plugin.rules)) {
  const docPath = path.join(root, 'rules-docs', `${name}.md`);

  describe(`rules-docs/${name}.md`, () => {
    const markdown = fs.readFileSync(docPath, 'utf8');

    it('is the page meta.docs.url points to, with the generated header: description as title, config and fix notices', () => {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/rules-docs/${name}\\.md$`, 'u'));
      const description = rule.meta.docs?.description;
      assert(description !== undefined);
      const end = markdown.indexOf(`\n${END_OF_HEADER}\n`);
      expect(end).toBeGreaterThan(0);
      expect(end).toBeLessThan(markdown.indexOf('\n## '));
      const header = markdown.slice(0, end);
      // eslint-doc-generator's `desc-parens-prefix-name` title; the rest of the header is its notices.
      expect(header.split('\n')[0]).toBe(`# ${description} (\`connection-reuse/${name}\`)`);
      expect(header).toContain('💼 This rule is enabled in the ✅ `recommended` config.');
      expect(header.includes('🔧')).toBe(rule.meta.fixable !== undefined);
      expect(header.includes('💡')).toBe(rule.meta.hasSuggestions === true);
    });

    it('has the fixed sections, in order', () => {
      const positions = REQUIRED_SECTIONS.map((section) => markdown.indexOf(`\n${section}\n`));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    const examples = examplesOf(markdown);
    it('has incorrect and correct examples', () => {
      expect(examples.some((example) => !example.correct)).toBe(true);
      expect(examples.some((example) => example.correct)).toBe(true);
    });

    for (const typed of [true, false]) {
      examples.forEach((example, index) => {
        it(`example ${index + 1} is ${example.correct ? 'accepted' : 'reported'} ${typed ? 'with' : 'without'} type information`, async () => {
          const [result] = await linter(name, typed).lintText(example.code, { filePath: path.join(typedFixtures, 'file.ts') });
          expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
          const reports = result?.messages.filter((message) => message.ruleId === `connection-reuse/${name}`) ?? [];
          if (example.correct) expect(reports).toEqual([]);
          else expect(reports.length).toBeGreaterThan(0);
        });
      });
    }
  });
}
