import { getPropertyName, getStaticValue } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { PROXY_PER_REQUEST_METHODS, type ProxyFactory } from '../catalogue/keep-alive.js';
import { isFunctionNode, staticName } from '../ast/predicates.js';
import type { OptionReader } from './agent-options.js';
import { scopeManagerOf } from '../util/present.js';

/** A `Connection: close` request header, and the headers literal it is written in. */
export interface ConnectionCloseHeader {
  readonly property: TSESTree.Property;
  readonly headers: TSESTree.ObjectExpression;
}

/**
 * `headers: { Connection: 'close' }` (any case) written in a request's options literal. Narrow on
 * purpose: only literals (inline or through a `const`), never a header computed at run time.
 */
export function connectionCloseHeader(argument: TSESTree.Node, headersOption: string, options: OptionReader): ConnectionCloseHeader | undefined {
  const literal = options.literalOf(argument)?.literal;
  const headersProperty = literal && lastProperty(literal, (key) => key === headersOption);
  const headers = headersProperty && options.literalOf(headersProperty.value)?.literal;
  const property = headers && lastProperty(headers, (key) => key.toLowerCase() === 'connection');
  if (property === undefined || headers === undefined) return undefined;
  const value = getStaticValue(property.value as never);
  return typeof value?.value === 'string' && value.value.trim().toLowerCase() === 'close' ? { property, headers } : undefined;
}

/** The last `key: value` property whose static key matches; a getter or method hides it. */
function lastProperty(literal: TSESTree.ObjectExpression, matches: (key: string) => boolean): TSESTree.Property | undefined {
  for (const element of literal.properties.toReversed()) {
    if (element.type !== AST_NODE_TYPES.Property) continue;
    const key = getPropertyName(element as never);
    if (key != null && matches(key)) return element.kind === 'init' && !element.method ? element : undefined;
  }
  return undefined;
}

/**
 * The arguments a request function's call may pass options (`agent`, `headers`) in: of the first
 * two, those that are not a URL written as a string or a template, nor a callback. None for
 * `router.get('/users', async (req, res) => …)` or `req.get('host')`, which stop there, before any
 * question about where `get` comes from.
 */
export function requestOptionArguments(call: TSESTree.CallExpression): TSESTree.CallExpressionArgument[] {
  return call.arguments.slice(0, 2).filter((argument) => argument.type !== AST_NODE_TYPES.Literal && argument.type !== AST_NODE_TYPES.TemplateLiteral && !isFunctionNode(argument));
}

/** The options of a proxy factory: the first argument, or the second after a path context (`('/api', { … })`). */
export function proxyOptionsArgument(node: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.CallExpressionArgument | undefined {
  const [first, second] = node.arguments;
  const isContext =
    first?.type === AST_NODE_TYPES.ArrayExpression ||
    first?.type === AST_NODE_TYPES.TemplateLiteral ||
    (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') ||
    isFunctionNode(first);
  return second !== undefined && isContext ? second : first;
}

/**
 * `const proxy = createProxyServer({}); … proxy.web(req, res, { target, agent })`: an agent (or
 * options that cannot be read) passed per request, which overrides the server's options.
 */
export function proxyGetsAgentPerRequest(
  node: TSESTree.Node,
  factory: ProxyFactory,
  options: OptionReader,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node) return false;
  return scopeManagerOf(sourceCode).getDeclaredVariables(declarator).some((variable) =>
    variable.references.some((reference) => {
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const call = member.parent;
      if (!PROXY_PER_REQUEST_METHODS.includes(staticName(member.property) ?? '') || call.type !== AST_NODE_TYPES.CallExpression) return false;
      const perRequest = call.arguments[2];
      if (perRequest === undefined) return false;
      if (perRequest.type === AST_NODE_TYPES.SpreadElement) return true;
      const agent = options.valueOf(perRequest, factory.agentOption);
      return agent.kind === 'unknown' || (agent.kind === 'known' && Boolean(agent.value));
    }),
  );
}

/** `http` or `https`, from a proxy's `target: 'https://…'` (also `ws:`/`wss:`); undefined when not written. */
export function proxyTargetModule(argument: TSESTree.Node, factory: ProxyFactory, options: OptionReader): 'http' | 'https' | undefined {
  const target = options.valueOf(argument, factory.targetOption);
  if (target.kind !== 'known' || typeof target.value !== 'string') return undefined;
  const scheme = /^([a-z]+):/iu.exec(target.value.trim())?.[1]?.toLowerCase();
  if (scheme === 'https' || scheme === 'wss') return 'https';
  if (scheme === 'http' || scheme === 'ws') return 'http';
  return undefined;
}
