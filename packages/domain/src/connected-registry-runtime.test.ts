import { describe, expect, it } from 'vitest';
import { mergeRuntime, runtimeOf } from './connected-registry-runtime';
import type { ConnectedRegistryView, RegistryOverview } from './dto';

const cr = (name: string, extra: Partial<ConnectedRegistryView> = {}): ConnectedRegistryView => ({
  id: `/x/${name}`,
  name,
  mode: 'ReadOnly',
  parentName: null,
  connectionState: 'Online',
  activation: 'Active',
  lastActivityTime: '2026-01-01T00:00:00.000Z',
  syncTokenName: `${name}-sync`,
  clientTokenNames: [],
  statusDetails: [],
  ...extra,
});
const overviewOf = (crs: ConnectedRegistryView[]) =>
  ({
    connectedRegistries: crs,
    tokens: [],
    scopeMaps: [],
    fetchedAt: 'x',
  }) as unknown as RegistryOverview;
const runtime = (items: ReturnType<typeof runtimeOf>[]) => ({
  fetchedAt: 'y',
  version: 'v',
  items,
});

describe('mergeRuntime', () => {
  it('returns the very same overview when no runtime field moved', () => {
    const o = overviewOf([cr('a'), cr('b')]);
    expect(mergeRuntime(o, runtime(o.connectedRegistries.map(runtimeOf)))).toBe(o);
  });

  it('replaces only the moved connected registry, keeping the others and every other field', () => {
    const a = cr('a');
    const b = cr('b', { lastSyncTime: '2026-01-01T00:00:00.000Z' });
    const o = overviewOf([a, b]);
    const merged = mergeRuntime(
      o,
      runtime([
        runtimeOf(a),
        { name: 'B', connectionState: 'Offline', statusDetails: [{ code: 'x' }] },
      ]),
    );
    expect(merged).not.toBe(o);
    expect(merged.connectedRegistries[0]).toBe(a);
    expect(merged.connectedRegistries[1]).toEqual({
      ...b,
      connectionState: 'Offline',
      statusDetails: [{ code: 'x' }],
      lastActivityTime: undefined,
      lastSyncTime: undefined,
    });
    expect(merged.connectedRegistries[1]).not.toHaveProperty('lastSyncTime');
    expect(merged.connectedRegistries[1]?.name).toBe('b');
    expect(merged.connectedRegistries[1]?.syncTokenName).toBe('b-sync');
  });

  it('leaves connected registries the answer does not name as they are', () => {
    const o = overviewOf([cr('a')]);
    expect(mergeRuntime(o, runtime([]))).toBe(o);
  });
});
