import * as os from 'node:os';
import { describe, expect, test } from 'vitest';
import { findPlatformSources } from '../../src/doctor/platform-sources';

describe('findPlatformSources', () => {
  test('finds the file of each platform namespace of this repo', () => {
    const sources = findPlatformSources(process.cwd());
    expect(sources['istio-gateway']).toBe('platform/istio.ts');
    expect(sources.monitoring).toBe('platform/monitoring.ts');
  });

  test('gives nothing when there is no platform directory', () => {
    expect(findPlatformSources(os.tmpdir())).toEqual({});
  });
});
