import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { present } from '../util/present.js';

/** A replacement of `range` in the source by `text`. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Applies non-overlapping edits to `text`, whose first character sits at `offset` in the file. */
export function applyEdits(text: string, offset: number, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0]))
    result = result.slice(0, edit.range[0] - offset) + edit.text + result.slice(edit.range[1] - offset);
  return result;
}

/** The offset where the line holding `index` starts. */
export function lineStart(sourceCode: Readonly<TSESLint.SourceCode>, index: number): number {
  return sourceCode.text.lastIndexOf('\n', index - 1) + 1;
}

/** The whitespace a line starts with. */
export function indentationAt(sourceCode: Readonly<TSESLint.SourceCode>, index: number): string {
  const start = lineStart(sourceCode, index);
  return /^[ \t]*/u.exec(sourceCode.text.slice(start))?.[0] ?? '';
}

/**
 * Deletes a statement; when it stands alone on its lines, the whole lines go (indentation and line
 * break), so no blank line is left where it was.
 */
export function removeStatement(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): TextEdit {
  const text = sourceCode.text;
  // The whole body of a loop or `if` (`for (…) stmt;`) must leave a statement behind.
  if (!isInStatementList(statement)) return { range: statement.range, text: '{}' };
  const start = lineStart(sourceCode, statement.range[0]);
  const lineEnd = text.indexOf('\n', statement.range[1]);
  const end = lineEnd === -1 ? text.length : lineEnd;
  const aloneOnLines = text.slice(start, statement.range[0]).trim() === '' && text.slice(statement.range[1], end).trim() === '';
  if (aloneOnLines) return { range: [start, Math.min(end + 1, text.length)], text: '' };
  // Sharing a line with other code: take the spaces after it too, so none pile up.
  const spaces = (/^[ \t]*/u.exec(text.slice(statement.range[1], end))?.[0] ?? '').length;
  return { range: [statement.range[0], statement.range[1] + spaces], text: '' };
}

/** Removes `indent` from the start of every line after the first. */
export function dedent(text: string, indent: string): string {
  if (indent === '') return text;
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/**
 * Removes teardown statements from a `finally` block. A block left empty goes with its `finally`;
 * a `try` left with neither `catch` nor `finally` is unwrapped into its enclosing block (its own
 * statements, with `inner` edits inside them applied, dedented one level).
 */
export function removeFromFinally(
  sourceCode: Readonly<TSESLint.SourceCode>,
  tryStatement: TSESTree.TryStatement,
  removed: readonly TSESTree.Statement[],
  inner: readonly TextEdit[],
): TextEdit[] {
  const finalizer = present(tryStatement.finalizer, 'finally block');
  const left = finalizer.body.filter((statement) => !removed.includes(statement));
  const commented = hasCommentInside(finalizer, sourceCode);
  if (left.length > 0 || commented) return [...removed.map((statement) => removeStatement(sourceCode, statement)), ...inner];
  if (tryStatement.handler !== null) return [{ range: [tryStatement.handler.range[1], finalizer.range[1]], text: '' }, ...inner];
  const block = tryStatement.block;
  const first = block.body[0];
  if (first === undefined) return [removeStatement(sourceCode, tryStatement)];
  // Names declared in the try block would join the enclosing block's: if one is seen there already, keep a block.
  if (namesWouldClash(block, sourceCode)) return [{ range: tryStatement.range, text: applyEdits(sourceCode.getText(block), block.range[0], inner) }];
  const from = lineStart(sourceCode, first.range[0]);
  // Up to the closing brace, so a comment after the last statement stays.
  const body = applyEdits(sourceCode.text.slice(from, block.range[1] - 1), from, inner).trimEnd();
  const outer = indentationAt(sourceCode, tryStatement.range[0]);
  const level = indentationAt(sourceCode, first.range[0]).slice(outer.length);
  const unwrapped = body
    .split('\n')
    .map((line) => (line.startsWith(outer + level) ? outer + line.slice(outer.length + level.length) : line))
    .join('\n')
    .trimStart();
  return [{ range: tryStatement.range, text: unwrapped }];
}

/** The index of the first comment starting at or after `offset` (a binary search). */
export function firstCommentFrom(comments: readonly TSESTree.Comment[], offset: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((comments[middle] as TSESTree.Comment).range[0] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether a comment stands inside the node (found among the file's comments, without the token store's cursors). */
function hasCommentInside(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const comments = sourceCode.ast.comments;
  const first = comments[firstCommentFrom(comments, node.range[0])];
  return first !== undefined && first.range[1] <= node.range[1];
}

export function isInRange(node: { range: readonly [number, number] }, outer: { range: readonly [number, number] }): boolean {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}

export function enclosingFinally(statement: TSESTree.Node): TSESTree.TryStatement | undefined {
  const block = statement.parent;
  const tryStatement = block?.parent;
  return tryStatement?.type === AST_NODE_TYPES.TryStatement && tryStatement.finalizer === block ? tryStatement : undefined;
}

function isInStatementList(statement: TSESTree.Node): boolean {
  const parent = statement.parent;
  return parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.SwitchCase || parent?.type === AST_NODE_TYPES.StaticBlock;
}

/** A name the block declares that the enclosing code also declares or reads (shadowing, or a redeclaration). */
function namesWouldClash(block: TSESTree.BlockStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const scope = sourceCode.scopeManager?.acquire(block);
  const outer = scope?.upper;
  if (scope == null || outer == null) return true;
  return scope.variables.some(({ name }) => {
    for (let current: typeof outer | null = outer; current !== null; current = current.upper) if (current.set.has(name)) return true;
    return outer.references.some((reference) => reference.identifier.name === name) || outer.through.some((reference) => reference.identifier.name === name);
  });
}
