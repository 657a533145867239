import { describe, expect, it } from 'vitest';
import { packageName } from '../../src/util/module-specifier.js';

describe('packageName', () => {
  it.each([
    ['pg', 'pg'],
    ['hono/tiny', 'hono'],
    ['node:http', 'http'],
    ['@koa/router', '@koa/router'],
    ['@aws-sdk/client-s3/dist-types/index', '@aws-sdk/client-s3'],
    ['@scope', '@scope'],
    ['./db', undefined],
    ['../db/pool.js', undefined],
    ['/abs/db', undefined],
    [undefined, undefined],
  ])('%s', (specifier, expected) => {
    expect(packageName(specifier)).toBe(expected);
  });
});
