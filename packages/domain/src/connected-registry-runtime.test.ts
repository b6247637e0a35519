import { describe, expect, it } from 'vitest';
import { mergeRuntime, runtimeOf } from './connected-registry-runtime';
import type { ConnectedRegistryView, RegistryOverview } from './dto';
import {
  computeFindings,
  connectedRegistryFindings,
  findingsBesideConnectedRegistries,
  sortFindings,
} from './findings';
import { DEMO_NOW, demoOverview } from './reference-model/demo-overview';

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

describe('findings after a runtime-only merge', () => {
  it('equal the whole catalogue when tokens’ findings are kept and connected registries’ own are computed against the overview merged from', () => {
    const base = demoOverview();
    const HOUR = 3_600_000;
    // Every device moves: one goes offline long ago, the others heartbeat now.
    const merged = mergeRuntime(base, {
      fetchedAt: 'x',
      version: 'v',
      items: base.connectedRegistries.map((cr, i) =>
        i === 0
          ? {
              name: cr.name,
              connectionState: 'Offline',
              statusDetails: [],
              lastActivityTime: new Date(DEMO_NOW - 48 * HOUR).toISOString(),
            }
          : {
              ...runtimeOf(cr),
              connectionState: 'Online',
              lastActivityTime: new Date(DEMO_NOW).toISOString(),
            },
      ),
    });
    expect(merged).not.toBe(base);
    const split = sortFindings([
      ...findingsBesideConnectedRegistries(base, DEMO_NOW),
      ...merged.connectedRegistries.flatMap((cr) => connectedRegistryFindings(base, cr, DEMO_NOW)),
    ]);
    const whole = computeFindings(merged, DEMO_NOW);
    expect(split).toEqual(whole);
    // And the merge mattered: the first device's down finding is there.
    expect(
      whole.some(
        (f) =>
          f.id === 'connected-registry.down-over-24-hours' &&
          f.target.name === merged.connectedRegistries[0]!.name,
      ),
    ).toBe(true);
  });
});
