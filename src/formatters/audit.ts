/**
 * The audit formatter: `eslint -f ./node_modules/eslint-plugin-connection-reuse/dist/formatters/audit.js`.
 *
 * Instead of one line per finding it prints one row per (rule, library, context) with the number of
 * findings and of files, then the files with the most findings, then what was not part of the audit
 * (other rules' findings, files that could not be parsed).
 *
 * ESLint hands a formatter the messages' text, `ruleId` and `messageId`, not the data the rule filled
 * its message template with. {@link parseFinding} gets that data back by matching the text against the
 * rule's own template for that `messageId` (`meta.messages`), so the library and the context are the
 * rule's `{{package}}`, `{{every}}` and `{{loop}}`, not guesses. A message that matches no template
 * (another version of the plugin, a message without `messageId`) falls back to reading the library
 * from the first "`…` (library)" in the text.
 */
import { rules } from '../rules/index.js';

/** The parts of an ESLint lint message the formatter reads. */
export interface AuditMessage {
  readonly ruleId: string | null;
  readonly messageId?: string | undefined;
  readonly message: string;
  readonly fatal?: boolean | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** The parts of an ESLint lint result the formatter reads. */
export interface AuditResult {
  readonly filePath: string;
  readonly messages: readonly AuditMessage[];
}

/** The parts of ESLint's formatter context the formatter reads. */
export interface AuditContext {
  readonly cwd?: string;
}

export interface Finding {
  /** The rule's name without the plugin prefix, e.g. `no-client-in-handler`. */
  readonly rule: string;
  /** The package that builds the client, e.g. `pg`; `?` when the message names none. */
  readonly library: string;
  /** What repeats the construction: `request to this Express route`, `for…of loop`, `agent: false`, … */
  readonly context: string;
}

const PREFIX = 'connection-reuse/';
const UNKNOWN = '?';

/** require-keep-alive reports kinds of configuration, not repeated code: one label per message. */
const KEEP_ALIVE_CONTEXT: Readonly<Record<string, string>> = {
  agentWithoutKeepAlive: 'agent without keepAlive',
  agentKeepAliveOff: 'agent with keepAlive off',
  requestAgentFalse: 'request with agent: false',
  connectionClose: 'Connection: close header',
  proxyWithoutAgent: 'proxy without an agent',
  proxyAgentOff: 'proxy with a falsy agent',
};

const templates = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * The rule's message template as a regular expression with one named group per placeholder
 * (a placeholder used twice must match the same text twice).
 */
export function templatePattern(template: string): RegExp {
  let source = '';
  let last = 0;
  const seen = new Set<string>();
  for (const match of template.matchAll(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/gu)) {
    const name = match[1] as string;
    source += escapeRegExp(template.slice(last, match.index));
    source += seen.has(name) ? `\\k<${name}>` : `(?<${name}>.*?)`;
    seen.add(name);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(template.slice(last));
  return new RegExp(`^${source}$`, 'su');
}

function templateOf(rule: string, messageId: string): RegExp | undefined {
  const key = `${rule}\0${messageId}`;
  let pattern = templates.get(key);
  if (pattern === undefined) {
    const messages = (rules as Record<string, { meta: { messages: Record<string, string> } } | undefined>)[rule]?.meta.messages;
    const template = messages !== undefined && Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
    if (template === undefined) return undefined;
    pattern = templatePattern(template);
    templates.set(key, pattern);
  }
  return pattern;
}

/** The first "`…` (library)" of a message: how every report of this plugin names the client's package. */
function libraryInText(text: string): string | undefined {
  return /` \(([^\s()]+)\)/u.exec(text)?.[1];
}

function contextInText(rule: string, text: string): string | undefined {
  const where =
    rule === 'no-client-in-loop'
      ? /on every iteration of this (.+?)(?:, so |; )/su.exec(text)?.[1]
      : rule === 'no-client-in-handler'
        ? /(?:runs|connects) on every (?!call\b)(.+?)(?:, so |; )/su.exec(text)?.[1]
        : undefined;
  if (where === undefined) return undefined;
  // "`c` (pkg) connects on every …", "`f()` connects the shared client with `c` (pkg) on every call …".
  const connects = /\bconnects\b/u.test(text.split(' on every ')[0] ?? '');
  return connects ? `${where} (connects)` : where;
}

/**
 * The rule, library and context of one message of this plugin; `undefined` for other rules' messages
 * and parse errors.
 */
export function parseFinding(message: Pick<AuditMessage, 'ruleId' | 'messageId' | 'message'>): Finding | undefined {
  if (message.ruleId === null || !message.ruleId.startsWith(PREFIX)) return undefined;
  const rule = message.ruleId.slice(PREFIX.length);
  const groups = message.messageId === undefined ? undefined : templateOf(rule, message.messageId)?.exec(message.message)?.groups;
  const library = groups?.package ?? libraryInText(message.message) ?? UNKNOWN;
  let context: string | undefined;
  if (rule === 'require-keep-alive') {
    context = message.messageId === undefined ? undefined : KEEP_ALIVE_CONTEXT[message.messageId];
  } else if (groups !== undefined) {
    const connects = /connect/iu.test(message.messageId ?? '');
    const where = rule === 'no-client-in-loop' ? groups.loop : groups.every;
    if (where !== undefined) context = connects ? `${where} (connects)` : where;
  }
  context ??= contextInText(rule, message.message) ?? UNKNOWN;
  return { rule, library, context };
}

interface Row {
  readonly finding: Finding;
  count: number;
  readonly files: Set<string>;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number>): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function relative(filePath: string, cwd: string | undefined): string {
  if (cwd === undefined) return filePath;
  const base = cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : `${cwd}${filePath.includes('\\') ? '\\' : '/'}`;
  return (filePath.startsWith(base) ? filePath.slice(base.length) : filePath).replace(/\\/gu, '/');
}

const MAX_FILES = 10;

/** Code-point order, the same on every machine (not the locale's). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups this plugin's findings by rule, library and context, with counts. */
export default function auditFormatter(results: readonly AuditResult[], context?: AuditContext): string {
  const ruleOrder = Object.keys(rules);
  const rows = new Map<string, Row>();
  const perFile = new Map<string, number>();
  const libraries = new Map<string, number>();
  const others = new Map<string, number>();
  const unparsed: string[] = [];
  let total = 0;

  for (const result of results) {
    const file = relative(result.filePath, context?.cwd);
    for (const message of result.messages) {
      if (message.fatal === true || message.ruleId === null) {
        unparsed.push(`${file}:${message.line ?? 0}:${message.column ?? 0}  ${message.message}`);
        continue;
      }
      const finding = parseFinding(message);
      if (finding === undefined) {
        others.set(message.ruleId, (others.get(message.ruleId) ?? 0) + 1);
        continue;
      }
      total += 1;
      const key = `${finding.rule}\0${finding.library}\0${finding.context}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { finding, count: 0, files: new Set() };
        rows.set(key, row);
      }
      row.count += 1;
      row.files.add(file);
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
      libraries.set(finding.library, (libraries.get(finding.library) ?? 0) + 1);
    }
  }

  const out: string[] = [];
  out.push(`connection-reuse audit: ${plural(total, 'finding')} in ${plural(perFile.size, 'file')} (${plural(results.length, 'file')} linted)`);

  if (total > 0) {
    const rank = (rule: string): number => {
      const index = ruleOrder.indexOf(rule);
      return index === -1 ? ruleOrder.length : index;
    };
    // Per rule, the libraries with the most findings first, and each library's contexts together.
    const libraryTotal = new Map<string, number>();
    for (const row of rows.values()) {
      const key = `${row.finding.rule}\0${row.finding.library}`;
      libraryTotal.set(key, (libraryTotal.get(key) ?? 0) + row.count);
    }
    const totalOf = (finding: Finding): number => libraryTotal.get(`${finding.rule}\0${finding.library}`) ?? 0;
    const sorted = [...rows.values()].sort(
      (a, b) =>
        rank(a.finding.rule) - rank(b.finding.rule) ||
        compare(a.finding.rule, b.finding.rule) ||
        totalOf(b.finding) - totalOf(a.finding) ||
        compare(a.finding.library, b.finding.library) ||
        b.count - a.count ||
        compare(a.finding.context, b.finding.context),
    );
    out.push('');
    out.push(
      ...table(
        ['rule', 'library', 'context', 'findings', 'files'],
        sorted.map((row) => [row.finding.rule, row.finding.library, row.finding.context, String(row.count), String(row.files.size)]),
        new Set([3, 4]),
      ),
    );
    const byLibrary = [...libraries].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    out.push('');
    out.push(`By library: ${byLibrary.map(([library, count]) => `${library} ${count}`).join(', ')}`);

    const files = [...perFile].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    out.push('');
    out.push(files.length > MAX_FILES ? `Files with the most findings (${MAX_FILES} of ${files.length}):` : 'Files:');
    const shown = files.slice(0, MAX_FILES);
    const width = Math.max(...shown.map(([file]) => file.length));
    for (const [file, count] of shown) out.push(`  ${file.padEnd(width)}  ${String(count).padStart(3)}`);
  }

  if (others.size > 0) {
    const count = [...others.values()].reduce((sum, n) => sum + n, 0);
    const list = [...others].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([rule, n]) => `${rule} ${n}`);
    out.push('');
    out.push(`Not part of the audit: ${plural(count, 'finding')} of other rules (${list.join(', ')}).`);
  }
  if (unparsed.length > 0) {
    out.push('');
    out.push(`Not audited: ${plural(unparsed.length, 'file')} could not be parsed:`);
    for (const line of unparsed) out.push(`  ${line}`);
  }
  return `${out.join('\n')}\n`;
}
