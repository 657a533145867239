import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { HoistPlan } from '../analysis/hoistability.js';
import { capitalise, createNamer, nameForConstruction } from './names.js';
import { applyEdits, dedent, enclosingFinally, firstCommentFrom, indentationAt, isInRange, lineStart, removeFromFinally, removeStatement, type TextEdit } from './text-edits.js';
import { present, scopeManagerOf } from '../util/present.js';

/**
 * The edits that build the client once at module scope and make the repeated code use it:
 * - `const`: `const pool = new Pool(cfg);` after the imports;
 * - `connect`: the same, plus a memoised `connectX()` so `connect()` runs once (and again after a
 *   failed attempt — pg and node-redis throw on a second `connect()`);
 * - `async`: a memoised `getX()` around the async factory, awaited where the factory was.
 * Per-use teardown (`await pool.end()`, also in `finally`) goes, or it would close the shared client.
 */
export function hoistEdits(plan: HoistPlan, sourceCode: Readonly<TSESLint.SourceCode>, typescript: boolean, keyTypes: readonly string[] = []): TextEdit[] {
  const local = plan.local;
  // Where the new module bindings will be read: the local's references, or the construction itself.
  const useSites = [plan.construction, ...(local?.variable.references.map((reference) => reference.identifier) ?? [])];
  const nameFree = createNamer(sourceCode, useSites, plan.sharing === 'async' || plan.sharing === 'keyed' ? undefined : local?.variable);
  const base = local?.variable.name ?? nameForConstruction(plan.construction);
  const indent = indentationAt(sourceCode, plan.construction.range[0]);
  const constructionText = dedent(sourceCode.getText(plan.construction), indent);
  const edits: TextEdit[] = [];
  let moduleText: string;

  if (plan.sharing === 'keyed') {
    moduleText = keyedCacheText(plan, sourceCode, nameFree, base, indent, typescript ? keyTypes : undefined);
    edits.push(...useKeyedCache(plan, sourceCode, nameFree(`${base}For`)));
  } else if (plan.sharing === 'async') {
    const open = nameFree(`open${capitalise(base)}`);
    const promise = nameFree(`${base}Promise`);
    const get = nameFree(`get${capitalise(base)}`);
    moduleText = [
      `function ${open}() {`,
      `  return ${indentLines(constructionText, '  ')};`,
      `}`,
      ...memoisedPromise({ name: get, memo: promise, start: `${open}()`, memoType: `ReturnType<typeof ${open}>`, typescript },
        `Opens one ${base} for the whole process on first use; a failed attempt is retried by the next caller.`),
    ].join('\n');
    edits.push({ range: plan.construction.range, text: `${get}()` });
  } else {
    const name = nameFree(base);
    moduleText = `const ${name} = ${constructionText};`;
    // An unused construction (`new Pool();`) leaves nothing behind; a used one reads the shared client.
    if (local === undefined && plan.value.parent.type === AST_NODE_TYPES.ExpressionStatement) edits.push(removeStatement(sourceCode, plan.value.parent));
    else if (local === undefined) edits.push({ range: plan.value.range, text: name });
    else {
      edits.push(removeStatement(sourceCode, local.declaration));
      // References inside statements that go or get rewritten are not renamed (their edits would overlap).
      const rewritten = [...plan.teardowns, ...plan.connects];
      if (name !== local.variable.name) edits.push(...renameReferences(local.variable, name).filter((edit) => !rewritten.some((statement) => isInRange(edit, statement))));
    }
    if (plan.sharing === 'connect') {
      const connected = nameFree(`${name}Connected`);
      const connect = nameFree(`connect${capitalise(name)}`);
      const method = plan.connects.map(connectCall).map((call) => (call.callee.type === AST_NODE_TYPES.MemberExpression ? sourceCode.getText(call.callee.property) : 'connect'))[0];
      moduleText += ['', ...memoisedPromise({ name: connect, memo: connected, start: `${name}.${String(method)}()`, memoType: 'Promise<unknown>', typescript },
        `Connects ${name} once for the whole process; a failed attempt is retried by the next caller.`)].join('\n');
      for (const statement of plan.connects) edits.push({ range: connectCall(statement).range, text: `${connect}()` });
    }
  }
  return [insertAtModuleScope(plan.insertBefore, moduleText, sourceCode), ...withTeardownsRemoved(plan.teardowns, edits, sourceCode)];
}

function insertAtModuleScope(before: TSESTree.ProgramStatement, text: string, sourceCode: Readonly<TSESLint.SourceCode>): TextEdit {
  const start = Math.min(before.range[0], ...decoratorsOf(before).map((decorator) => decorator.range[0]));
  const comment = leadingComment(before, start, sourceCode);
  const at = lineStart(sourceCode, comment?.range[0] ?? start);
  return { range: [at, at], text: `${text}\n\n` };
}

/**
 * The first comment that belongs to the statement starting at `start`: after the statement before
 * it (a top-level statement ends with the last token before the next one), on a line below that
 * statement's end — not one trailing it. Found among the file's comments, which are in order,
 * without the token store's cursors (run for every fix and suggestion, in code that is seldom warm).
 */
function leadingComment(statement: TSESTree.ProgramStatement, start: number, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Comment | undefined {
  const statements = sourceCode.ast.body;
  const previous = statements[statements.indexOf(statement) - 1];
  const comments = sourceCode.ast.comments;
  for (let index = firstCommentFrom(comments, previous?.range[1] ?? 0); index < comments.length; index++) {
    const comment = comments[index] as TSESTree.Comment;
    if (comment.range[1] > start) return undefined;
    if (previous === undefined || comment.loc.start.line > previous.loc.end.line) return comment;
  }
  return undefined;
}

/** `@Controller() export class X {}`: the decorators stand before the `export` statement's own range. */
function decoratorsOf(statement: TSESTree.ProgramStatement): readonly TSESTree.Decorator[] {
  const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
  return declaration?.type === AST_NODE_TYPES.ClassDeclaration ? declaration.decorators : [];
}

/** Renames the local's references; a shorthand `{ pool }` keeps its key: `{ pool: sharedPool }`. */
function renameReferences(variable: TSESLint.Scope.Variable, name: string): TextEdit[] {
  return variable.references
    .filter((reference) => !reference.init)
    .map((reference) => {
      const identifier = reference.identifier as TSESTree.Identifier;
      const parent = identifier.parent;
      const shorthand = parent.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier;
      return { range: identifier.range, text: shorthand ? `${identifier.name}: ${name}` : name };
    });
}

/** Teardown statements go; a `finally` they leave empty goes too (see `removeFromFinally`). */
function withTeardownsRemoved(teardowns: readonly TSESTree.ExpressionStatement[], edits: TextEdit[], sourceCode: Readonly<TSESLint.SourceCode>): TextEdit[] {
  const byTry = new Map<TSESTree.TryStatement, TSESTree.Statement[]>();
  let result = edits;
  for (const statement of teardowns) {
    const tryStatement = enclosingFinally(statement);
    if (tryStatement === undefined) result.push(removeStatement(sourceCode, statement));
    else byTry.set(tryStatement, [...(byTry.get(tryStatement) ?? []), statement]);
  }
  for (const [tryStatement, removed] of byTry) {
    const inner = result.filter((edit) => isInRange(edit, tryStatement.block));
    result = [...result.filter((edit) => !inner.includes(edit)), ...removeFromFinally(sourceCode, tryStatement, removed, inner)];
  }
  return result;
}

function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

/**
 * A module-level cache with one client per distinct request-bound value:
 *   function createPoolFor(tenant: string) { return new Pool({ database: tenant }); }
 *   const poolCache = new Map<string, ReturnType<typeof createPoolFor>>();
 *   function poolFor(tenant: string) { …get, or create and set… }
 */
function keyedCacheText(
  plan: HoistPlan,
  sourceCode: Readonly<TSESLint.SourceCode>,
  nameFree: (preferred: string) => string,
  base: string,
  indent: string,
  keyTypes: readonly string[] | undefined,
): string {
  const params = parameterNames(plan, sourceCode);
  const typed = (name: string, index: number) => (keyTypes === undefined ? name : `${name}: ${present(keyTypes[index], 'key type')}`);
  const signature = params.map(typed).join(', ');
  const create = nameFree(`create${capitalise(base)}For`);
  const cache = nameFree(`${base}Cache`);
  // A lone string or number keys the map itself; several values key it by their JSON.
  const [first] = params;
  const firstType = keyTypes?.[0];
  const single = params.length === 1 && first !== undefined && keyTypes !== undefined && firstType !== 'boolean';
  const key = single ? first : `JSON.stringify([${params.join(', ')}])`;
  const keyType = single ? present(firstType, 'key type') : 'string';
  const edits = plan.keyParts.flatMap((part, index) =>
    part.nodes.map((node) => {
      const parent = node.parent;
      const param = present(params[index], 'parameter name');
      const shorthand = parent.type === AST_NODE_TYPES.Property && parent.shorthand;
      return { range: node.range, text: shorthand ? `${sourceCode.getText(parent.key)}: ${param}` : param };
    }),
  );
  const construction = dedent(applyEdits(sourceCode.getText(plan.construction), plan.construction.range[0], edits), indent);
  const get = `${base}For`;
  return [
    `function ${create}(${signature}) {`,
    `  return ${indentLines(construction, '  ')};`,
    `}`,
    `const ${cache} = new Map${keyTypes === undefined ? '' : `<${keyType}, ReturnType<typeof ${create}>>`}();`,
    `/** One ${base} per distinct ${params.join(' and ')}, shared by every caller that asks for it. */`,
    `function ${get}(${signature}) {`,
    `  let ${base} = ${cache}.get(${key});`,
    `  if (${base} === undefined) {`,
    `    ${base} = ${create}(${params.join(', ')});`,
    `    ${cache}.set(${key}, ${base});`,
    `  }`,
    `  return ${base};`,
    `}`,
  ].join('\n');
}

/** The handler reads its client from the cache: `const pool = poolFor(req.params.tenant)`. */
function useKeyedCache(plan: HoistPlan, sourceCode: Readonly<TSESLint.SourceCode>, get: string): TextEdit[] {
  return [{ range: plan.construction.range, text: `${get}(${plan.keyParts.map((part) => part.text).join(', ')})` }];
}

/** `req.params.tenant` → `tenant`; names differ from each other and from what the construction reads. */
function parameterNames(plan: HoistPlan, sourceCode: Readonly<TSESLint.SourceCode>): string[] {
  // Names the construction reads besides the parts themselves must stay visible inside the factory.
  const parts = plan.keyParts.flatMap((part) => part.nodes);
  const read = new Set(
    scopeManagerOf(sourceCode).scopes
      .flatMap((scope) => scope.references)
      .map((reference) => reference.identifier as TSESTree.Node)
      .filter((identifier) => isInRange(identifier, plan.construction) && !parts.some((part) => isInRange(identifier, part)))
      .map((identifier) => (identifier as TSESTree.Identifier).name),
  );
  const names: string[] = [];
  for (const part of plan.keyParts) {
    const last = present(part.nodes[0], 'key part');
    const raw = last.type === AST_NODE_TYPES.MemberExpression ? sourceCode.getText(last.property) : sourceCode.getText(last);
    let name = raw.replace(/[^\w$]+(.)?/gu, (_, next: string | undefined) => (next ?? '').toUpperCase()).replace(/^\d/u, '_$&') || 'key';
    while (names.includes(name) || read.has(name)) name = `${name}Key`;
    names.push(name);
  }
  return names;
}

/** `client.connect()` in `await client.connect();`. */
function connectCall(statement: TSESTree.ExpressionStatement): TSESTree.CallExpression {
  const expression = statement.expression.type === AST_NODE_TYPES.AwaitExpression ? statement.expression.argument : statement.expression;
  return expression as TSESTree.CallExpression;
}

/**
 * A function that starts something once and shares the promise; a rejected attempt is forgotten,
 * so a server that was down at start-up is tried again by the next caller.
 */
function memoisedPromise(
  { name, memo, start, memoType, typescript }: { name: string; memo: string; start: string; memoType: string; typescript: boolean },
  doc: string,
): string[] {
  return [
    `let ${memo}${typescript ? `: ${memoType} | undefined` : ''};`,
    `/** ${doc} */`,
    `function ${name}() {`,
    `  ${memo} ??= ${start}.catch((error${typescript ? ': unknown' : ''}) => {`,
    `    ${memo} = undefined;`,
    `    throw error;`,
    `  });`,
    `  return ${memo};`,
    `}`,
  ];
}
