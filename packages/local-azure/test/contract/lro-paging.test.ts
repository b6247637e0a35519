/**
 * Long-running operations with two in-progress polls, and server-driven paging
 * with a small page size, observed through the SDK and the emulator's counters.
 */
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connectedRegistryId,
  POLL,
  REG,
  RG,
  scopeMapId,
  sdk,
  startHarness,
  tokenId,
  type Harness,
} from './stack';

describe('long-running operations (lroPolls 2)', () => {
  let h: Harness;
  let client: ContainerRegistryManagementClient;

  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo', lroPolls: 2 });
    client = sdk(h, h.writer);
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.emulator.control.resetCounters());

  const polls = (): number => h.emulator.control.counters().byOperation.OperationStatuses_Get ?? 0;
  const results = (): number => h.emulator.control.counters().byOperation.OperationResults_Get ?? 0;

  it('token create: 201 + Azure-AsyncOperation, polled Creating twice, then a final GET', async () => {
    const before = h.emulator.control.requests().length;
    let initial: { status: number; state?: string; monitor?: string } | undefined;
    const token = await client.tokens.create(
      RG,
      REG,
      'lro-token',
      { scopeMapId: scopeMapId('_repositories_pull') },
      {
        ...POLL,
        onResponse: (raw) => {
          const body = raw.parsedBody as
            { properties?: { provisioningState?: string } } | undefined;
          initial ??= {
            status: raw.status,
            state: body?.properties?.provisioningState,
            monitor: raw.headers.get('azure-asyncoperation'),
          };
        },
      },
    );
    expect(token.provisioningState).toBe('Succeeded');
    expect(initial?.status).toBe(201);
    expect(initial?.state).toBe('Creating');
    expect(initial?.monitor).toMatch(
      new RegExp(
        `^${h.armEndpoint}/subscriptions/.+/tokens/lro-token/operationStatuses/token-[0-9a-f-]{36}\\?api-version=2025-11-01$`,
      ),
    );
    const sequence = h.emulator.control
      .requests()
      .slice(before)
      .map((r) => `${r.operation}:${r.status}`);
    expect(sequence).toEqual([
      'Tokens_Create:201',
      'OperationStatuses_Get:200',
      'OperationStatuses_Get:200',
      'OperationStatuses_Get:200',
      'Tokens_Get:200',
    ]);
    expect(polls()).toBe(3);
    expect(h.emulator.control.counters().byOperation.Tokens_Get).toBe(1);
  });

  it('token delete: 202 + Location, done after the polls', async () => {
    await client.tokens.delete(RG, REG, 'lro-token', POLL);
    expect(polls()).toBe(3);
    await expect(client.tokens.get(RG, REG, 'lro-token')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('deactivate: 202 + Location; the connected registry becomes Inactive and Offline', async () => {
    const before = await client.connectedRegistries.get(RG, REG, 'sitenorth');
    expect(before.activation?.status).toBe('Active');
    await client.connectedRegistries.deactivate(RG, REG, 'sitenorth', POLL);
    expect(polls()).toBe(3);
    expect(results()).toBe(1);
    const after = await client.connectedRegistries.get(RG, REG, 'sitenorth');
    expect(after.activation?.status).toBe('Inactive');
    expect(after.connectionState).toBe('Offline');
    // It stays that way as time passes.
    h.clock.advance(3_600_000);
    expect((await client.connectedRegistries.get(RG, REG, 'sitenorth')).activation?.status).toBe(
      'Inactive',
    );
  });

  it('generateCredentials: 202 + Location; the final GET of Location carries the passwords', async () => {
    const result = await client.registries.generateCredentials(
      RG,
      REG,
      { tokenId: tokenId('sitenorth'), name: 'password1' },
      POLL,
    );
    expect(result.username).toBe('sitenorth');
    expect(result.passwords).toHaveLength(1);
    expect(result.passwords?.[0]?.value?.length).toBeGreaterThanOrEqual(40);
    expect(polls()).toBe(3);
    expect(results()).toBe(1);
  });

  it('connected registry delete: 200 at once, like the live service (no polls)', async () => {
    await client.tokens.create(
      RG,
      REG,
      'leaf-sync',
      { scopeMapId: scopeMapId('_repositories_pull') },
      POLL,
    );
    await client.connectedRegistries.create(
      RG,
      REG,
      'leafnode',
      {
        mode: 'ReadOnly',
        parent: {
          id: connectedRegistryId('sitenorth'),
          syncProperties: { tokenId: tokenId('leaf-sync'), messageTtl: 'P1D' },
        },
      },
      POLL,
    );
    h.emulator.control.resetCounters();
    await client.connectedRegistries.delete(RG, REG, 'leafnode', POLL);
    expect([polls(), results()]).toEqual([0, 0]);
    await expect(client.connectedRegistries.get(RG, REG, 'leafnode')).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('paging', () => {
  let h: Harness;
  let client: ContainerRegistryManagementClient;

  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo', pageSize: 4 });
    client = sdk(h, h.writer);
  });
  afterAll(async () => h?.close());

  it('follows absolute https nextLinks with an opaque $skipToken across pages', async () => {
    const pages: { count: number; next?: string }[] = [];
    for await (const p of client.tokens.list(RG, REG).byPage()) pages.push({ count: p.length });
    const all = await collect(client.tokens.list(RG, REG));
    expect(pages.length).toBe(Math.ceil(all.length / 4));
    expect(pages.slice(0, -1).every((p) => p.count === 4)).toBe(true);
    expect(new Set(all.map((t) => t.name)).size).toBe(all.length);
    const log = h.emulator.control.requests().filter((r) => r.operation === 'Tokens_List');
    expect(
      log.some((r) => r.path.includes('%24skipToken=') || r.path.includes('$skipToken=')),
    ).toBe(true);
  });

  it('pages scope maps (system maps first) and connected registries; settings change the page size', async () => {
    const maps = await collect(client.scopeMaps.list(RG, REG));
    expect(maps[0]?.name).toBe('_repositories_pull');
    expect(maps.length).toBeGreaterThan(5);
    h.emulator.control.resetCounters();
    h.emulator.control.updateSettings({ pageSize: 2 });
    const crs = await collect(client.connectedRegistries.list(RG, REG));
    expect(h.emulator.control.counters().byOperation.ConnectedRegistries_List).toBe(
      Math.ceil(crs.length / 2),
    );
  });
});
