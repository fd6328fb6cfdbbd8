/*
 * The printer of `netpol import`: the code model (src/import/code-model.ts) as the TypeScript a
 * person would write from the README. Formatted as this repository is: 2-space indent, single
 * quotes, trailing commas on broken lists, lines kept under `MAX_LINE` where a break can help
 * (a long string literal stays on its line). Pure: text in, text out, byte-identical every run.
 */
import { compareText } from '../model/compare';
import * as api from '../public';
import type { CodeStatement, CodeValue, ImportItem } from './code-model';

/** The line length the printer breaks lines to stay under. */
export const MAX_LINE = 120;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A string as a single-quoted TypeScript literal: backslashes, quotes, line breaks, control
 * and line-separator characters escaped, everything else as written.
 *
 * @param text any text
 */
export function quote(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** An object key: bare when an identifier, quoted otherwise; `__proto__` computed, so it stays an own key. */
function printKey(key: string): string {
  if (key === '__proto__') return `['__proto__']`;
  return IDENTIFIER.test(key) ? key : quote(key);
}

function isObject(value: CodeValue): value is Extract<CodeValue, { kind: 'object' }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { kind?: string }).kind === 'object';
}

function isCall(value: CodeValue): value is Extract<CodeValue, { kind: 'call' }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { kind?: string }).kind === 'call';
}

/** The value on one line. */
function flat(value: CodeValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  if (isObject(value)) {
    return value.entries.length === 0 ? '{}' : `{ ${value.entries.map(([k, v]) => `${printKey(k)}: ${flat(v)}`).join(', ')} }`;
  }
  if (isCall(value)) return `${value.callee}(${value.args.map(flat).join(', ')})`;
  return (value as { name: string }).name;
}

function pad(level: number): string {
  return '  '.repeat(level);
}

/**
 * A value printed at `level` (2 spaces each) after `used` characters of its first line and before
 * `tail` characters that follow it on its last line: on one line when it fits, else broken, each
 * entry on its own line with a trailing comma.
 */
function printAt(value: CodeValue, level: number, used: number, tail: number): string {
  const one = flat(value);
  if (used + one.length + tail <= MAX_LINE || !isBreakable(value)) return one;
  const inner = pad(level + 1);
  const close = pad(level);
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${printAt(v, level + 1, inner.length, 1)},\n`).join('')}${close}]`;
  }
  if (isObject(value)) {
    return `{\n${value.entries.map(([k, v]) => {
      const head = `${inner}${printKey(k)}: `;
      return `${head}${printAt(v, level + 1, head.length, 1)},\n`;
    }).join('')}${close}}`;
  }
  const call = value as Extract<CodeValue, { kind: 'call' }>;
  return `${call.callee}(${printArgs(call.args, level, used + call.callee.length + 1, tail + 1)})`;
}

/** Whether breaking the value can shorten its line. */
function isBreakable(value: CodeValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return value.entries.length > 0;
  return isCall(value) && value.args.length > 0;
}

/**
 * The arguments of a call (without the parentheses): on one line when they fit; else, when only
 * the last is long and is an object or list, the others on the line and the last broken in place
 * (`Port.any({` ... `})`); else one argument per line.
 */
function printArgs(args: readonly CodeValue[], level: number, used: number, tail: number): string {
  const one = args.map(flat).join(', ');
  if (used + one.length + tail <= MAX_LINE) return one;
  const last = args[args.length - 1];
  const head = args.slice(0, -1).map(flat);
  const prefix = head.length > 0 ? `${head.join(', ')}, ` : '';
  if ((Array.isArray(last) || isObject(last)) && isBreakable(last) && used + prefix.length + 1 <= MAX_LINE) {
    return `${prefix}${printAt(last, level, MAX_LINE, tail)}`;
  }
  const inner = pad(level + 1);
  return `\n${args.map((a) => `${inner}${printAt(a, level + 1, inner.length, 1)},\n`).join('')}${pad(level)}`;
}

/**
 * One statement at `level`, ending with `;` (no line break after it).
 *
 * @param statement the statement
 * @param level the indent level (2 spaces each)
 * @param bind whether to keep the statement's binding (`const x = `); an unused one would fail
 *   `noUnusedLocals`
 */
export function printStatement(statement: CodeStatement, level: number, bind = true): string {
  const binding = bind && statement.kind !== 'method' && statement.binding !== undefined ? `const ${statement.binding} = ` : '';
  let head: string;
  let args: readonly CodeValue[];
  if (statement.kind === 'new') {
    head = `new ${statement.construct}`;
    args = [{ kind: 'ref', name: statement.scope }, statement.id, ...(statement.props === undefined ? [] : [statement.props])];
  } else if (statement.kind === 'call') {
    head = statement.callee;
    args = statement.args;
  } else {
    head = `${statement.target}.${statement.method}`;
    args = statement.args;
  }
  const start = `${pad(level)}${binding}${head}(`;
  return `${start}${printArgs(args, level, start.length, 2)});`;
}

/** A comment, one `//` line per line of text. */
export function printComment(text: string, level: number): string {
  return text.split('\n').map((line) => `${pad(level)}//${line === '' ? '' : ` ${line}`}`).join('\n');
}

/**
 * Whether a reference names the public API (`Port.HTTPS`, `Renderer.KUBERNETES`) rather than a
 * variable: its first part is an export of `src/public.ts`.
 *
 * @param name the reference
 */
export function isApiName(name: string): boolean {
  return Object.hasOwn(api, name.split('.')[0]);
}

/**
 * A value printed at `level` after `used` characters of its line (see the module comment).
 *
 * @param value the value
 * @param level the indent level (2 spaces each) of the line it starts on
 * @param used how many characters of that line precede it
 */
export function printValue(value: CodeValue, level: number, used: number): string {
  return printAt(value, level, used, 1);
}

/** The names of the public API some values use: the first part of every callee and API reference. */
export function valueApiNames(values: readonly CodeValue[]): string[] {
  const names = new Set<string>();
  const visit = (value: CodeValue): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) value.entries.forEach(([, v]) => visit(v));
    else if (isCall(value)) {
      names.add(value.callee.split('.')[0]);
      value.args.forEach(visit);
    } else if (typeof value === 'object' && value !== null && (value as { kind?: string }).kind === 'ref') {
      const name = (value as { name: string }).name;
      if (isApiName(name)) names.add(name.split('.')[0]);
    }
  };
  values.forEach(visit);
  return [...names].sort(compareText);
}

/** The names of the public API a file uses: constructs, the first part of every callee, and API references. */
export function apiNames(items: readonly ImportItem[]): string[] {
  const names = new Set<string>();
  const visit = (value: CodeValue): void => {
    for (const name of valueApiNames([value])) names.add(name);
  };
  for (const item of items) {
    for (const statement of item.statements) {
      if (statement.kind === 'new') {
        names.add(statement.construct);
        if (statement.props !== undefined) visit(statement.props);
      } else {
        if (statement.kind === 'call') names.add(statement.callee.split('.')[0]);
        statement.args.forEach(visit);
      }
    }
  }
  return [...names].sort(compareText);
}

/** The references a statement makes (`ref` values, the scope of `new`, the target of a method). */
export function references(statement: CodeStatement): string[] {
  const found: string[] = [];
  const visit = (value: CodeValue): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) value.entries.forEach(([, v]) => visit(v));
    else if (isCall(value)) value.args.forEach(visit);
    else if (typeof value === 'object' && value !== null && (value as { kind?: string }).kind === 'ref') found.push((value as { name: string }).name);
  };
  if (statement.kind === 'new') {
    found.push(statement.scope);
    if (statement.props !== undefined) visit(statement.props);
  } else {
    if (statement.kind === 'method') found.push(statement.target);
    statement.args.forEach(visit);
  }
  return found;
}

/**
 * The body of one generated file's function: the items in order, a blank line between items,
 * each item's comment above its statements. Bindings nothing refers to are dropped.
 *
 * @param items the items of the file
 * @param scope the variable every statement may refer to besides the file's own bindings
 * @throws Error when a statement refers to a binding the file does not make (items must keep
 *   their references inside their file)
 */
export function printBody(items: readonly ImportItem[], scope: string): string {
  const statements = items.flatMap((item) => item.statements);
  const used = new Set(statements.flatMap(references));
  const bound = new Set([scope]);
  const blocks: string[] = [];
  for (const item of items) {
    const lines: string[] = [];
    if (item.comment !== undefined && item.comment !== '') lines.push(printComment(item.comment, 1));
    for (const statement of item.statements) {
      for (const name of references(statement)) {
        if (!bound.has(name) && !isApiName(name)) throw new Error(`Generated code of ${item.file} refers to "${name}", which no earlier statement of the file binds.`);
      }
      lines.push(printStatement(statement, 1, statement.kind !== 'method' && statement.binding !== undefined && used.has(statement.binding)));
      if (statement.kind !== 'method' && statement.binding !== undefined) bound.add(statement.binding);
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

/**
 * The name of a generated file's function: `define` and the file's last part in PascalCase
 * (`namespaces/kube-system` gives `defineKubeSystem`).
 *
 * @param file the file, e.g. `cluster` or `namespaces/media`
 */
export function functionName(file: string): string {
  const last = file.split('/').pop() ?? file;
  const words = last.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return `define${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
}

/**
 * One generated module: the imports of the public API it uses, and one exported function that
 * adds the items to a cluster.
 *
 * @param items the items of the file, in order
 * @param name the function's name (see `functionName`)
 * @param doc the function's JSDoc sentence
 * @param packageName where the public API is imported from
 */
export function printModule(items: readonly ImportItem[], name: string, doc: string, packageName: string): string {
  const names = apiNames(items).filter((n) => n !== 'NetpolCluster');
  const imports = [...names, 'type NetpolCluster'].sort((a, b) => compareText(bare(a), bare(b)));
  const importLine = `import { ${imports.join(', ')} } from ${quote(packageName)};`;
  const body = printBody(items, 'cluster');
  return [
    importLine.length <= MAX_LINE ? importLine : `import {\n${imports.map((n) => `  ${n},\n`).join('')}} from ${quote(packageName)};`,
    '',
    `/** ${doc} */`,
    `export function ${name}(cluster: NetpolCluster): void {`,
    body,
    '}',
    '',
  ].join('\n');
}

function bare(name: string): string {
  return name.replace(/^type /, '');
}
