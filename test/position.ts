/**
 * The exact range a report must cover: the `occurrence`-th appearance of `snippet` in `code`,
 * as 1-based line and column numbers like ESLint's.
 */
export function rangeOf(code: string, snippet: string, occurrence = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`\`${snippet}\` occurs fewer than ${occurrence} times in:\n${code}`);
  }
  const start = position(code, index);
  const end = position(code, index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function position(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}
