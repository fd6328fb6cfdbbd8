import { expect, test } from 'vitest';
import { candidateFlows, memberFlows } from '../../src/flows/candidate-flows';
import type { PeerGroup } from '../../src/flows/peer-group';
import type { PolicyPorts } from '../../src/flows/policy-ports';

const PORTS: PolicyPorts = { ports: [{ port: 53, protocol: 'UDP' }], outside: { port: 65535, protocol: 'TCP' } };
const web: PeerGroup = { namespace: 'app', members: ['app/web-1', 'app/web-2'], ports: [{ port: 8080, protocol: 'TCP' }] };
const pg: PeerGroup = { namespace: 'db', members: ['db/pg'], ports: [] };
const world: PeerGroup = { members: ['external:world'], ports: [] };
const host: PeerGroup = { members: ['entity:host'], ports: [] };

test('checks policy ports, the destination\'s own ports and the outside port', () => {
  const flows = candidateFlows([pg, web], PORTS).filter((c) => c.from === pg && c.to === web);
  expect(flows.map((c) => `${c.flow.port}/${c.flow.protocol}`)).toEqual(['53/UDP', '8080/TCP', '65535/TCP']);
});

test('decides a group to itself between two members, and skips single-pod groups and outside-to-outside pairs', () => {
  const pairs = new Set(candidateFlows([web, pg, world, host], PORTS).map((c) => `${c.flow.from} -> ${c.flow.to}`));
  expect([...pairs].sort()).toEqual([
    'app/web-1 -> app/web-2', 'app/web-1 -> db/pg', 'app/web-1 -> entity:host', 'app/web-1 -> external:world',
    'db/pg -> app/web-1', 'db/pg -> entity:host', 'db/pg -> external:world',
    'entity:host -> app/web-1', 'entity:host -> db/pg', 'external:world -> app/web-1', 'external:world -> db/pg',
  ]);
});

test('memberFlows copies a candidate to every member pair but no pod to itself', () => {
  const [candidate] = candidateFlows([web], PORTS);
  expect(memberFlows(candidate).map((f) => `${f.from} -> ${f.to}:${f.port}`)).toEqual(['app/web-1 -> app/web-2:53', 'app/web-2 -> app/web-1:53']);
});
