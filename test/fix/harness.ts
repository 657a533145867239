// Temporary: drives the hoisting fix through the rules' own analysis until the rules attach it.
import type { TSESTree } from '@typescript-eslint/utils';
import { clientEventOf } from '../../src/analysis/client-event.js';
import { createClientRecogniser } from '../../src/analysis/recognise-client.js';
import { createContextFinder } from '../../src/analysis/repeated-context.js';
import { HOIST_SUGGESTION, hoistingFixes } from '../../src/fix/hoist-report.js';
import { createRule } from '../../src/util/create-rule.js';

export default createRule({
  name: 'hoist-harness',
  meta: { type: 'problem', docs: { description: 'x' }, fixable: 'code', hasSuggestions: true, schema: [], messages: { report: 'report', hoistToModule: HOIST_SUGGESTION } },
  defaultOptions: [],
  create(context) {
    const contexts = createContextFinder(context);
    const clients = createClientRecogniser(context, {});
    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      const repeated = contexts.repeatedContextOf(node);
      if (repeated === undefined) return;
      const found = clientEventOf(node, repeated.fn, clients, context.sourceCode);
      if (found === undefined || found.event !== 'build') return;
      context.report({ node, messageId: 'report', ...hoistingFixes(node, repeated.fn, found.match, context, 'hoistToModule') });
    }
    return { NewExpression: check, CallExpression: check };
  },
});
