import { describe, expect, it } from 'vitest';
import {
  connectedRegistryConfigurationFindings,
  connectedRegistryRuntimeFindings,
  mergeRuntime,
  runtimeOf,
} from './connected-registry-runtime';
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
  it('equal the whole catalogue when the parts a runtime-only change leaves are kept from before the merge', () => {
    const HOUR = 3_600_000;
    const demo = demoOverview();
    // The second device as configured long ago and never activated (so it reports no activity).
    const withInactive: RegistryOverview = {
      ...demo,
      connectedRegistries: demo.connectedRegistries.map((cr, i) =>
        i === 1
          ? {
              ...cr,
              activation: 'Inactive',
              createdAt: new Date(DEMO_NOW - 90 * 24 * HOUR).toISOString(),
            }
          : cr,
      ),
    };
    for (const base of [demo, withInactive]) {
      // Every device moves: one goes offline long ago, the second reports no activity, the others heartbeat now.
      const merged = mergeRuntime(base, {
        fetchedAt: 'x',
        version: 'v',
        items: base.connectedRegistries.map((cr, i) =>
          i === 0
            ? {
                name: cr.name,
                connectionState: 'Offline',
                statusDetails: [
                  { code: 'x', timestamp: new Date(DEMO_NOW - 30 * HOUR).toISOString() },
                ],
                lastActivityTime: new Date(DEMO_NOW - 48 * HOUR).toISOString(),
              }
            : i === 1
              ? { name: cr.name, connectionState: 'Offline', statusDetails: [] }
              : {
                  ...runtimeOf(cr),
                  connectionState: 'Online',
                  lastActivityTime: new Date(DEMO_NOW).toISOString(),
                },
        ),
      });
      expect(merged).not.toBe(base);
      const whole = computeFindings(merged, DEMO_NOW);
      const beside = findingsBesideConnectedRegistries(base, DEMO_NOW);
      // Tokens' findings kept; connected registries' own computed against the overview merged from.
      expect(
        sortFindings([
          ...beside,
          ...merged.connectedRegistries.flatMap((cr) =>
            connectedRegistryFindings(base, cr, DEMO_NOW),
          ),
        ]),
      ).toEqual(whole);
      // What the hierarchy keeps across polls: the configuration findings too, on the registries as read.
      expect(
        sortFindings([
          ...beside,
          ...base.connectedRegistries.flatMap((cr) =>
            connectedRegistryConfigurationFindings(base, cr, DEMO_NOW),
          ),
          ...merged.connectedRegistries.flatMap((cr) =>
            connectedRegistryRuntimeFindings(base, cr, DEMO_NOW),
          ),
        ]),
      ).toEqual(whole);
      // And the merge mattered: the first device's down finding is there, and the second's.
      const ids = whole.map((f) => `${f.id} ${f.target.name}`);
      expect(ids).toContain(
        `connected-registry.down-over-24-hours ${merged.connectedRegistries[0]!.name}`,
      );
      if (base === withInactive)
        expect(ids).toContain(
          `connected-registry.never-activated ${merged.connectedRegistries[1]!.name}`,
        );
    }
  });

  it('configuration findings read no runtime field', () => {
    const base = demoOverview();
    for (const cr of base.connectedRegistries) {
      const moved: ConnectedRegistryView = {
        ...cr,
        connectionState: cr.connectionState === 'Offline' ? 'Online' : 'Offline',
        lastActivityTime: undefined,
        lastSyncTime: '2020-01-01T00:00:00.000Z',
        statusDetails: [{ code: 'y', timestamp: '2020-01-01T00:00:00.000Z' }],
      };
      expect(connectedRegistryConfigurationFindings(base, moved, DEMO_NOW)).toEqual(
        connectedRegistryConfigurationFindings(base, cr, DEMO_NOW),
      );
    }
  });
});
