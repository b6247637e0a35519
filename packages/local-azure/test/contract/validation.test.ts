/**
 * The validation rules of reference §3, each seen through the SDK as a
 * RestError with ARM's status, code and target.
 */
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectedRegistryId,
  DEMO_SUBSCRIPTIONS,
  POLL,
  REG,
  RG,
  restError,
  scopeMapId,
  sdk,
  startHarness,
  tokenId,
  type Harness,
} from './stack';

/**
 * The SDK's pollers throw a RestError without the parsed body, so the ARM
 * error's `target` is read from the raw response through `onResponse`.
 */
let lastBody: unknown;
const OPTS = {
  ...POLL,
  onResponse: (raw: { parsedBody?: unknown }) => {
    lastBody = raw.parsedBody;
  },
};
const target = (e: { details?: unknown }): string | undefined =>
  (e.details as { error?: { target?: string } } | undefined)?.error?.target ??
  (lastBody as { error?: { target?: string } } | undefined)?.error?.target;

describe('validation rules', () => {
  let h: Harness;
  let client: ContainerRegistryManagementClient;

  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo' });
    client = sdk(h, h.writer);
    await client.tokens.create(
      RG,
      REG,
      'val-sync',
      { scopeMapId: scopeMapId('_repositories_pull') },
      POLL,
    );
  });
  afterAll(async () => h?.close());

  it('checks resource names', async () => {
    const short = await restError(() =>
      client.scopeMaps.create(RG, REG, 'abc', { actions: ['repositories/a/content/read'] }, OPTS),
    );
    expect(short).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(short)).toBe('name');
    await expect(client.tokens.create(RG, REG, 'bad_token', {}, OPTS)).rejects.toMatchObject({
      statusCode: 400,
      code: 'InvalidParameter',
    });
    await expect(
      client.connectedRegistries.create(
        RG,
        REG,
        'edge-01',
        {
          mode: 'ReadOnly',
          parent: { syncProperties: { tokenId: tokenId('val-sync'), messageTtl: 'P1D' } },
        },
        OPTS,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
  });

  it('checks the action grammar and the 500-action limit', async () => {
    const bad = await restError(() =>
      client.scopeMaps.create(
        RG,
        REG,
        'bad-actions',
        { actions: ['repositories/ok/content/read', 'repositories/a/*/b/content/read'] },
        OPTS,
      ),
    );
    expect(bad).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(bad)).toBe('properties.actions[1]');
    await expect(
      client.scopeMaps.create(
        RG,
        REG,
        'bad-actions',
        { actions: ['repositories/a/content/pull'] },
        OPTS,
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      client.scopeMaps.create(RG, REG, 'bad-actions', { actions: [] }, OPTS),
    ).rejects.toMatchObject({ statusCode: 400 });
    const many = Array.from({ length: 501 }, (_, i) => `repositories/repo${i}/content/read`);
    const limit = await restError(() =>
      client.scopeMaps.create(RG, REG, 'too-many', { actions: many }, OPTS),
    );
    expect(limit).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    const ok = await client.scopeMaps.create(
      RG,
      REG,
      'five-hundred',
      { actions: many.slice(0, 500) },
      POLL,
    );
    expect(ok.actions).toHaveLength(500);
    const long = await restError(() =>
      client.scopeMaps.create(
        RG,
        REG,
        'long-desc',
        { description: 'x'.repeat(257), actions: ['repositories/a/content/read'] },
        OPTS,
      ),
    );
    expect(target(long)).toBe('properties.description');
  });

  it('keeps the system scope maps read-only', async () => {
    await expect(
      client.scopeMaps.create(
        RG,
        REG,
        '_repositories_pull',
        { actions: ['repositories/a/content/read'] },
        OPTS,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
    await expect(
      client.scopeMaps.update(RG, REG, '_Repositories_Admin', { description: 'mine' }, OPTS),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      client.scopeMaps.delete(RG, REG, '_repositories_push', OPTS),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect((await client.scopeMaps.get(RG, REG, '_repositories_push')).typePropertiesType).toBe(
      'SystemDefined',
    );
  });

  it('checks token fields and normalises status to lower case', async () => {
    const missingMap = await restError(() =>
      client.tokens.create(RG, REG, 'tok-nomap', { scopeMapId: scopeMapId('no-such-map') }, OPTS),
    );
    expect(missingMap).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(missingMap)).toBe('properties.scopeMapId');
    const upper = await client.tokens.create(
      RG,
      REG,
      'tok-upper',
      { status: 'Enabled' as never, scopeMapId: scopeMapId('_repositories_pull') },
      POLL,
    );
    expect(upper.status).toBe('enabled');
    await expect(
      client.tokens.update(RG, REG, 'tok-upper', { status: 'paused' as never }, OPTS),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    const gen = await restError(() =>
      client.registries.generateCredentials(RG, REG, { tokenId: tokenId('no-such-token') }, OPTS),
    );
    expect(gen).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(gen)).toBe('tokenId');
  });

  it('requires a Premium registry with the data endpoint on for connected registries', async () => {
    const dev = sdk(h, h.writer, { subscriptionId: DEMO_SUBSCRIPTIONS.factories.subscriptionId });
    const devReg = await dev.registries.get('rg-registry-dev', 'contosodev');
    expect(devReg.sku.name).toBe('Basic');
    await dev.tokens.create(
      'rg-registry-dev',
      'contosodev',
      'dev-sync',
      { scopeMapId: `${devReg.id}/scopeMaps/_repositories_pull` },
      POLL,
    );
    const basic = await restError(() =>
      dev.connectedRegistries.create(
        'rg-registry-dev',
        'contosodev',
        'devedge',
        {
          mode: 'ReadOnly',
          parent: {
            syncProperties: { tokenId: `${devReg.id}/tokens/dev-sync`, messageTtl: 'P1D' },
          },
        },
        OPTS,
      ),
    );
    expect(basic).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(basic.message).toMatch(/Premium/);
    await expect(
      dev.registries.update('rg-registry-dev', 'contosodev', { dataEndpointEnabled: true }, OPTS),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('checks parent, mode hierarchy, sync token, client tokens and sync properties', async () => {
    const create = (name: string, body: Parameters<typeof client.connectedRegistries.create>[3]) =>
      restError(() => client.connectedRegistries.create(RG, REG, name, body, OPTS));
    const sync = { tokenId: tokenId('val-sync'), messageTtl: 'P1D' };

    const noParent = await create('orphan01', {
      mode: 'ReadOnly',
      parent: { id: connectedRegistryId('nosuchparent'), syncProperties: sync },
    });
    expect(noParent).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(noParent)).toBe('properties.parent.id');

    // A ReadOnly parent only has ReadOnly children.
    await client.connectedRegistries.create(
      RG,
      REG,
      'roparent',
      { mode: 'ReadOnly', parent: { syncProperties: sync } },
      POLL,
    );
    const rw = await create('rwchild1', {
      mode: 'ReadWrite',
      parent: { id: connectedRegistryId('roparent'), syncProperties: sync },
    });
    expect(rw).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(target(rw)).toBe('properties.mode');
    const ro = await client.connectedRegistries.create(
      RG,
      REG,
      'rochild1',
      { mode: 'ReadOnly', parent: { id: connectedRegistryId('roparent'), syncProperties: sync } },
      POLL,
    );
    expect(ro.mode).toBe('ReadOnly');

    const noToken = await create('notoken1', {
      mode: 'ReadOnly',
      parent: { syncProperties: { tokenId: tokenId('no-such-token'), messageTtl: 'P1D' } },
    });
    expect(target(noToken)).toBe('properties.parent.syncProperties.tokenId');

    const noClient = await create('noclient1', {
      mode: 'ReadOnly',
      clientTokenIds: [tokenId('no-such-client')],
      parent: { syncProperties: sync },
    });
    expect(noClient).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });

    for (let i = 0; i < 21; i += 1) {
      await client.tokens.create(
        RG,
        REG,
        `client-${i}`,
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      );
    }
    const clients = Array.from({ length: 21 }, (_, i) => tokenId(`client-${i}`));
    const tooMany = await create('manyclient', {
      mode: 'ReadOnly',
      clientTokenIds: clients,
      parent: { syncProperties: sync },
    });
    expect(tooMany).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(tooMany)).toBe('properties.clientTokenIds');
    const twenty = await client.connectedRegistries.create(
      RG,
      REG,
      'twentyclients',
      { mode: 'ReadOnly', clientTokenIds: clients.slice(0, 20), parent: { syncProperties: sync } },
      POLL,
    );
    expect(twenty.clientTokenIds).toHaveLength(20);

    const ttl = await create('badttl01', {
      mode: 'ReadOnly',
      parent: { syncProperties: { ...sync, messageTtl: 'P91D' } },
    });
    expect(ttl).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(ttl)).toBe('properties.parent.syncProperties.messageTtl');
    const windowTooShort = await create('badwin01', {
      mode: 'ReadOnly',
      parent: { syncProperties: { ...sync, schedule: '0 * * * *', syncWindow: 'PT30M' } },
    });
    expect(target(windowTooShort)).toBe('properties.parent.syncProperties.syncWindow');
    const cron = await create('badcron1', {
      mode: 'ReadOnly',
      parent: { syncProperties: { ...sync, schedule: 'every minute' } },
    });
    expect(target(cron)).toBe('properties.parent.syncProperties.schedule');

    const patchTtl = await restError(() =>
      client.connectedRegistries.update(
        RG,
        REG,
        'roparent',
        { syncProperties: { messageTtl: 'PT1H' } },
        OPTS,
      ),
    );
    expect(patchTtl).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(target(patchTtl)).toBe('properties.syncProperties.messageTtl');
  });

  it('refuses to delete a sync token in use (409) and suspends the connected registry when it is disabled', async () => {
    const del = await restError(() => client.tokens.delete(RG, REG, 'sitenorth', OPTS));
    expect(del).toMatchObject({ statusCode: 409, code: 'Conflict' });
    const before = await client.connectedRegistries.get(RG, REG, 'sitenorth');
    expect(before.connectionState).toBe('Online');
    await client.tokens.update(RG, REG, 'sitenorth', { status: 'disabled' }, POLL);
    const after = await client.connectedRegistries.get(RG, REG, 'sitenorth');
    expect(after.connectionState).toBe('Offline');
    expect(
      after.statusDetails?.some(
        (d) => d.code === 'SYNC_TOKEN_DISABLED' && d.description?.includes("'sitenorth'"),
      ),
    ).toBe(true);
    await client.tokens.update(RG, REG, 'sitenorth', { status: 'enabled' }, POLL);
    expect((await client.connectedRegistries.get(RG, REG, 'sitenorth')).connectionState).toBe(
      'Online',
    );
  });

  it('requires a supported api-version', async () => {
    const old = new ContainerRegistryManagementClient(
      h.writer,
      DEMO_SUBSCRIPTIONS.production.subscriptionId,
      {
        endpoint: h.armEndpoint,
        tlsOptions: { ca: h.caPem },
        apiVersion: '2019-05-01',
      },
    );
    const e = await restError(() => old.registries.get(RG, REG));
    expect(e).toMatchObject({ statusCode: 400, code: 'InvalidApiVersionParameter' });
    expect(e.message).toContain('2025-11-01');
    const preview = new ContainerRegistryManagementClient(
      h.writer,
      DEMO_SUBSCRIPTIONS.production.subscriptionId,
      {
        endpoint: h.armEndpoint,
        tlsOptions: { ca: h.caPem },
        apiVersion: '2026-01-01-preview',
      },
    );
    expect((await preview.registries.get(RG, REG)).name).toBe(REG);
  });
});
