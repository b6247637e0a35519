import { describe, expect, it } from 'vitest';
import { runtimeAt } from './runtime';
import type { ConnectedRegistryRuntime } from './types';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number): string => new Date(T0 + ms).toISOString();
const MIN = 60_000;

describe('runtimeAt', () => {
  it('is Offline and Inactive with no times before any event', () => {
    const runtime: ConnectedRegistryRuntime = {
      events: [{ at: iso(10 * MIN), connectionState: 'Online', activation: 'Active' }],
      heartbeat: { everyMs: MIN },
    };
    expect(runtimeAt(runtime, T0)).toEqual({
      connectionState: 'Offline',
      activation: 'Inactive',
      statusDetails: [],
    });
    expect(runtimeAt({ events: [] }, T0 + 1e9)).toEqual({
      connectionState: 'Offline',
      activation: 'Inactive',
      statusDetails: [],
    });
  });

  it('applies an event at exactly now, and keeps fields an event leaves out', () => {
    const runtime: ConnectedRegistryRuntime = {
      events: [
        { at: iso(0), connectionState: 'Online', activation: 'Active', version: '1.0.0' },
        { at: iso(5 * MIN), version: '1.1.0' },
      ],
    };
    const state = runtimeAt(runtime, T0 + 5 * MIN);
    expect(state).toMatchObject({
      connectionState: 'Online',
      activation: 'Active',
      version: '1.1.0',
      lastActivityTime: iso(0),
    });
    expect(state.lastSyncTime).toBeUndefined();
    expect(runtimeAt(runtime, T0 + 5 * MIN - 1).version).toBe('1.0.0');
  });

  it('advances lastActivityTime and lastSyncTime in heartbeat steps while Online', () => {
    const runtime: ConnectedRegistryRuntime = {
      events: [{ at: iso(0), connectionState: 'Online', activation: 'Active', synced: true }],
      heartbeat: { everyMs: MIN },
    };
    expect(runtimeAt(runtime, T0 + 30_000)).toMatchObject({
      lastActivityTime: iso(0),
      lastSyncTime: iso(0),
    });
    expect(runtimeAt(runtime, T0 + 150_000)).toMatchObject({
      lastActivityTime: iso(2 * MIN),
      lastSyncTime: iso(2 * MIN),
    });
  });

  it('stops the heartbeat when the registry goes Offline and restarts it on reconnect', () => {
    const runtime: ConnectedRegistryRuntime = {
      events: [
        { at: iso(0), connectionState: 'Online', activation: 'Active' },
        { at: iso(10 * MIN + 30_000), connectionState: 'Offline' },
        { at: iso(60 * MIN + 7_000), connectionState: 'Syncing' },
        { at: iso(61 * MIN), connectionState: 'Online', synced: true },
      ],
      heartbeat: { everyMs: MIN },
    };
    const offline = runtimeAt(runtime, T0 + 50 * MIN);
    expect(offline).toMatchObject({
      connectionState: 'Offline',
      lastActivityTime: iso(10 * MIN),
      lastSyncTime: iso(10 * MIN),
    });
    // Syncing -> Online does not reset the heartbeat phase started at 60:07.
    const back = runtimeAt(runtime, T0 + 63 * MIN + 10_000);
    expect(back).toMatchObject({
      connectionState: 'Online',
      lastActivityTime: iso(63 * MIN + 7_000),
      lastSyncTime: iso(63 * MIN + 7_000),
    });
  });

  it('reports Unhealthy with its status details and no heartbeat', () => {
    const detail = {
      type: 'Disk',
      code: 'DISK_PERMISSION_DENIED',
      description: 'Permission denied on /var/acr/data',
      timestamp: iso(20 * MIN),
      correlationId: '00000000-0000-4000-8000-000000000001',
    };
    const runtime: ConnectedRegistryRuntime = {
      events: [
        { at: iso(0), connectionState: 'Online', activation: 'Active' },
        { at: iso(20 * MIN), connectionState: 'Unhealthy', statusDetails: [detail] },
      ],
      heartbeat: { everyMs: MIN },
    };
    const state = runtimeAt(runtime, T0 + 48 * 60 * MIN);
    expect(state).toMatchObject({
      connectionState: 'Unhealthy',
      statusDetails: [detail],
      lastActivityTime: iso(20 * MIN),
      lastSyncTime: iso(20 * MIN),
    });
  });

  it('folds events by time even when listed out of order, and is deterministic', () => {
    const runtime: ConnectedRegistryRuntime = {
      events: [
        { at: iso(5 * MIN), connectionState: 'Offline' },
        { at: iso(0), connectionState: 'Online', activation: 'Active' },
      ],
    };
    expect(runtimeAt(runtime, T0 + 6 * MIN).connectionState).toBe('Offline');
    expect(runtimeAt(runtime, T0 + 6 * MIN)).toEqual(runtimeAt(runtime, T0 + 6 * MIN));
  });
});
