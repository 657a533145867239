import rule from '../../src/rules/no-client-in-handler.js';
import { typedRuleTester, untypedRuleTester } from '../rule-tester.js';

for (const [name, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`smoke ${name}`, rule, {
    valid: [`import { Pool } from 'pg'; const pool = new Pool(); import express from 'express'; const app = express(); app.get('/', async (req, res) => { await pool.query('x'); });`],
    invalid: [
      {
        code: `import { Pool } from 'pg'; import express from 'express'; const app = express(); app.get('/', async (req, res) => { const pool = new Pool(); });`,
        errors: [{ messageId: 'clientInHandler' }],
      },
    ],
  });
}
