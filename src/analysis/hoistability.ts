import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, enclosingFunction, isFunctionNode, staticName } from '../ast/predicates.js';
import type { ClientEntry } from '../catalogue/clients.js';
import { isModuleStable, isStableConstruction } from './module-stable.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';

/** How a shared instance replaces the per-use one. */
export type Sharing =
  /** `const pool = new Pool()` at module scope. */
  | 'const'
  /** Built once, and its `connect()` run once through a memoised promise. */
  | 'connect'
  /** An async factory (`await amqp.connect(url)`) awaited once through a memoised promise. */
  | 'async'
  /** Arguments bound to the request (a tenant, a URL): one client per distinct value, in a module-level cache. */
  | 'keyed';

/** A request-bound value the construction reads (`req.params.tenant`), and every place it is read. */
export interface KeyPart {
  readonly text: string;
  readonly nodes: readonly TSESTree.Expression[];
}

export interface HoistPlan {
  readonly sharing: Sharing;
  /** What moves to module scope: the construction, without its `await`. */
  readonly construction: TSESTree.NewExpression | TSESTree.CallExpression;
  /** `await construction` for async factories, else the construction. */
  readonly value: TSESTree.Expression;
  /** The local the value was bound to (`const pool = …`), when there is one. */
  readonly local?: { readonly declaration: TSESTree.VariableDeclaration; readonly variable: TSESLint.Scope.Variable };
  /** Per-use teardown statements (`await pool.end()`) that would close the shared client. */
  readonly teardowns: readonly TSESTree.ExpressionStatement[];
  /** `await client.connect()` statements, for `connect` sharing. */
  readonly connects: readonly TSESTree.ExpressionStatement[];
  /** The top-level statement the module-level code goes before. */
  readonly insertBefore: TSESTree.ProgramStatement;
  /** For `keyed` sharing: the request-bound values that pick the client. */
  readonly keyParts: readonly KeyPart[];
  /** A fix only when nothing the edit cannot see could change; otherwise a suggestion. */
  readonly safe: boolean;
}

/** Up to this many request-bound values key a cache; more, and the edit is no longer obvious. */
const MAX_KEY_PARTS = 3;

/** Where a client may be passed without being closed by the receiver: request options. */
const PASS_THROUGH_KEYS = new Set(['agent', 'httpAgent', 'httpsAgent', 'dispatcher']);

/** Per-request listeners and subscriptions on a shared client would pile up: the user must move them. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'subscribe', 'psubscribe', 'pSubscribe', 'sSubscribe', 'SUBSCRIBE', 'PSUBSCRIBE']);

/**
 * Decides whether a client built in repeated code (`boundary`: a handler, or a loop body) can be
 * built once at module scope instead, and how. `undefined` when hoisting would change what the
 * program does: the arguments depend on the request, an event, a loop variable or a local.
 */
export function planHoist(
  construction: TSESTree.NewExpression | TSESTree.CallExpression,
  boundary: TSESTree.Node,
  entry: ClientEntry,
  sourceCode: Readonly<TSESLint.SourceCode>,
): HoistPlan | undefined {
  const keyParts = isStableConstruction(construction, sourceCode) ? [] : requestBoundParts(construction, sourceCode);
  if (keyParts === undefined) return undefined;
  const value = construction.parent.type === AST_NODE_TYPES.AwaitExpression ? construction.parent : construction;
  if (keyParts.length > 0 && value !== construction) return undefined;
  const statement = enclosingStatement(value, boundary);
  const insertBefore = insertionPoint(construction, sourceCode);
  if (statement === undefined || insertBefore === undefined) return undefined;
  const unconditional = isUnconditional(value, statement.node) && statement.direct;

  const bound = outermostTypeWrapper(value);
  const declarator = bound.parent;
  const variable = declarator.type === AST_NODE_TYPES.VariableDeclarator ? sourceCode.getDeclaredVariables(declarator)[0] : undefined;
  const local =
    declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === bound && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.parent.declarations.length === 1 && declarator.parent === statement.node && variable !== undefined
      ? { declaration: declarator.parent, variable }
      : undefined;
  const uses = local === undefined ? inlineUses(bound, entry) : classifyUses(local.variable, entry, enclosingFunction(local.declaration));
  if (uses.reassigned || (keyParts.length > 0 && uses.connects.length > 0)) return undefined;

  const sharing: Sharing = keyParts.length > 0 ? 'keyed' : value !== construction ? 'async' : uses.connects.length > 0 ? 'connect' : 'const';
  const usingDeclaration = local !== undefined && (local.declaration.kind === 'using' || local.declaration.kind === 'await using');
  return {
    sharing,
    construction,
    value,
    ...(local === undefined ? {} : { local }),
    teardowns: uses.teardowns,
    connects: uses.connects,
    insertBefore,
    keyParts,
    // A keyed cache changes when clients are released: always the user's call.
    safe: unconditional && !uses.escapes && !usingDeclaration && sharing !== 'keyed',
  };
}

/**
 * The request-bound values a construction reads, when everything else in it is module-stable and
 * they are plain reads (`tenant`, `req.params.tenant`): `new Pool({ database: req.params.tenant })`
 * → `[req.params.tenant]`. `undefined` when a call, `await` or anything else would have to move.
 */
function requestBoundParts(construction: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): KeyPart[] | undefined {
  const parts = new Map<string, TSESTree.Expression[]>();
  const collect = (node: TSESTree.Node): boolean => {
    if (isModuleStable(node, sourceCode)) return true;
    if (isPlainRead(node, sourceCode)) {
      const text = sourceCode.getText(node);
      parts.set(text, [...(parts.get(text) ?? []), node as TSESTree.Expression]);
      return true;
    }
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return node.properties.every((property) =>
          property.type === AST_NODE_TYPES.SpreadElement
            ? collect(property.argument)
            : property.kind === 'init' && !property.method && (!property.computed || isModuleStable(property.key, sourceCode)) && collect(property.value),
        );
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && collect(element));
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.every(collect);
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return collect(node.left) && collect(node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return collect(node.test) && collect(node.consequent) && collect(node.alternate);
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        return collect(node.expression);
      default:
        return false;
    }
  };
  if (!isModuleStable(construction.callee, sourceCode) || !construction.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && collect(argument))) return undefined;
  if (parts.size === 0 || parts.size > MAX_KEY_PARTS) return undefined;
  return [...parts].map(([text, nodes]) => ({ text, nodes }));
}

/** `tenant`, `req.params.tenant`, `event.headers['x-tenant']`: a read with no side effect. */
function isPlainRead(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== 'undefined';
  return node.type === AST_NODE_TYPES.MemberExpression && !node.optional && (!node.computed || isModuleStable(node.property, sourceCode)) && isPlainRead(node.object, sourceCode);
}

interface Uses {
  teardowns: TSESTree.ExpressionStatement[];
  connects: TSESTree.ExpressionStatement[];
  escapes: boolean;
  reassigned: boolean;
}

/** `new Pool() as Pool`, `new Pool()!`: the same value. */
function outermostTypeWrapper(value: TSESTree.Expression): TSESTree.Expression {
  let bound = value;
  while (bound.parent.type === AST_NODE_TYPES.TSAsExpression || bound.parent.type === AST_NODE_TYPES.TSNonNullExpression || bound.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
    bound = bound.parent;
  return bound;
}

/**
 * A construction bound to no local: safe when its value is dropped, handed to request options, or
 * used on the spot (`new Pool().query()`); anything else passes it on where teardown cannot be seen.
 */
function inlineUses(bound: TSESTree.Expression, entry: ClientEntry): Uses {
  const parent = bound.parent;
  const method = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === bound ? staticName(parent) : undefined;
  const escapes = !(
    parent.type === AST_NODE_TYPES.ExpressionStatement ||
    (parent.type === AST_NODE_TYPES.Property && parent.value === bound && PASS_THROUGH_KEYS.has(staticName(parent.key) ?? '')) ||
    (method !== undefined && !entry.dispose.includes(method) && method !== entry.connect && !LISTENER_METHODS.has(method))
  );
  return { teardowns: [], connects: [], escapes, reassigned: false };
}


/**
 * Sorts the local's references into teardown, connect, ordinary use, and escape. A teardown or
 * connect inside a nested callback (`req.on('close', () => sub.quit())`), and per-request listeners
 * on the client, make the edit one the user must finish: escape.
 */
function classifyUses(variable: TSESLint.Scope.Variable, entry: ClientEntry, owner: TSESTree.Node | undefined): Uses {
  const uses: Uses = { teardowns: [], connects: [], escapes: false, reassigned: false };
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) {
      uses.reassigned = true;
      continue;
    }
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const call = parent.parent;
      const method = staticName(parent);
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || method === undefined) continue;
      const nested = enclosingFunction(call) !== owner;
      if (LISTENER_METHODS.has(method)) uses.escapes = true;
      else if (entry.dispose.includes(method)) {
        const statement = asStatement(call);
        if (statement === undefined || nested) uses.escapes = true;
        else uses.teardowns.push(statement);
      } else if (method === entry.connect) {
        const statement = asStatement(call);
        if (statement === undefined || nested || call.arguments.length > 0) uses.escapes = true;
        else uses.connects.push(statement);
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === identifier && PASS_THROUGH_KEYS.has(staticName(parent.key) ?? '')) continue;
    uses.escapes = true;
  }
  return uses;
}

/** `x.end();` or `await x.end();` as a statement of its own. */
function asStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | undefined {
  const expression = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  return expression.parent.type === AST_NODE_TYPES.ExpressionStatement ? expression.parent : undefined;
}

/** The statement holding the value, and whether it sits directly in the boundary's body (runs every time). */
function enclosingStatement(value: TSESTree.Node, boundary: TSESTree.Node): { node: TSESTree.Node; direct: boolean } | undefined {
  const body = isFunctionNode(boundary) ? boundary.body : boundary;
  let child: TSESTree.Node = value;
  for (let node = value.parent; node != null; child = node, node = node.parent) {
    if (isFunctionNode(node) && node !== boundary) return undefined;
    // An arrow's expression body is its own statement.
    if (node === body) return { node: child, direct: true };
    if (node.type.endsWith('Statement') || node.type === AST_NODE_TYPES.VariableDeclaration) {
      return { node, direct: node.parent === body };
    }
  }
  return undefined;
}

/** No `cond ? new X() : …`, `a && new X()` or `a ?? new X()` between the value and its statement. */
function isUnconditional(value: TSESTree.Node, statement: TSESTree.Node): boolean {
  let child: TSESTree.Node = value;
  for (let node = value.parent; node != null && child !== statement; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.ConditionalExpression && node.test !== child) return false;
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.right === child) return false;
    if (node.type === AST_NODE_TYPES.ChainExpression) return false;
  }
  return true;
}

/**
 * The top-level statement that module-level code goes before: the one holding the construction, so
 * everything the module did before it (`dotenv.config()`, an `init()` that sets an imported `let`)
 * has run. `undefined` when a module binding it reads is declared after that (TDZ).
 */
function insertionPoint(construction: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ProgramStatement | undefined {
  const topLevel = topLevelStatementOf(construction);
  // A class's decorators stand before its statement's range (`@Module({ … }) export class M {}`): nothing to insert before there.
  if (topLevel === undefined || topLevel.range[0] > construction.range[0] || isImportLike(topLevel)) return undefined;
  return latestModuleBindingRead(construction, sourceCode) <= topLevel.range[0] ? topLevel : undefined;
}

/** The statement of the program a node is written in, found through its parents (not among every statement of the file). */
function topLevelStatementOf(node: TSESTree.Node): TSESTree.ProgramStatement | undefined {
  let current = node;
  for (let parent = current.parent; parent != null; parent = parent.parent) {
    // A Program's children are its statements.
    if (parent.type === AST_NODE_TYPES.Program) return current as TSESTree.ProgramStatement;
    current = parent;
  }
  return undefined;
}

/** Imports, `require`s and directives stay first. */
function isImportLike(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return true;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return statement.directive !== undefined;
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.every((declarator) => {
      let init = declarator.init;
      while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
      return init?.type === AST_NODE_TYPES.CallExpression && calleeName(init) === 'require';
    })
  );
}

/** Where the last module-level binding the construction reads is declared (0 when none). */
function latestModuleBindingRead(construction: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): number {
  let latest = 0;
  const scopes = [sourceCode.getScope(construction)];
  for (const scope of scopes) {
    for (const reference of scope.references) {
      const identifier = reference.identifier as TSESTree.Node;
      if (identifier.range[0] < construction.range[0] || identifier.range[1] > construction.range[1]) continue;
      const definition = reference.resolved?.defs[0];
      // The module's own scope: `module` for ES modules, the Program's `function` scope for CommonJS.
      const moduleLevel = reference.resolved?.scope.block.type === AST_NODE_TYPES.Program;
      if (definition !== undefined && moduleLevel && definition.type !== DefinitionType.ImportBinding)
        latest = Math.max(latest, definition.node.range[1]);
    }
    scopes.push(...scope.childScopes.filter((child) => child.block.range[0] >= construction.range[0] && child.block.range[1] <= construction.range[1]));
  }
  return latest;
}
