import { AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { present } from '../util/present.js';

type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Token = TSESTree.Token;

/**
 * Adds `text` (a `key: value` property) as the last property of an object literal, in the
 * literal's own layout: on the same line for a one-line literal, on a new line with the last
 * property's indentation for a multi-line one, keeping (or not adding) a trailing comma.
 */
export function addProperty(fixer: Fixer, sourceCode: SourceCode, literal: TSESTree.ObjectExpression, text: string): TSESLint.RuleFix[] {
  const last = literal.properties.at(-1);
  const closing = present(sourceCode.getLastToken(literal), 'closing brace');
  if (last === undefined) {
    if (sourceCode.getCommentsInside(literal).length === 0) return [fixer.replaceText(literal, `{ ${text} }`)];
    return [fixer.insertTextAfter(present(sourceCode.getFirstToken(literal), 'opening brace'), ` ${text},`)];
  }
  const after = present(sourceCode.getTokenAfter(last), 'token after the last property');
  const trailingComma = isCommaToken(after) ? after : undefined;
  if (last.loc.end.line === closing.loc.start.line) {
    return [trailingComma ? fixer.insertTextAfter(trailingComma, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`)];
  }
  const indent = /^\s*/u.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')?.[0] ?? '';
  let anchor: Token | TSESTree.Node = trailingComma ?? last;
  // Keep a comment at the end of the last property's line with that property.
  for (let next = sourceCode.getTokenAfter(anchor, { includeComments: true }); next !== null && isComment(next) && next.loc.start.line === anchor.loc.end.line; next = sourceCode.getTokenAfter(next, { includeComments: true }))
    anchor = next;
  if (trailingComma !== undefined) return [fixer.insertTextAfter(anchor, `\n${indent}${text},`)];
  if (anchor === last) return [fixer.insertTextAfter(last, `,\n${indent}${text}`)];
  return [fixer.insertTextAfter(last, ','), fixer.insertTextAfter(anchor, `\n${indent}${text}`)];
}

/** Removes a property with its comma, and its whole line when it stands on a line of its own. */
export function removeProperty(fixer: Fixer, sourceCode: SourceCode, property: TSESTree.Property, literal: TSESTree.ObjectExpression): TSESLint.RuleFix {
  if (literal.properties.length === 1 && sourceCode.getCommentsInside(literal).length === 0) return fixer.replaceText(literal, '{}');
  const before = present(sourceCode.getTokenBefore(property), 'token before the property');
  const after = present(sourceCode.getTokenAfter(property), 'token after the property');
  const comma = isCommaToken(after) ? after : undefined;
  const end = comma ?? property;
  const next = present(sourceCode.getTokenAfter(end, { includeComments: true }), 'token after the property');
  const nextCode = present(sourceCode.getTokenAfter(end), 'token after the property');
  const ownLine = before.loc.end.line < property.loc.start.line && nextCode.loc.start.line > end.loc.end.line;
  if (ownLine) {
    const start = sourceCode.getIndexFromLoc({ line: property.loc.start.line, column: 0 });
    const stop = sourceCode.getIndexFromLoc({ line: nextCode.loc.start.line, column: 0 });
    // Comments on the lines in between stay.
    const firstComment = sourceCode.getTokenAfter(end, { includeComments: true });
    const lineEnd = firstComment !== null && isComment(firstComment) && firstComment.loc.start.line === end.loc.end.line ? firstComment : end;
    const endOfLine = sourceCode.getIndexFromLoc({ line: lineEnd.loc.end.line + 1, column: 0 });
    return fixer.removeRange([start, Math.min(stop, endOfLine)]);
  }
  if (comma !== undefined) return fixer.removeRange([property.range[0], next.range[0]]);
  if (isCommaToken(before)) return fixer.removeRange([before.range[0], property.range[1]]);
  return fixer.remove(property);
}

/** Sets a property's value, expanding a shorthand `{ keepAlive }` to `{ keepAlive: true }`. */
export function replacePropertyValue(fixer: Fixer, property: TSESTree.Property, value: string): TSESLint.RuleFix {
  if (property.shorthand) return fixer.insertTextAfter(property.key, `: ${value}`);
  return fixer.replaceText(property.value, value);
}

/** Gives a call or `new` without arguments its first argument: `new Agent()` / `new Agent` → `new Agent(text)`. */
export function addFirstArgument(fixer: Fixer, sourceCode: SourceCode, node: TSESTree.NewExpression | TSESTree.CallExpression, text: string): TSESLint.RuleFix {
  const [open, close] = sourceCode.getLastTokens(node, 2);
  if (open?.value === '(' && close?.value === ')' && open.range[0] >= node.callee.range[1] && node.arguments.length === 0)
    return fixer.insertTextAfter(open, text);
  return fixer.insertTextAfter(node, `(${text})`);
}

function isComment(token: Token | null): token is TSESTree.Comment {
  return token?.type === AST_TOKEN_TYPES.Line || token?.type === AST_TOKEN_TYPES.Block;
}

function isCommaToken(token: Token | null): token is TSESTree.PunctuatorToken {
  return token?.type === AST_TOKEN_TYPES.Punctuator && token.value === ',';
}
