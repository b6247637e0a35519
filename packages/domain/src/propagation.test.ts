import { describe, expect, it } from 'vitest';
import { propagationLabel, propagationOf } from './propagation';

// The documentation's rule, stated independently: a change reaches the device at
// its next sync, so it is propagated once the last sync happened at or after it.
const cr = (over: Record<string, unknown> = {}) => ({
  connectionState: 'Online' as const,
  activation: 'Active' as const,
  lastSyncTime: '2026-01-01T10:00:00.000Z',
  lastActivityTime: '2026-01-01T10:00:00.000Z',
  statusDetails: [],
  ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('propagation of a change to a connected registry', () => {
  it('says nothing when no change is known', () => {
    expect(propagationOf(cr(), undefined)).toBeUndefined();
  });

  it('says nothing for a registry never deployed (it takes everything at its first sync)', () => {
    const fresh = cr({
      activation: 'Inactive',
      connectionState: 'Offline',
      lastSyncTime: undefined,
    });
    expect(propagationOf(fresh, at('2026-01-01T10:00:30.000Z'))).toBeUndefined();
  });

  it('is pending while the last sync is before the change, synced once it is not', () => {
    const change = at('2026-01-01T10:00:30.000Z');
    expect(propagationOf(cr(), change)?.state).toBe('pending');
    expect(propagationOf(cr({ lastSyncTime: '2026-01-01T10:01:00.000Z' }), change)).toEqual({
      state: 'synced',
      changedAt: '2026-01-01T10:00:30.000Z',
      lastSyncTime: '2026-01-01T10:01:00.000Z',
    });
    expect(propagationOf(cr({ lastSyncTime: undefined }), change)?.state).toBe('pending');
  });

  it('says since when an offline registry has been offline', () => {
    const p = propagationOf(
      cr({ connectionState: 'Offline', lastActivityTime: '2026-01-01T09:00:00.000Z' }),
      at('2026-01-01T10:00:30.000Z'),
    );
    expect(p).toMatchObject({ state: 'offline', offlineSince: '2026-01-01T09:00:00.000Z' });
    expect(propagationLabel(p!, (s) => s.slice(0, 10))).toBe(
      'Pending; registry offline since 2026-01-01',
    );
  });

  it('reads synced for an offline registry whose last sync came after the change', () => {
    expect(
      propagationOf(cr({ connectionState: 'Offline' }), at('2026-01-01T09:59:00.000Z'))?.state,
    ).toBe('synced');
  });
});
