import { describe, expect, test } from 'vitest';
import { collectPolicyPorts } from '../../src/flows/policy-ports';
import { formatPort } from '../../src/flows/port-protocol';
import { cnp, np, toPorts } from './builders';

describe('collectPolicyPorts', () => {
  test.each([
    ['NetworkPolicy port without protocol is TCP', np('a', 'p', { ingress: [{ ports: [{ port: 80 }] }] }), ['80/TCP']],
    ['NetworkPolicy UDP port', np('a', 'p', { egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }), ['53/UDP']],
    ['NetworkPolicy range names both ends and the port after', np('a', 'p', { egress: [{ ports: [{ port: 3000, endPort: 3005 }] }] }), ['3000/TCP', '3005/TCP', '3006/TCP']],
    ['NetworkPolicy named port names no number', np('a', 'p', { ingress: [{ ports: [{ port: 'http' }] }] }), []],
    ['Cilium port without protocol is TCP and UDP', cnp('a', 'p', { egress: [{ toPorts: toPorts({ port: '53' }) }] }), ['53/TCP', '53/UDP']],
    ['Cilium ANY is TCP and UDP', cnp('a', 'p', { ingress: [{ toPorts: toPorts({ port: '9090', protocol: 'ANY' }) }] }), ['9090/TCP', '9090/UDP']],
    ['Cilium port 0 means every port', cnp('a', 'p', { ingress: [{ toPorts: toPorts({ port: '0', protocol: 'TCP' }) }] }), []],
    ['Cilium deny sections count', cnp('a', 'p', { egressDeny: [{ toPorts: toPorts({ port: '25', protocol: 'TCP' }) }] }), ['25/TCP']],
    ['Cilium specs list', { ...cnp('a', 'p', {}), object: { ...cnp('a', 'p', {}).object, specs: [{ ingress: [{ toPorts: toPorts({ port: '22', protocol: 'SCTP' }) }] }] } }, ['22/SCTP']],
  ])('%s', (_name, manifest, expected) => {
    expect(collectPolicyPorts([manifest]).ports.map(formatPort)).toEqual(expected);
  });

  test('merges and sorts the ports of several manifest sets', () => {
    const base = [np('a', 'p', { ingress: [{ ports: [{ port: 443 }] }] })];
    const head = [np('a', 'p', { ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] })];
    expect(collectPolicyPorts(base, head).ports.map(formatPort)).toEqual(['80/TCP', '443/TCP']);
  });

  test('the outside port lies in no range any policy names', () => {
    const wide = np('a', 'p', { ingress: [{ ports: [{ port: 60000, endPort: 65535 }] }] });
    expect(collectPolicyPorts([wide]).outside).toEqual({ port: 59999, protocol: 'TCP' });
    expect(collectPolicyPorts([]).outside).toEqual({ port: 65535, protocol: 'TCP' });
  });
});
