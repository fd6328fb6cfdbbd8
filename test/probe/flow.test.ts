import { describe, expect, test } from 'vitest';
import { parsePeerRef, parsePort } from '../../src/probe/flow';

describe('parsePort', () => {
  test.each([
    [80, 80], ['80', 80], [1, 1], [65535, 65535],
    [0, undefined], [65536, undefined], ['0x50', undefined], [' 80', undefined], ['http', undefined], [80.5, undefined], [null, undefined], [undefined, undefined],
  ])('reads %j as %j', (value, port) => {
    expect(parsePort(value)).toBe(port);
  });
});

describe('parsePeerRef', () => {
  test.each([
    ['x/a', { kind: 'pod', namespace: 'x', pod: 'a' }],
    ['external:github', { kind: 'external', name: 'github' }],
    ['entity:remote-node', { kind: 'entity', name: 'remote-node' }],
  ])('reads %s', (text, ref) => {
    expect(parsePeerRef(text)).toEqual(ref);
  });

  test.each([
    ['external:', '"external:" names no external; write external:<name>'],
    ['entity:world', '"entity:world" is not a known entity; use one of entity:host, entity:remote-node'],
    ['x/a/b', '"x/a/b" is not a peer; write ns/pod, external:<name> or entity:<name>'],
  ])('fails when the peer is %s', (text, message) => {
    expect(parsePeerRef(text)).toContain(message);
  });
});
