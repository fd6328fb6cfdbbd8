/*
 * Small builders of the code model's values, so recognizers read like the code they write:
 * `call('Port.tcp', 8080)`, `object([['profile', 'standard']])`, `ref('Port.HTTPS')`.
 */
import type { CodeCall, CodeObject, CodeRef, CodeStatement, CodeValue } from '../code-model';

/** `<callee>(<args>)`. */
export function call(callee: string, ...args: CodeValue[]): CodeCall {
  return { kind: 'call', callee, args };
}

/** A reference to a binding or a static member of the public API (`Port.HTTPS`). */
export function ref(name: string): CodeRef {
  return { kind: 'ref', name };
}

/** An object literal; entries whose value is `undefined` are left out. */
export function object(entries: readonly (readonly [string, CodeValue | undefined])[]): CodeObject {
  return { kind: 'object', entries: entries.filter((e): e is readonly [string, CodeValue] => e[1] !== undefined) };
}

/** A record of strings (labels) as an object literal, keys sorted. */
export function labels(record: Readonly<Record<string, string>>): CodeObject {
  return object(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** `[const <binding> =] new <construct>(cluster, '<id>'[, <props>]);` */
export function newConstruct(construct: string, id: string, props?: CodeObject, binding?: string): CodeStatement {
  const withProps = props !== undefined && props.entries.length > 0;
  return { kind: 'new', construct, scope: 'cluster', id, ...(withProps ? { props } : {}), ...(binding !== undefined ? { binding } : {}) };
}

/** `<target>.<method>(<args>);` */
export function method(target: string, name: string, ...args: CodeValue[]): CodeStatement {
  return { kind: 'method', target, method: name, args };
}

/**
 * A canonical string of a code value, for comparing two values (the same code prints the same).
 *
 * @param value any code value
 */
export function codeKey(value: CodeValue | undefined): string {
  return JSON.stringify(value) ?? 'undefined';
}
