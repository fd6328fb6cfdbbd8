import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadManifests } from '../../src/manifests/load';
import { REAL_FIXTURES } from './real-fixtures';

describe('real repositories load through the validating reader', () => {
  test.each([
    ['JJGadgets/Biohazard', { CiliumClusterwideNetworkPolicy: 66, CiliumNetworkPolicy: 44, Namespace: 94, NetworkPolicy: 2 }],
    ['haraldkoch/kochhaus-home', { CiliumNetworkPolicy: 3, NetworkPolicy: 10 }],
    ['jfroy/flatops', { CiliumClusterwideNetworkPolicy: 2, CiliumNetworkPolicy: 13 }],
  ])('%s', (repo, kinds) => {
    const manifests = loadManifests([path.join(process.cwd(), REAL_FIXTURES[repo])]);
    const counted: Record<string, number> = {};
    for (const { object } of manifests) counted[object.kind] = (counted[object.kind] ?? 0) + 1;
    expect(counted).toEqual(kinds);
  });
});
