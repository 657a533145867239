/**
 * Stand-in for the hoisting fix while `connection-reuse/no-client-in-handler` does not attach it
 * itself: the same analysis the rule runs (repeated context → client built there) and the plugin's
 * own `hoistingFixes`, loaded from the built plugin (dist/). Mirrors test/fix/harness.ts. Used only
 * when the rule's `meta.fixable` is unset; see `fixRules` in ./budget.mjs.
 */
const dist = new URL('../dist/', import.meta.url);

/**
 * @param {URL} [base] the folder holding the built modules (default: dist/)
 * @returns {Promise<import('eslint').Rule.RuleModule>}
 */
export async function loadHoistHarness(base = dist) {
  const [{ clientEventOf }, { createClientRecogniser }, { createContextFinder }, { HOIST_SUGGESTION, hoistingFixes }] = await Promise.all([
    import(new URL('analysis/client-event.js', base).href),
    import(new URL('analysis/recognise-client.js', base).href),
    import(new URL('analysis/repeated-context.js', base).href),
    import(new URL('fix/hoist-report.js', base).href),
  ]);
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Hoists a client built in repeated code to module scope (the plugin’s fix, through its own analysis)' },
      fixable: 'code',
      hasSuggestions: true,
      schema: [],
      messages: { report: 'client built in repeated code', hoistToModule: HOIST_SUGGESTION },
    },
    create(context) {
      const contexts = createContextFinder(context);
      const clients = createClientRecogniser(context, {});
      function check(node) {
        const repeated = contexts.repeatedContextOf(node);
        if (repeated === undefined) return;
        const found = clientEventOf(node, repeated.fn, clients, context.sourceCode);
        if (found === undefined || found.event !== 'build') return;
        context.report({ node, messageId: 'report', ...hoistingFixes(node, repeated.fn, found.match, context, 'hoistToModule') });
      }
      return { NewExpression: check, CallExpression: check };
    },
  };
}
