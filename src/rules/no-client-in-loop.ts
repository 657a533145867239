import type { TSESTree } from '@typescript-eslint/utils';
import { describeConstruction } from '../ast/describe.js';
import { clientEventOf } from '../analysis/client-event.js';
import { createFactoryFollower, followOptionsSchema, helperMessageData, type FollowOptions } from '../analysis/client-factories.js';
import { isCollectedClient } from '../analysis/collected-client.js';
import { createLoopFinder, type LoopContext } from '../analysis/loop-context.js';
import { createClientRecogniser } from '../analysis/recognise-client.js';
import { createContextFinder } from '../analysis/repeated-context.js';
import { HOIST_MESSAGES, hoistingFixes, type HoistSuggestionId } from '../fix/hoist-report.js';
import { clientOptionsSchema, type ClientOptions } from '../options.js';
import { createRule } from '../util/create-rule.js';

export type Options = [ClientOptions & FollowOptions];
export type MessageIds = 'clientInLoop' | 'connectInLoop' | 'helperBuildsClient' | 'helperConnectsClient' | HoistSuggestionId;

const MAX_ITERABLE_LENGTH = 30;

export default createRule<Options, MessageIds>({
  name: 'no-client-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building connection-owning clients on every iteration of a loop',
      recommended: true,
    },
    fixable: 'code',
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- the suggestions come from hoistingFixes() (fix/hoist-report.ts), spread into each report
    hasSuggestions: true,
    schema: [{ type: 'object', properties: { ...clientOptionsSchema, ...followOptionsSchema }, additionalProperties: false }],
    defaultOptions: [{}],
    messages: {
      clientInLoop:
        '`{{construction}}` ({{package}}) runs on every iteration of this {{loop}}, so it opens {{opens}} {{per}}; create it once before the loop and share it.',
      connectInLoop:
        '`{{construction}}` ({{package}}) connects again on every iteration of this {{loop}}; connect once before the loop.',
      helperBuildsClient:
        '`{{call}}` builds `{{construction}}` ({{package}}) on every call{{through}} ({{where}}), and it runs on every iteration of this {{loop}}, so it opens {{opens}} {{per}}; build the client once before the loop and share it.',
      helperConnectsClient:
        '`{{call}}` connects the shared client with `{{construction}}` ({{package}}) on every call{{through}} ({{where}}), and it runs on every iteration of this {{loop}}; connect once before the loop.',
      ...HOIST_MESSAGES,
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const clients = createClientRecogniser(context, options);
    const factories = createFactoryFollower(context, options);

    function per(loop: LoopContext): string {
      if (loop.over === undefined) return 'per iteration';
      const text = context.sourceCode.getText(loop.over).replace(/\s+/gu, ' ');
      return text.length > MAX_ITERABLE_LENGTH ? 'per element' : `per element of \`${text}\``;
    }

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      // Cheap syntactic questions first: could this build or connect a client, or lead to code that does?
      if (!clients.mayBeClient(node) && !factories.mayFollow(node)) return;
      // Built the first time a file has a candidate: most calls of most files stop above.
      const loop = createLoopFinder(context).loopOf(node);
      if (loop === undefined) return;
      const found = clientEventOf(node, loop.body, clients, context.sourceCode);
      if (found === undefined) {
        // Not a client itself: maybe a call of the project's own code that builds one every time.
        const helper = factories.clientBuiltThroughCall(node, loop.body);
        if (helper === undefined || (helper.event === 'build' && isCollectedClient(node, loop, context.sourceCode))) return;
        context.report({
          node,
          messageId: helper.event === 'build' ? 'helperBuildsClient' : 'helperConnectsClient',
          data: { ...helperMessageData(helper), loop: loop.kind, per: per(loop) },
          // A helper of this file: suggest building its client once, in the helper itself.
          ...(helper.event === 'build' && helper.inThisFile !== undefined
            ? hoistingFixes(helper.inThisFile.construction, helper.inThisFile.fn, helper.match, context, true)
            : {}),
        });
        return;
      }
      if (found.event === 'build' && isCollectedClient(node, loop, context.sourceCode)) return;
      context.report({
        node,
        messageId: found.event === 'build' ? 'clientInLoop' : 'connectInLoop',
        data: {
          construction: describeConstruction(node, context.sourceCode),
          package: found.match.entry.package,
          loop: loop.kind,
          opens: found.match.entry.opens,
          per: per(loop),
        },
        // Outside a server's handlers, a client at module scope outlives the loop and can keep a script
        // from exiting: only suggest it there.
        ...(found.event === 'build' ? hoistingFixes(node, loop.body, found.match, context, createContextFinder(context).repeatedContextOf(node) === undefined) : {}),
      });
    }

    return { NewExpression: check, CallExpression: check };
  },
});
