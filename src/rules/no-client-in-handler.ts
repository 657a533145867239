import type { TSESTree } from '@typescript-eslint/utils';
import { describeConstruction } from '../ast/describe.js';
import { enclosingFunction, isInside } from '../ast/predicates.js';
import { clientEventOf } from '../analysis/client-event.js';
import { createFactoryFollower, followOptionsSchema, helperMessageData, type FollowOptions } from '../analysis/client-factories.js';
import { isCollectedClient } from '../analysis/collected-client.js';
import { createLoopFinder } from '../analysis/loop-context.js';
import { createClientRecogniser } from '../analysis/recognise-client.js';
import { createContextFinder } from '../analysis/repeated-context.js';
import { HOIST_MESSAGES, hoistingFixes, type HoistSuggestionId } from '../fix/hoist-report.js';
import { clientOptionsSchema, type ClientOptions } from '../options.js';
import { createRule } from '../util/create-rule.js';

export type Options = [ClientOptions & FollowOptions];
export type MessageIds = 'clientInHandler' | 'connectInHandler' | 'helperBuildsClient' | 'helperConnectsClient' | HoistSuggestionId;

export default createRule<Options, MessageIds>({
  name: 'no-client-in-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building connection-owning clients in code that runs on every request, message or event',
      recommended: true,
    },
    fixable: 'code',
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- the suggestions come from hoistingFixes() (fix/hoist-report.ts), spread into each report
    hasSuggestions: true,
    schema: [{ type: 'object', properties: { ...clientOptionsSchema, ...followOptionsSchema }, additionalProperties: false }],
    defaultOptions: [{}],
    messages: {
      clientInHandler:
        '`{{construction}}` ({{package}}) runs on every {{every}}, so each {{unit}} opens {{opens}}; create it once at module scope and share it.',
      connectInHandler:
        '`{{construction}}` ({{package}}) connects on every {{every}}; connect once at start-up (or memoise the connect promise) and share the client.',
      helperBuildsClient:
        '`{{call}}` builds `{{construction}}` ({{package}}) on every call{{through}} ({{where}}), and it runs on every {{every}}, so each {{unit}} opens {{opens}}; build the client once (at module scope, or memoised) and share it.',
      helperConnectsClient:
        '`{{call}}` connects the shared client with `{{construction}}` ({{package}}) on every call{{through}} ({{where}}), and it runs on every {{every}}; connect once at start-up (or memoise the connect promise).',
      ...HOIST_MESSAGES,
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const clients = createClientRecogniser(context, options);
    const factories = createFactoryFollower(context, options);

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      // Cheap syntactic questions first: could this build or connect a client, or lead to code that does?
      if (!clients.mayBeClient(node) && !factories.mayFollow(node)) return;
      // Only a function can be repeated code (see repeatedContextOf): module-level code runs once.
      if (enclosingFunction(node) === undefined) return;
      // The finders are built the first time a file has a candidate in a function: most calls of most files stop above.
      const repeated = createContextFinder(context).repeatedContextOf(node);
      if (repeated === undefined) return;
      const found = clientEventOf(node, repeated.outermost, clients, context.sourceCode);
      // Not a client itself: maybe a call of the project's own code that builds one every time.
      const helper = found === undefined ? factories.clientBuiltThroughCall(node, repeated.outermost, true) : undefined;
      if (found === undefined && helper === undefined) return;
      // A client churned in a loop inside the handler is no-client-in-loop's report, not a second one here.
      const loop = createLoopFinder(context).loopOf(node);
      if (loop !== undefined && isInside(loop.loop, repeated.fn) && !isCollectedClient(node, loop, context.sourceCode)) return;
      if (helper !== undefined) {
        context.report({
          node,
          messageId: helper.event === 'build' ? 'helperBuildsClient' : 'helperConnectsClient',
          data: { ...helperMessageData(helper), every: repeated.occasion.every, unit: repeated.occasion.unit },
          // A helper of this file: suggest building its client once, in the helper itself.
          ...(helper.event === 'build' && helper.inThisFile !== undefined
            ? hoistingFixes(helper.inThisFile.construction, helper.inThisFile.fn, helper.match, context, true)
            : {}),
        });
        return;
      }
      if (found === undefined) return;
      context.report({
        node,
        messageId: found.event === 'build' ? 'clientInHandler' : 'connectInHandler',
        data: {
          construction: describeConstruction(node, context.sourceCode),
          package: found.match.entry.package,
          every: repeated.occasion.every,
          unit: repeated.occasion.unit,
          opens: found.match.entry.opens,
        },
        ...(found.event === 'build' ? hoistingFixes(node, repeated.fn, found.match, context) : {}),
      });
    }

    return { NewExpression: check, CallExpression: check };
  },
});
