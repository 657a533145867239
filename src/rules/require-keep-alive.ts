import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ClientEntry } from '../catalogue/clients.js';
import { KEEP_ALIVE_OPTION, NODE_REQUEST_FUNCTIONS, PROXY_FACTORIES, type ProxyFactory } from '../catalogue/keep-alive.js';
import { createOptionReader, type OptionReader, type OptionValue } from '../analysis/agent-options.js';
import { createOutboundCallRecogniser, type RequestCall } from '../analysis/outbound-calls.js';
import { connectionCloseHeader, proxyGetsAgentPerRequest, proxyOptionsArgument, proxyTargetModule, requestOptionArguments } from '../analysis/outbound-options.js';
import { createClientRecogniser, type ClientRecogniser } from '../analysis/recognise-client.js';
import { describeConstruction } from '../ast/describe.js';
import { addFirstArgument, addProperty, removeProperty, replacePropertyValue } from '../ast/object-literal-edits.js';
import { isAtModuleScope, nodeAgentReference } from '../ast/node-agent-reference.js';
import { staticName } from '../ast/predicates.js';
import type { ClientOptions } from '../options.js';
import { createRule } from '../util/create-rule.js';

export type Options = [];
export type MessageIds =
  | 'agentWithoutKeepAlive'
  | 'agentKeepAliveOff'
  | 'requestAgentFalse'
  | 'connectionClose'
  | 'proxyWithoutAgent'
  | 'proxyAgentOff'
  | 'setKeepAliveTrue'
  | 'addKeepAlive'
  | 'removeAgentFalse'
  | 'removeConnectionClose'
  | 'useKeepAliveAgent';

const TIME_WAIT = 'so every request opens a new TCP connection and leaves a socket in TIME_WAIT';
const PROXY_COST = `it proxies each request over a one-use connection with \`Connection: close\`: every request opens a new TCP connection to the target and leaves a socket in TIME_WAIT`;
const KEEP_ALIVE_TRUE = `${KEEP_ALIVE_OPTION}: true`;
/** The rule has no options; the recogniser caches its catalogue by this object. */
const NO_CLIENT_OPTIONS: ClientOptions = {};
/** Method names worth asking the type checker about: `http.get` (when it may pass options), `httpProxy.createServer`. */
const REQUEST_NAMES: ReadonlySet<string> = new Set(NODE_REQUEST_FUNCTIONS.functions);
const PROXY_CALL_NAMES: ReadonlySet<string> = new Set(PROXY_FACTORIES.flatMap((factory) => factory.calls));

export default createRule<Options, MessageIds>({
  name: 'require-keep-alive',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HTTP agents, requests and proxies to keep connections alive',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      agentWithoutKeepAlive: `\`{{construction}}\` ({{package}}) does not keep connections alive (its default is \`keepAlive: false\`), ${TIME_WAIT}; pass \`keepAlive: true\`.`,
      agentKeepAliveOff: `\`{{construction}}\` ({{package}}) is built with \`keepAlive: {{value}}\`, ${TIME_WAIT}; set \`keepAlive: true\` unless connections must not be reused.`,
      requestAgentFalse: `\`agent: false\` makes \`{{call}}\` ({{package}}) build a one-use agent, ${TIME_WAIT}; leave \`agent\` out to use the global agent (keep-alive since Node 19) or pass a shared \`new {{package}}.Agent({ keepAlive: true })\`.`,
      connectionClose: `The \`Connection: close\` header makes \`{{call}}\` ({{package}}) close the socket after the response, ${TIME_WAIT}; remove the header.`,
      proxyWithoutAgent: `\`{{construction}}\` ({{package}}) has no \`agent\` option, so ${PROXY_COST}; pass \`agent\` a keep-alive agent created once (\`new http.Agent({ keepAlive: true })\`).`,
      proxyAgentOff: `\`{{construction}}\` ({{package}}) gets a falsy \`agent\`, so ${PROXY_COST}; pass \`agent\` a keep-alive agent created once (\`new http.Agent({ keepAlive: true })\`).`,
      setKeepAliveTrue: 'Set keepAlive to true',
      addKeepAlive: 'Add keepAlive: true',
      removeAgentFalse: 'Remove `agent: false` to use the global agent',
      removeConnectionClose: 'Remove the Connection: close header',
      useKeepAliveAgent: 'Use a shared keep-alive {{agent}}',
    },
    languages: ['js/js'],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // Asked only about the rare construction whose callee may come from an agent's module.
    let recogniser: ClientRecogniser | undefined;
    const clients = (): ClientRecogniser => (recogniser ??= createClientRecogniser(context, NO_CLIENT_OPTIONS));
    const calls = createOutboundCallRecogniser(context);
    // Read only for the rare call that concerns the rule.
    let optionReader: OptionReader | undefined;
    const options = (): OptionReader => (optionReader ??= createOptionReader(context));

    /** An `http.Agent` (or a subclass's `super(…)`) whose first argument is its options. */
    function checkAgent(node: TSESTree.NewExpression | TSESTree.CallExpression, entry: ClientEntry): void {
      const [first] = node.arguments;
      if (first?.type === AST_NODE_TYPES.SpreadElement) return;
      const data = { construction: describeConstruction(node, sourceCode), package: entry.package };
      if (first === undefined) {
        context.report({
          node,
          messageId: 'agentWithoutKeepAlive',
          data,
          fix: (fixer) => addFirstArgument(fixer, sourceCode, node, `{ ${KEEP_ALIVE_TRUE} }`),
        });
        return;
      }
      const value = options().valueOf(first, KEEP_ALIVE_OPTION);
      if (value.kind === 'unknown' || (value.kind === 'known' && Boolean(value.value))) return;
      const literal = options().literalOf(first);
      const addKeepAlive = literal && ((fixer: TSESLint.RuleFixer) => addProperty(fixer, sourceCode, literal.literal, KEEP_ALIVE_TRUE));
      if (value.kind === 'absent') {
        context.report({
          node,
          messageId: 'agentWithoutKeepAlive',
          data,
          fix: literal?.editable ? addKeepAlive : null,
          ...(addKeepAlive && !literal.editable ? { suggest: [{ messageId: 'addKeepAlive', fix: addKeepAlive }] } : {}),
        });
        return;
      }
      const property = value.property;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = property
        ? [{ messageId: 'setKeepAliveTrue', fix: (fixer) => replacePropertyValue(fixer, property, 'true') }]
        : addKeepAlive
          ? [{ messageId: 'addKeepAlive', fix: addKeepAlive }]
          : [];
      context.report({
        node: property ?? node,
        messageId: 'agentKeepAliveOff',
        data: { construction: data.construction, package: data.package, value: typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value) },
        ...(suggest.length > 0 ? { suggest } : {}),
      });
    }

    /** `http.request(url, { agent: false, headers: { Connection: 'close' } })`. */
    function checkRequest(node: TSESTree.CallExpression, request: RequestCall): void {
      const data = { call: describeConstruction(node, sourceCode), package: request.module };
      for (const argument of requestOptionArguments(node)) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) return;
        const agent = options().valueOf(argument, request.functions.agentOption);
        if (agent.kind === 'known' && agent.value === false) {
          const property = agent.property;
          const literal = property?.parent;
          context.report({
            node: property ?? argument,
            messageId: 'requestAgentFalse',
            data,
            ...(property && literal?.type === AST_NODE_TYPES.ObjectExpression
              ? { suggest: [{ messageId: 'removeAgentFalse', fix: (fixer) => removeProperty(fixer, sourceCode, property, literal) }] }
              : {}),
          });
        }
        const close = connectionCloseHeader(argument, request.functions.headersOption, options());
        if (close !== undefined) {
          context.report({
            node: close.property,
            messageId: 'connectionClose',
            data,
            suggest: [{ messageId: 'removeConnectionClose', fix: (fixer) => removeProperty(fixer, sourceCode, close.property, close.headers) }],
          });
        }
      }
    }

    /** `httpProxy.createProxyServer({ target })` / `createProxyMiddleware({ target })` without an agent. */
    function checkProxy(node: TSESTree.CallExpression | TSESTree.NewExpression, factory: ProxyFactory): void {
      if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
      const argument = proxyOptionsArgument(node);
      const agent: OptionValue = argument === undefined ? { kind: 'absent' } : options().valueOf(argument, factory.agentOption);
      if (agent.kind === 'unknown' || (agent.kind === 'known' && Boolean(agent.value))) return;
      if (proxyGetsAgentPerRequest(node, factory, options(), sourceCode)) return;
      const suggestion = argument && keepAliveAgentSuggestion(node, argument, factory, agent);
      context.report({
        node: (agent.kind === 'known' && agent.property) || node,
        messageId: agent.kind === 'absent' ? 'proxyWithoutAgent' : 'proxyAgentOff',
        data: { construction: describeConstruction(node, sourceCode), package: factory.package },
        ...(suggestion ? { suggest: [suggestion] } : {}),
      });
    }

    /**
     * Proxies are usually built once, when the module loads: there, an inline
     * `agent: new http.Agent({ keepAlive: true })` is one shared agent. Inside a function it would be
     * one agent per call, so nothing is offered.
     */
    function keepAliveAgentSuggestion(
      node: TSESTree.Node,
      argument: TSESTree.Node,
      factory: ProxyFactory,
      agent: OptionValue,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      if (!isAtModuleScope(node)) return undefined;
      const module = proxyTargetModule(argument, factory, options());
      if (module === undefined) return undefined;
      const reference = nodeAgentReference(sourceCode, module);
      if (reference === undefined) return undefined;
      const expression = `new ${reference.expression}({ ${KEEP_ALIVE_TRUE} })`;
      const property = agent.kind === 'known' ? agent.property : undefined;
      const literal = options().literalOf(argument);
      const setAgent = property
        ? (fixer: TSESLint.RuleFixer) => [replacePropertyValue(fixer, property, expression)]
        : literal?.editable
          ? (fixer: TSESLint.RuleFixer) => addProperty(fixer, sourceCode, literal.literal, `${factory.agentOption}: ${expression}`)
          : undefined;
      if (setAgent === undefined) return undefined;
      return {
        messageId: 'useKeepAliveAgent',
        data: { agent: `${module}.Agent` },
        fix: (fixer) => [...setAgent(fixer), ...(reference.addImport ? [reference.addImport(fixer)] : [])],
      };
    }

    return {
      NewExpression(node) {
        if (!calls.mayConcern(node)) return;
        const built = clients().builtBy(node);
        if (built !== undefined) {
          if (built.entry.keepAliveByDefault === false && calls.argumentsReachLibrary(node)) checkAgent(node, built.entry);
          return;
        }
        const proxy = calls.proxyFactory(node);
        if (proxy !== undefined) checkProxy(node, proxy);
      },
      CallExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Super) {
          const entry = calls.agentBuiltBySuper(node);
          if (entry !== undefined) checkAgent(node, entry);
          return;
        }
        if (node.callee.type === AST_NODE_TYPES.MemberExpression) {
          const name = staticName(node.callee) ?? '';
          if (!PROXY_CALL_NAMES.has(name) && !(REQUEST_NAMES.has(name) && requestOptionArguments(node).length > 0)) return;
        }
        if (node.callee.type !== AST_NODE_TYPES.MemberExpression && node.callee.type !== AST_NODE_TYPES.Identifier) return;
        if (!calls.mayConcern(node)) return;
        const request = calls.requestFunction(node);
        if (request !== undefined) {
          checkRequest(node, request);
          return;
        }
        const proxy = calls.proxyFactory(node);
        if (proxy !== undefined) checkProxy(node, proxy);
      },
    };
  },
});

