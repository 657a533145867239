/**
 * no-client-in-handler in a program with no server: Node's types and a client's, no framework, no
 * code that names Node's HTTP modules. There the type checker is not asked what a parameter is
 * (`mayHoldRequestTypes`, issue 7), unless the code takes one of `@types/node`'s other ways into
 * the request types, as here through `url.urlToHttpOptions()`.
 */
import noClientInHandler from '../../src/rules/no-client-in-handler.js';
import { typedFixturesWithoutServer, typedRuleTester } from '../rule-tester.js';
import { withoutFixes } from '../without-fixes.js';

const rule = withoutFixes(noClientInHandler);

/** A parameter whose type is `http.IncomingMessage` without any file naming it or its module. */
const pendingRequest = (type: string) => `import { urlToHttpOptions } from 'node:url';
import pg from 'pg';
const { agent } = urlToHttpOptions(new URL(process.env.TARGET ?? 'x:'));
void agent;
type Pending = ${type};
export async function onPending(req: Pending) {
  const pool = new pg.Pool();
  await pool.query('select 1', [req.url]);
}
`;

const INCOMING_MESSAGE = `NonNullable<Exclude<typeof agent, boolean | undefined>['requests'][string]>[number]`;

typedRuleTester(typedFixturesWithoutServer).run('no-client-in-handler (a program without a server)', rule, {
  valid: [
    {
      name: 'a parameter of a plain type, in a program the route opens: not a request',
      code: pendingRequest('{ url?: string }'),
    },
  ],
  invalid: [
    {
      name: 'a parameter typed http.IncomingMessage through url.urlToHttpOptions()',
      code: pendingRequest(INCOMING_MESSAGE),
      errors: [
        {
          messageId: 'clientInHandler',
          data: { construction: 'new pg.Pool()', package: 'pg', every: 'request to this HTTP server', unit: 'request', opens: 'a pool of PostgreSQL connections' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 29,
        },
      ],
    },
  ],
});
