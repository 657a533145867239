import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isSymbolFromDefaultLibrary } from '@typescript-eslint/type-utils';
import { ITERATION_FUNCTIONS, ITERATION_METHODS } from '../catalogue/loops.js';
import { calleeName, calleeReceiver, isFunctionNode, type FunctionNode } from '../ast/predicates.js';
import { typeServicesOf } from '../util/type-services.js';
import { fileSlot, perFile } from '../util/memo.js';

/** A loop, and the code that runs once per iteration of it. */
export interface LoopContext {
  /** The loop statement, or the call whose callback iterates (`ids.map(…)`). */
  readonly loop: TSESTree.Node;
  /** `for…of loop`, `.map() callback`, `while loop`. */
  readonly kind: string;
  /** What is iterated, as written (`ids`, `Object.keys(shards)`), when there is one. */
  readonly over: TSESTree.Node | undefined;
  /** The function the loop sits in, or the iteration callback itself. */
  readonly body: TSESTree.Node;
}

export interface LoopFinder {
  /** The innermost loop whose every iteration runs `node`, up to the enclosing function. */
  loopOf(node: TSESTree.Node): LoopContext | undefined;
}

/**
 * Answers "does this run once per iteration?": statement loops (`for`, `for…of`, `for await`,
 * `for…in`, `while`, `do…while`) and callbacks of iteration methods — by the method's declaration
 * in TypeScript's lib with type information (a user object's `map` is no loop), by name without.
 */
export function createLoopFinder(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): LoopFinder {
  // The rules of a file share one finder.
  return perFile(context.sourceCode, LOOP_FINDER, () => buildLoopFinder(context));
}

const LOOP_FINDER = fileSlot<LoopFinder>('loop finder');

function buildLoopFinder(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): LoopFinder {
  const types = typeServicesOf(context);

  function isIterationCallback(fn: FunctionNode): TSESTree.CallExpression | undefined {
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return undefined;
    const name = calleeName(call);
    if (name === undefined) return undefined;
    const receiver = calleeReceiver(call);
    if (receiver !== undefined && ITERATION_METHODS.has(name) && call.arguments[0] === fn) return isBuiltinMethod(call) ? call : undefined;
    // `_.map(xs, fn)`, `pMap(xs, fn)`, `Array.from(xs, fn)`: the collection comes first.
    if (ITERATION_FUNCTIONS.has(name) && call.arguments[1] === fn && call.arguments.length >= 2) return call;
    return undefined;
  }

  /** With types, the method must be the lib's (`Array#map`, `Set#forEach`); unknown receivers count. */
  function isBuiltinMethod(call: TSESTree.CallExpression): boolean {
    if (types === undefined || call.callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const symbol = types.checker.getSymbolAtLocation(types.toTs(call.callee.property));
    return symbol === undefined || isSymbolFromDefaultLibrary(types.program, symbol);
  }

  return {
    loopOf(node) {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current != null; child = current, current = current.parent) {
        const loop = statementLoop(current, child);
        if (loop !== undefined) return loop;
        if (isFunctionNode(current)) {
          const call = isIterationCallback(current);
          return call === undefined
            ? undefined
            : { loop: call, kind: `.${String(calleeName(call))}() callback`, over: calleeReceiver(call) ?? call.arguments[0], body: current };
        }
      }
      return undefined;
    },
  };
}

/** The statement loop `child` repeats in, if `parent` is one (a `for…of`'s iterable runs once). */
function statementLoop(parent: TSESTree.Node, child: TSESTree.Node): LoopContext | undefined {
  switch (parent.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return parent.body === child ? { loop: parent, kind: parent.await ? 'for await…of loop' : 'for…of loop', over: parent.right, body: parent.body } : undefined;
    case AST_NODE_TYPES.ForInStatement:
      return parent.body === child ? { loop: parent, kind: 'for…in loop', over: parent.right, body: parent.body } : undefined;
    case AST_NODE_TYPES.ForStatement:
      return parent.init === child ? undefined : { loop: parent, kind: 'for loop', over: undefined, body: parent.body };
    case AST_NODE_TYPES.WhileStatement:
      return { loop: parent, kind: 'while loop', over: undefined, body: parent.body };
    case AST_NODE_TYPES.DoWhileStatement:
      return { loop: parent, kind: 'do…while loop', over: undefined, body: parent.body };
    default:
      return undefined;
  }
}
