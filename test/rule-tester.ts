import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const typedFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typed');
/** A project whose program holds Node's types and a client's, but no server framework's nor any code naming Node's HTTP modules. */
export const typedFixturesWithoutServer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typed-no-server');

/** Lints with full type information, against real packages from node_modules. */
export function typedRuleTester(project = typedFixtures): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: project,
      },
    },
  });
}

/** Lints without type information: plain JavaScript or a TypeScript file outside any project. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}
