/**
 * What a parameter's annotation says before the type checker is asked (issue 7): the package type it
 * names through an import, that it names none, or nothing (only the checker can tell).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { annotatedType, NOT_A_PACKAGE_TYPE } from '../../src/ast/annotated-type.js';
import { definitionOf } from '../../src/ast/variables.js';
import { answers } from './probe.js';

/** The answer for the parameter `x` of `f`, declared as `parameter`, after `imports`. */
function annotationOf(imports: string, parameter: string): unknown {
  const [answer] = answers(`${imports}\nexport function f<T>(${parameter}) {\n  probe(x);\n}`, (node, sourceCode) => {
    const definition = definitionOf(node as TSESTree.Identifier, sourceCode);
    return definition === undefined ? 'no definition' : annotatedType(definition.name, sourceCode);
  });
  return answer;
}

describe('annotatedType', () => {
  it.each([
    ['a named type import', `import type { Request } from 'express';`, 'x: Request', { package: 'express', name: 'Request' }],
    ['a renamed type import: the exported name', `import type { ConsumeMessage as Msg } from 'amqplib';`, 'x: Msg', { package: 'amqplib', name: 'ConsumeMessage' }],
    ['a namespace import', `import type * as lambda from 'aws-lambda';`, 'x: lambda.SQSEvent', { package: 'aws-lambda', name: 'SQSEvent' }],
    ['node: names the module', `import type { IncomingMessage } from 'node:http';`, 'x: IncomingMessage', { package: 'http', name: 'IncomingMessage' }],
    ['a subpath import names its package', `import type { Context } from 'hono/tiny';`, 'x: Context', { package: 'hono', name: 'Context' }],
    ['a scoped package', `import type { Request } from '@hapi/hapi';`, 'x: Request', { package: '@hapi/hapi', name: 'Request' }],
    ['with a default value', `import type { Request } from 'express';`, 'x: Request = {} as Request', { package: 'express', name: 'Request' }],
    ['a keyword', ``, 'x: string', NOT_A_PACKAGE_TYPE],
    ['unknown', ``, 'x: unknown', NOT_A_PACKAGE_TYPE],
    ['a literal type', ``, `x: 'get'`, NOT_A_PACKAGE_TYPE],
    ['an array', `import type { Request } from 'express';`, 'x: Request[]', NOT_A_PACKAGE_TYPE],
    ['an object type', ``, 'x: { body: string }', NOT_A_PACKAGE_TYPE],
    ['a function type', ``, 'x: () => void', NOT_A_PACKAGE_TYPE],
    ['a readonly array', ``, 'x: readonly string[]', NOT_A_PACKAGE_TYPE],
    ['no annotation, a primitive default', ``, 'x = 3', NOT_A_PACKAGE_TYPE],
    ['no annotation, a template default', ``, 'x = `queue`', NOT_A_PACKAGE_TYPE],
    ['no annotation, another default', `import { defaults } from './defaults.js';`, 'x = defaults', undefined],
    ['no annotation', ``, 'x', undefined],
    ['a project type', `import type { Request } from './types.js';`, 'x: Request', undefined],
    ['a local interface', `interface Request { url: string }`, 'x: Request', undefined],
    ['a default import', `import type Koa from 'koa';`, 'x: Koa', undefined],
    ['a default import qualified', `import type Koa from 'koa';`, 'x: Koa.Context', undefined],
    ['a union', `import type { Request } from 'express';`, 'x: Request | undefined', undefined],
    ['a generic parameter', ``, 'x: T', undefined],
  ])('%s', (_, imports, parameter, expected) => {
    expect(annotationOf(imports, parameter)).toEqual(expected);
  });

  it("leaves a callback's default to the checker: its context types it", () => {
    const [answer] = answers(`[1].forEach((x = 3) => {\n  probe(x);\n});`, (node, sourceCode) => {
      const definition = definitionOf(node as TSESTree.Identifier, sourceCode);
      return definition === undefined ? 'no definition' : annotatedType(definition.name, sourceCode);
    });
    expect(answer).toBeUndefined();
  });
});
