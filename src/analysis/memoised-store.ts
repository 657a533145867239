import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, calleeReceiver, isInside, staticName } from '../ast/predicates.js';

/** Callbacks of these run once per key, not once per call: `remember('db', () => new Pool())`. */
const MEMOISER = /^(?:remember|memo(?:i[sz]e)?|once|lazy|cached?|singleton|getOrCreate|getOrSet|getOrInsert(?:Computed)?|computeIfAbsent)$/iu;

/**
 * Whether a construction inside a repeated function is stored once into a longer-lived place and
 * guarded by a check that it is missing: `client ??= new X()`, `if (!client) client = new X()`,
 * `if (!pools.has(k)) pools.set(k, new X())`, `globalThis.x ||= …`, `remember(k, () => new X())`.
 * A store without the check still builds a client on every call, so it does not count.
 */
export function isMemoisedConstruction(
  construction: TSESTree.Node,
  repeated: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  let child: TSESTree.Node = construction;
  for (let node = construction.parent; node != null && node !== repeated; child = node, node = node.parent) {
    switch (node.type) {
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.right === child && (node.operator === '??=' || node.operator === '||=') && outlives(node.left, repeated, sourceCode)) return true;
        if (node.right === child && node.operator === '=' && outlives(node.left, repeated, sourceCode) && isGuardedFor(node, node.left, repeated)) return true;
        // `let p = pools.get(k); if (!p) { p = new X(); pools.set(k, p); }`
        if (node.right === child && node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier && isGuardedFor(node, node.left, repeated)) {
          const variable = variableOf(node.left, sourceCode);
          return variable !== null && isReadFromStoreItKeepsIn(variable, repeated, sourceCode);
        }
        break;
      case AST_NODE_TYPES.LogicalExpression:
        // `client = client ?? new X()`
        if (node.right === child && node.operator !== '&&' && node.parent.type === AST_NODE_TYPES.AssignmentExpression && outlives(node.parent.left, repeated, sourceCode) && sameReference(node.left, node.parent.left)) return true;
        break;
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node);
        const store = calleeReceiver(node);
        if (name === 'set' && node.arguments[1] === child && store !== undefined && outlives(store, repeated, sourceCode) && isGuardedFor(node, store, repeated)) return true;
        break;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        if (node.parent.type === AST_NODE_TYPES.CallExpression && MEMOISER.test(calleeName(node.parent) ?? '')) return true;
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        // `const c = new X(); cache.set(k, c)` or `shared = c` under a missing-check guard.
        if (node.init === child && node.id.type === AST_NODE_TYPES.Identifier) {
          const variable = sourceCode.getDeclaredVariables(node)[0];
          return variable !== undefined && isStoredOnce(variable, repeated, sourceCode);
        }
        break;
      default:
        break;
    }
  }
  return false;
}

/** A binding or property that lives longer than one run of the repeated function. */
function outlives(target: TSESTree.Node | undefined, repeated: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (target === undefined) return false;
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const root = rootObject(target);
    return root.type === AST_NODE_TYPES.ThisExpression || outlives(root, repeated, sourceCode);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  if (target.name === 'globalThis' || target.name === 'global') return true;
  const variable = variableOf(target, sourceCode);
  const declaration = variable?.defs[0]?.node as TSESTree.Node | undefined;
  return declaration === undefined || !isInside(declaration, repeated);
}

/**
 * Some `if` between the store and the repeated function checks the target is missing, or an
 * earlier `if (target) return …;` leaves only the missing case to reach the store.
 */
function isGuardedFor(store: TSESTree.Node, target: TSESTree.Node, repeated: TSESTree.Node): boolean {
  const text = referenceKey(target);
  let child: TSESTree.Node = store;
  for (let node = store.parent; node != null && node !== repeated; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.BlockStatement && text !== undefined && exitsEarlyWhenPresent(node.body, child, text)) return true;
    if (node.type === AST_NODE_TYPES.IfStatement && isMissingCheck(node.test, text)) return true;
    if (node.type === AST_NODE_TYPES.ConditionalExpression && isMissingCheck(node.test, text)) return true;
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&' && isMissingCheck(node.left, text, true)) return true;
  }
  return false;
}

/** `!x`, `x == null`, `x === undefined`, `!map.has(k)`, `!map.get(k)`, `typeof x === 'undefined'` — about `key`. */
function isMissingCheck(test: TSESTree.Node, key: string | undefined, presence = false): boolean {
  if (key === undefined) return false;
  if (presence) return mentions(test, key);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return mentions(test.argument, key);
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(test.operator)) return mentions(test, key);
  if (test.type === AST_NODE_TYPES.LogicalExpression) return isMissingCheck(test.left, key) || isMissingCheck(test.right, key);
  return false;
}

function mentions(node: TSESTree.Node, key: string): boolean {
  if (referenceKey(node) === key) return true;
  if (node.type === AST_NODE_TYPES.CallExpression) return referenceKey(calleeReceiver(node)) === key || node.arguments.some((a) => mentions(a, key));
  if (node.type === AST_NODE_TYPES.MemberExpression) return mentions(node.object, key);
  if (node.type === AST_NODE_TYPES.BinaryExpression || node.type === AST_NODE_TYPES.LogicalExpression) return mentions(node.left, key) || mentions(node.right, key);
  if (node.type === AST_NODE_TYPES.UnaryExpression) return mentions(node.argument, key);
  return false;
}

/** A local that a guarded store then keeps: `if (!cache.has(k)) { const c = new X(); cache.set(k, c) }`. */
function isStoredOnce(variable: TSESLint.Scope.Variable, repeated: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, guarded = true): boolean {
  return variable.references.some((reference) => {
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === identifier && outlives(parent.left, repeated, sourceCode))
      return !guarded || isGuardedFor(parent, parent.left, repeated);
    if (parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'set' && parent.arguments[1] === identifier) {
      const map = calleeReceiver(parent);
      return map !== undefined && outlives(map, repeated, sourceCode) && (!guarded || isGuardedFor(parent, map, repeated));
    }
    return false;
  });
}

/**
 * A local first read from a longer-lived store and, when missing, built and put back into that same
 * store: `let p = pools.get(k); if (!p) { p = new X(); pools.set(k, p); }`. The check on the local
 * is the guard, so the store itself needs none.
 */
function isReadFromStoreItKeepsIn(variable: TSESLint.Scope.Variable, repeated: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const declarator = variable.defs[0]?.node as TSESTree.Node | undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init == null || !isInside(declarator, repeated)) return false;
  const init = declarator.init;
  return variable.references.some((reference) => {
    const parent = (reference.identifier as TSESTree.Node).parent;
    const store = parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'set' ? calleeReceiver(parent) : parent?.type === AST_NODE_TYPES.AssignmentExpression ? parent.left : undefined;
    const key = referenceKey(store?.type === AST_NODE_TYPES.MemberExpression && parent?.type === AST_NODE_TYPES.AssignmentExpression ? store.object : store);
    return key !== undefined && mentions(init, key) && isStoredOnce(variable, repeated, sourceCode, false);
  });
}

function rootObject(node: TSESTree.MemberExpression): TSESTree.Node {
  let object: TSESTree.Node = node.object;
  while (object.type === AST_NODE_TYPES.MemberExpression) object = object.object;
  return object;
}

/** A comparable text for a reference: `client`, `this.client`, `globalThis.prisma`. */
function referenceKey(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node?.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node?.type === AST_NODE_TYPES.MemberExpression) {
    const object = referenceKey(node.object);
    const property = staticName(node.property);
    return object === undefined || property === undefined ? undefined : `${object}.${property}`;
  }
  return undefined;
}

function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const key = referenceKey(a);
  return key !== undefined && key === referenceKey(b);
}


/** `if (pool) return pool;` (or `throw`) among the statements before `statement`. */
function exitsEarlyWhenPresent(body: readonly TSESTree.Statement[], statement: TSESTree.Node, key: string): boolean {
  const before = body.slice(0, body.indexOf(statement as TSESTree.Statement));
  return before.some(
    (candidate) =>
      candidate.type === AST_NODE_TYPES.IfStatement &&
      candidate.alternate === null &&
      !isMissingCheck(candidate.test, key) &&
      mentions(candidate.test, key) &&
      alwaysExits(candidate.consequent),
  );
}

function alwaysExits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : undefined;
  return last !== undefined && alwaysExits(last);
}
