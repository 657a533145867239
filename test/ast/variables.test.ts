import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { variableOf } from '../../src/ast/variables.js';
import { answers } from './probe.js';

/** Where the variable an identifier refers to is declared: its definition's kind and line, `global` or `undeclared`. */
const declaredAt = (code: string) =>
  answers(code, (node, sourceCode) => {
    if (node.type !== AST_NODE_TYPES.Identifier) return 'not an identifier';
    const variable = variableOf(node, sourceCode);
    if (variable === null) return 'undeclared';
    const definition = variable.defs[0];
    return definition === undefined ? 'global' : `${definition.type} line ${String(definition.name.loc.start.line)}`;
  });

describe('variableOf', () => {
  it.each([
    ['an import, read in a function', `import { Pool } from 'pg';\nfunction f() { probe(Pool); }`, ['ImportBinding line 1']],
    ['an import shadowed by a local', `import { Pool } from 'pg';\nfunction f() {\n  const Pool = 1;\n  probe(Pool);\n}\nprobe(Pool);`, ['Variable line 3', 'ImportBinding line 1']],
    ['a parameter named like a module-level function', `function make() {}\nfunction f(make: () => void) { probe(make); }\nprobe(make);`, ['Parameter line 2', 'FunctionName line 1']],
    ['a global of the default library', `probe(JSON);`, ['global']],
    ['a global shadowed at module level', `const JSON = { parse() {} };\nprobe(JSON);`, ['Variable line 1']],
    ['a global shadowed in a block', `{\n  const JSON = 1;\n  probe(JSON);\n}\nprobe(JSON);`, ['Variable line 2', 'global']],
    ['an undeclared name', `probe(nowhere);`, ['undeclared']],
    ['a class read in its own method', `class Store { make() { probe(Store); } }`, ['ClassName line 1']],
    // Where a walk up the scopes by name would stop too early, the scope analysis's resolution holds.
    ['a value past a type parameter of the same name', `import { Pool } from 'pg';\nexport function make<Pool>() { return probe(Pool); }`, ['ImportBinding line 1']],
    ['a default parameter past a local of the function body', `import { opts } from './cfg';\nfunction f(o = probe(opts)) {\n  const opts = 1;\n}`, ['ImportBinding line 1']],
    ['a name read more often than its reads are searched', `import { log } from './log';\n${'log();\n'.repeat(70)}function f() { probe(log); }`, ['ImportBinding line 1']],
  ])('%s', (_, code, expected) => {
    expect(declaredAt(code)).toEqual(expected);
  });
});
