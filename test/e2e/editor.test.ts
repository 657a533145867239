/**
 * The plugin as an editor integration drives it (vscode-eslint and friends): one `ESLint` instance
 * with the project's flat config and `fix: false`, `lintText(buffer, { filePath })` for an open file
 * whose unsaved text differs from the disk, squiggles from each message's range, quick fixes from
 * `fix` and `suggestions`, a suggestion applied to the buffer and the buffer linted again.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assert, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const project = path.join(root, 'test', 'fixtures', 'project');
/** A file of the project, open in the editor with unsaved changes. */
const filePath = path.join(project, 'src', 'express-app.ts');

const BUFFER = `import express from 'express';
import http from 'node:http';
import { Client, Pool } from 'pg';

export const app = express();
const agent = new http.Agent();

app.get('/orders/:id', async (req, res) => {
  const pool = new Pool({ max: 2 });
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const tenantPool = new Pool({ database: req.params.id });
  res.json([agent, pool, tenantPool]);
});
`;

interface Squiggle {
  readonly rule: string | null;
  /** The text under the squiggle. */
  readonly text: string;
  readonly fix: boolean;
  readonly suggestions: string[];
}

/** Offsets of 1-based line/column positions, as an editor maps a message to its buffer. */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  return lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
}

function squiggles(text: string, messages: readonly Linter.LintMessage[]): Squiggle[] {
  return messages.map((message) => ({
    rule: message.ruleId,
    text: text.slice(offsetOf(text, message.line, message.column), offsetOf(text, message.endLine ?? message.line, message.endColumn ?? message.column)),
    fix: message.fix !== undefined,
    suggestions: (message.suggestions ?? []).map((suggestion) => suggestion.desc),
  }));
}

function apply(text: string, { range: [start, end], text: replacement }: { range: [number, number]; text: string }): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

let eslint: ESLint;
let messages: Linter.LintMessage[];

beforeAll(async () => {
  eslint = new ESLint({
    cwd: project,
    fix: false,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: project } } },
      plugin.configs.recommended as Linter.Config,
    ],
  });
  expect(readFileSync(filePath, 'utf8')).not.toBe(BUFFER);
  const [result] = await eslint.lintText(BUFFER, { filePath });
  expect(result?.filePath).toBe(filePath);
  expect(result?.output).toBeUndefined();
  messages = result?.messages ?? [];
});

describe('lintText with filePath, fix: false', () => {
  it('squiggles exactly the construction expressions, with their quick fixes and suggestion titles', () => {
    expect(squiggles(BUFFER, messages)).toEqual([
      { rule: 'connection-reuse/require-keep-alive', text: 'new http.Agent()', fix: true, suggestions: [] },
      { rule: 'connection-reuse/no-client-in-handler', text: 'new Pool({ max: 2 })', fix: false, suggestions: ['Create it once at module scope'] },
      {
        rule: 'connection-reuse/no-client-in-handler',
        text: 'new Client({ connectionString: process.env.DATABASE_URL })',
        fix: false,
        suggestions: ['Create it once at module scope'],
      },
      {
        rule: 'connection-reuse/no-client-in-handler',
        text: 'new Pool({ database: req.params.id })',
        fix: false,
        suggestions: ['Share one per `req.params.id` from a module-level cache'],
      },
    ]);
  });

  it('gives every suggestion a short imperative title', () => {
    const titles = messages.flatMap((message) => message.suggestions ?? []).map((suggestion) => suggestion.desc);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) {
      expect(title.length, title).toBeLessThanOrEqual(60);
      expect(title, title).toMatch(/^(?:Create|Share|Set|Add|Remove|Use|Pass|Connect|Memoise|Move|Hoist) /u);
      expect(title, title).not.toMatch(/\.$/u);
    }
  });

  it('applying a suggestion to the buffer clears its squiggle on the next lint', async () => {
    const client = messages.find((message) => message.line === 10);
    const suggestion = client?.suggestions?.[0];
    expect(suggestion?.desc).toBe('Create it once at module scope');
    assert(suggestion !== undefined);
    const edited = apply(BUFFER, suggestion.fix);
    const [result] = await eslint.lintText(edited, { filePath });
    const after = squiggles(edited, result?.messages ?? []);
    expect(after.map((squiggle) => squiggle.text)).not.toContain('new Client({ connectionString: process.env.DATABASE_URL })');
    expect(after.filter((squiggle) => squiggle.rule === null)).toEqual([]);
    expect(after.map((squiggle) => squiggle.text)).toEqual(['new http.Agent()', 'new Pool({ max: 2 })', 'new Pool({ database: req.params.id })']);
  });
});
