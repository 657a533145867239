/**
 * Keeps the benchmark's corpus generator honest (`npm run bench`, bench/corpus.mjs): a small
 * corpus type-checks with tsc against the real library types, and the plugin's recommended config
 * with type information finds something in it. No timing is asserted here.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, type Corpus } from '../bench/corpus.mjs';
import plugin from '../src/index.js';

const root = path.resolve(import.meta.dirname, '..');
// Inside the repository (and git-ignored), so the corpus resolves the real packages from node_modules.
const dir = path.join(root, 'bench', 'out', `smoke-${process.pid}`);

describe('bench corpus generator', () => {
  let corpus: Corpus;

  beforeAll(() => {
    corpus = generateCorpus({ n: 5, seed: 1, dir });
  });
  afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

  it('is deterministic', () => {
    const again = path.join(root, 'bench', 'out', `smoke-${process.pid}-again`);
    try {
      const second = generateCorpus({ n: 5, seed: 1, dir: again });
      expect(second.files).toEqual(corpus.files);
      for (const file of corpus.files) expect(fs.readFileSync(path.join(again, file), 'utf8')).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  it('type-checks with tsc', () => {
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('gets at least one report from the recommended config with type information', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
        plugin.configs.recommended as Linter.Config,
      ],
    });
    const results = await eslint.lintFiles(['src']);
    expect(results).toHaveLength(corpus.files.length);
    const messages = results.flatMap((result) => result.messages);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.filter((message) => message.ruleId?.startsWith('connection-reuse/')).length).toBeGreaterThan(0);
  });
});
