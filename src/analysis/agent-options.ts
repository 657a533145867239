import { getPropertyName, getStaticValue } from '@eslint-community/eslint-utils';
import { variableOf } from '../ast/variables.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { typeServicesOf } from '../util/type-services.js';
import ts from 'typescript';
import { isUnknownType } from './type-match.js';
import { DefinitionType } from '@typescript-eslint/scope-manager';

/**
 * What an options object says about one option, as far as can be told before running the code:
 * - `absent`: the option is certainly not set (so the library default applies);
 * - `known`: its value is known, from the literal or from a literal type; `property` is the
 *   `name: value` written in an object literal, when there is one to edit;
 * - `unknown`: anything else (`any`, `boolean`, a spread of something unknown, a mutated object).
 */
export type OptionValue =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'known'; readonly value: unknown; readonly property?: TSESTree.Property };

const ABSENT: OptionValue = { kind: 'absent' };
const UNKNOWN: OptionValue = { kind: 'unknown' };
const MAX_DEPTH = 8;

/** The object literal that holds a call's options, and whether a fix may edit it. */
export interface OptionsLiteral {
  readonly literal: TSESTree.ObjectExpression;
  /** Written inline, or in a `const` read only by this call: adding an option changes nothing else. */
  readonly editable: boolean;
}

export interface OptionReader {
  /** The value of option `name` in the options expression. */
  valueOf(options: TSESTree.Node, name: string): OptionValue;
  /** The object literal the options expression is (inline, or through a `const` that is not mutated). */
  literalOf(options: TSESTree.Node): OptionsLiteral | undefined;
}

/**
 * Reads options objects: object literals (later properties and spreads win), `const opts = {…}`
 * that is not mutated, and, with type information, the declared type of anything else (`true`,
 * `false`, `undefined` and other literal types are known; `boolean` and `any` are not).
 */
export function createOptionReader(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): OptionReader {
  const sourceCode = context.sourceCode;
  const types = typeServicesOf(context);

  function valueOf(options: TSESTree.Node, name: string, depth = 0): OptionValue {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const node = unwrap(options);
    if (isStaticPrimitive(node)) return ABSENT; // `undefined`, `null`, a URL string: no options at all
    const followed = followConst(node, sourceCode);
    if (followed === 'mutated') return UNKNOWN;
    if (followed !== undefined) return valueInLiteral(followed.literal, name, depth);
    return types === undefined ? UNKNOWN : valueInType(types.checker.getTypeAtLocation(types.toTs(node)), name, types.checker);
  }

  function isStaticPrimitive(node: TSESTree.Node): boolean {
    if (node.type === AST_NODE_TYPES.ObjectExpression) return false;
    const known = getStaticValue(node as never, sourceCode.getScope(node) as never);
    return known !== null && (known.value === null || typeof known.value !== 'object');
  }

  function valueInLiteral(literal: TSESTree.ObjectExpression, name: string, depth: number): OptionValue {
    const scope = sourceCode.getScope(literal);
    for (const element of literal.properties.toReversed()) {
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const spread = valueOf(element.argument, name, depth + 1);
        if (spread.kind === 'absent') continue;
        // The property lives in another object; a fix edits this one instead.
        return spread.kind === 'known' ? { kind: 'known', value: spread.value } : spread;
      }
      const key = getPropertyName(element as never, scope as never);
      if (key === null) return UNKNOWN; // a computed key that might be `name`
      if (key !== name) continue;
      if (element.kind !== 'init' || element.method) return UNKNOWN;
      return valueOfExpression(element.value, element, scope);
    }
    return ABSENT;
  }

  function valueOfExpression(value: TSESTree.Node, property: TSESTree.Property, scope: TSESLint.Scope.Scope): OptionValue {
    const staticValue = getStaticValue(value as never, scope as never);
    if (staticValue !== null) return { kind: 'known', value: staticValue.value, property };
    // An object has no literal type to read: `agent: shared` of `const shared = new Agent(…)`.
    if (types === undefined || isObject(value, sourceCode)) return UNKNOWN;
    const known = literalValueOfType(types.checker.getTypeAtLocation(types.toTs(value)), types.checker);
    return known === UNKNOWN_VALUE ? UNKNOWN : { kind: 'known', value: known, property };
  }

  return {
    valueOf: (options, name) => valueOf(options, name),
    literalOf(options) {
      const followed = followConst(unwrap(options), sourceCode);
      return followed === undefined || followed === 'mutated' ? undefined : followed;
    },
  };
}

const OBJECT_VALUES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ClassExpression,
]);

/** Written as an object, or a name that holds one for good: a `const` built so, a function or a class. */
function isObject(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return OBJECT_VALUES.has(value.type);
  const variable = variableOf(value, sourceCode);
  const [definition] = variable?.defs ?? [];
  if (variable === null || definition === undefined || variable.defs.length !== 1) return false;
  // A function's or class's name holds it unless something assigns the name (plain JavaScript may).
  if (definition.type === DefinitionType.FunctionName || definition.type === DefinitionType.ClassName) return variable.references.every((reference) => !reference.isWrite());
  if (definition.type !== DefinitionType.Variable || definition.parent.kind !== 'const' || definition.node.init === null) return false;
  return definition.node.id === definition.name && OBJECT_VALUES.has(unwrap(definition.node.init).type);
}

/** `x as T`, `x satisfies T`, `x!`, `<T>x` → `x`. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  )
    current = current.expression;
  return current;
}


/**
 * The object literal behind an options expression: the expression itself, or the initialiser of
 * the `const` it names. `mutated` when that object is changed or handed to a function elsewhere.
 */
function followConst(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): OptionsLiteral | 'mutated' | undefined {
  if (node.type === AST_NODE_TYPES.ObjectExpression) return { literal: node, editable: true };
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(node, sourceCode);
  if (variable?.defs.length !== 1) return undefined;
  const [definition] = variable.defs;
  if (definition?.type !== DefinitionType.Variable || definition.parent.kind !== 'const') return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) return undefined;
  const init = unwrap(declarator.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const reads = variable.references.filter((reference) => reference.identifier !== declarator.id);
  if (reads.some((reference) => reference.identifier !== node && mayChange(reference.identifier as TSESTree.Identifier))) return 'mutated';
  return { literal: init, editable: reads.length === 1 };
}

/** `opts.x = 1`, `delete opts.x`, `opts.x++`, `Object.assign(opts, …)`, `configure(opts)`. */
function mayChange(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments.includes(identifier);
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
  const user = parent.parent;
  return (
    (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) ||
    user.type === AST_NODE_TYPES.UpdateExpression ||
    (user.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete')
  );
}

const UNKNOWN_VALUE = Symbol('unknown');

/** `true`, `false`, `undefined`, `null`, string and number literal types → their value. */
function literalValueOfType(type: ts.Type, checker: ts.TypeChecker): unknown {
  if (type === checker.getTrueType()) return true;
  if (type === checker.getFalseType()) return false;
  if ((type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0) return undefined;
  if ((type.flags & ts.TypeFlags.Null) !== 0) return null;
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
  return UNKNOWN_VALUE;
}

/** The option as the declared type of the options tells it. */
function valueInType(type: ts.Type, name: string, checker: ts.TypeChecker): OptionValue {
  if (isUnknownType(type)) return UNKNOWN;
  if (type.isUnion()) {
    const parts = type.types.map((part) => valueInType(part, name, checker));
    const [first] = parts;
    if (first === undefined || first.kind === 'unknown') return UNKNOWN;
    const same = parts.every(
      (part) => part.kind === first.kind && (part.kind !== 'known' || first.kind !== 'known' || Object.is(part.value, first.value)),
    );
    return same ? (first.kind === 'known' ? { kind: 'known', value: first.value } : first) : UNKNOWN;
  }
  if ((type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) !== 0) return ABSENT;
  if ((type.flags & ts.TypeFlags.Object) === 0 && !type.isIntersection()) return UNKNOWN;
  const property = type.getProperty(name);
  if (property === undefined) {
    // `{}`, `object`, `Record<string, …>` may hold anything.
    const open = type.getProperties().length === 0 || checker.getIndexInfosOfType(type).length > 0;
    return open ? UNKNOWN : ABSENT;
  }
  const value = literalValueOfType(checker.getTypeOfSymbol(property), checker);
  return value === UNKNOWN_VALUE ? UNKNOWN : { kind: 'known', value };
}
