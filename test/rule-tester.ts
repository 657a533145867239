import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const typedFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typed');

/** Lints with full type information, against real packages from node_modules. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: typedFixtures,
      },
    },
  });
}

/** Lints without type information: plain JavaScript or a TypeScript file outside any project. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}
