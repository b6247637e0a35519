import type { RegistryOverview, RegistryRuntime } from '@latchkey/domain';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { connectedRegistry, registrySummary, token } from '../test-fixtures';
import { overviewQueryOptions } from './get-overview';
import { applyRuntime, configurationOf } from './get-runtime';

const params = { subscriptionId: 's', resourceGroup: 'rg', registryName: 'reg' };
const key = overviewQueryOptions(params).queryKey;

const overview: RegistryOverview = {
  registry: registrySummary,
  tokens: [token('site1-sync', null), token('site2-sync', null)],
  scopeMaps: [],
  connectedRegistries: [
    connectedRegistry('site1', {
      syncTokenName: 'site1-sync',
      lastActivityTime: '2026-01-01T00:00:00Z',
    }),
    connectedRegistry('site2', {
      syncTokenName: 'site2-sync',
      lastActivityTime: '2026-01-01T00:00:00Z',
    }),
  ],
  fetchedAt: '2026-01-01T00:00:00Z',
} as RegistryOverview;

const answer = (
  version: string,
  site1: Partial<RegistryRuntime['items'][number]>,
): RegistryRuntime => ({
  fetchedAt: '2026-01-01T00:05:00Z',
  version,
  items: overview.connectedRegistries.map((cr) => ({
    name: cr.name,
    connectionState: cr.connectionState,
    lastActivityTime: cr.lastActivityTime,
    statusDetails: cr.statusDetails,
    ...(cr.name === 'site1' ? site1 : {}),
  })),
});

/** A client like the app's: structural sharing on (the default), the overview held. */
function holding(): QueryClient {
  const client = new QueryClient();
  client.setQueryData(key, overview);
  return client;
}

describe('applyRuntime', () => {
  it('puts moved runtime state into the held overview and keeps every unchanged part', () => {
    const client = holding();
    applyRuntime(params, client, answer('v1', { connectionState: 'Offline' }));
    const held = client.getQueryData<RegistryOverview>(key)!;
    expect(held).not.toBe(overview);
    expect(held.connectedRegistries[0]).toMatchObject({
      name: 'site1',
      connectionState: 'Offline',
    });
    expect(held.connectedRegistries[1]).toBe(overview.connectedRegistries[1]);
    expect(held.tokens).toBe(overview.tokens);
    expect(held.scopeMaps).toBe(overview.scopeMaps);
  });

  it('keys configuration-only work on the overview read, across any number of merges', () => {
    // The page keys tokens' and scope maps' findings (and the tree's shape) on configurationOf:
    // it must be the overview that was read, not the copy the cache stored, or every poll recomputes them.
    const client = holding();
    applyRuntime(params, client, answer('v1', { connectionState: 'Offline' }));
    const first = client.getQueryData<RegistryOverview>(key)!;
    expect(configurationOf(first)).toBe(overview);
    applyRuntime(
      params,
      client,
      answer('v1', { connectionState: 'Syncing', lastSyncTime: '2026-01-01T00:05:00Z' }),
    );
    const second = client.getQueryData<RegistryOverview>(key)!;
    expect(second).not.toBe(first);
    expect(second.connectedRegistries[0]!.connectionState).toBe('Syncing');
    expect(configurationOf(second)).toBe(overview);
  });

  it('leaves the very same overview when nothing moved', () => {
    const client = holding();
    applyRuntime(params, client, answer('v1', {}));
    expect(client.getQueryData(key)).toBe(overview);
  });

  it('reads the overview again when the version moves after a merge, instead of merging', () => {
    const client = holding();
    applyRuntime(params, client, answer('v1', { connectionState: 'Offline' }));
    const merged = client.getQueryData<RegistryOverview>(key);
    expect(client.getQueryState(key)?.isInvalidated).toBe(false);
    applyRuntime(params, client, answer('v2', { connectionState: 'Syncing' }));
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    expect(client.getQueryData(key)).toBe(merged);
  });
});
