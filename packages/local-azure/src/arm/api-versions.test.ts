/**
 * What the az CLI 2.45 needs on the wire, request by request: the old
 * api-versions with their own shapes (also on LRO monitors), Retry-After on
 * every "still running" poll, the Microsoft.Resources generic list limited to
 * what the caller may read, and the connected-registry delete ordering.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS, DEMO_SUBSCRIPTIONS, registryArmId } from '../scenario/contoso';
import { DEMO_DEV_REGISTRY } from '../scenario/contoso';
import { REGISTRY_ID, startLocalArm, type LocalArm } from '../../test/contract/stack';
import { call, type Raw } from '../../test/helpers/arm-call';

type Json = Record<string, unknown>;
const prop = (r: Raw, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (o as Json | undefined)?.[k], r.json);

describe('what the az CLI 2.45 sends', () => {
  let arm: LocalArm;
  const tokens: Record<string, string> = {};

  const req = (
    who: keyof typeof DEMO_PERSONAS | 'stranger',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Raw> => {
    const url = path.startsWith('https://') ? path : `${arm.armEndpoint}${path}`;
    return call(url, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who] ?? ''}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ca: arm.caPem,
    });
  };

  beforeAll(async () => {
    arm = await startLocalArm({ scenario: 'demo' });
    for (const [name, p] of Object.entries(DEMO_PERSONAS)) {
      tokens[name] = await arm.sign({ oid: p.oid, upn: p.username, scp: 'user_impersonation' });
    }
    tokens.stranger = await arm.sign({
      oid: '00000000-0000-4000-8000-00000000dead',
      upn: 'stranger@contoso.onmicrosoft.com',
      scp: 'user_impersonation',
    });
  });
  afterAll(async () => arm?.close());
  beforeEach(() => {
    arm.emulator.control.clearFaults();
    arm.emulator.control.updateSettings({ lroPolls: 0, lroRetryAfterSeconds: 1 });
  });

  it('answers a registry in the shape of each version (members a version lacks left out)', async () => {
    const policies = async (v: string): Promise<Json> => {
      const r = await req('avery', 'GET', `${REGISTRY_ID}?api-version=${v}`);
      expect(r.status).toBe(200);
      return prop(r, 'properties', 'policies') as Json;
    };
    const keys = async (v: string) => Object.keys(await policies(v)).sort();
    expect(await keys('2020-11-01-preview')).toEqual([
      'quarantinePolicy',
      'retentionPolicy',
      'trustPolicy',
    ]);
    expect(await keys('2021-08-01-preview')).toEqual([
      'exportPolicy',
      'quarantinePolicy',
      'retentionPolicy',
      'trustPolicy',
    ]);
    expect(await keys('2022-02-01-preview')).toEqual([
      'azureADAuthenticationAsArmPolicy',
      'exportPolicy',
      'quarantinePolicy',
      'retentionPolicy',
      'softDeletePolicy',
      'trustPolicy',
    ]);
    expect(await keys('2025-11-01')).not.toContain('softDeletePolicy');
    expect(await keys('2026-01-01-preview')).toContain('softDeletePolicy');
    const p = await policies('2022-02-01-preview');
    expect(p.retentionPolicy).toMatchObject({ days: 7, status: 'disabled' });
    expect((p.retentionPolicy as Json).lastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(p.softDeletePolicy).toMatchObject({ retentionDays: 7, status: 'disabled' });

    // Lists are shaped item by item.
    const list = await req(
      'avery',
      'GET',
      `/subscriptions/${DEMO_SUBSCRIPTIONS.production.subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2020-11-01-preview`,
    );
    const items = list.json.value as { properties: { policies: Json } }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => !('exportPolicy' in i.properties.policies))).toBe(true);
  });

  it('connected registries: notificationsList from 2021-08-01-preview, garbageCollection only on 2025+', async () => {
    const path = `${REGISTRY_ID}/connectedRegistries/sitenorth`;
    const get = (v: string) => req('avery', 'GET', `${path}?api-version=${v}`);
    expect(prop(await get('2020-11-01-preview'), 'properties', 'notificationsList')).toBe(
      undefined,
    );
    expect(prop(await get('2021-08-01-preview'), 'properties', 'notificationsList')).toEqual([
      'factory/mes-api:*:*',
      'factory/line-agent:*:*',
    ]);
    const gc = { garbageCollection: { enabled: true, schedule: '0 5 * * *' } };
    const patched = await req('avery', 'PATCH', `${path}?api-version=2025-11-01`, {
      properties: gc,
    });
    expect(patched.status).toBe(200);
    expect(prop(await get('2025-11-01'), 'properties', 'garbageCollection')).toEqual(
      gc.garbageCollection,
    );
    expect(prop(await get('2022-02-01-preview'), 'properties', 'garbageCollection')).toBe(
      undefined,
    );
    // A member the version does not define is an unknown member, and nothing changes.
    const refused = await req('avery', 'PATCH', `${path}?api-version=2021-08-01-preview`, {
      properties: { garbageCollection: { enabled: false } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'InvalidRequestContent',
      target: 'properties.garbageCollection',
    });
    expect(prop(await get('2025-11-01'), 'properties', 'garbageCollection')).toEqual(
      gc.garbageCollection,
    );
    // An activated device reports its TLS settings.
    expect(prop(await get('2021-08-01-preview'), 'properties', 'loginServer')).toEqual({
      host: 'sitenorth.contosoregistry.local',
      tls: {
        status: 'Enabled',
        certificate: { type: 'LocalDirectory', location: '/var/acr/certs' },
      },
    });
  });

  it('monitors keep the request version and send Retry-After on every "still running" answer', async () => {
    arm.emulator.control.updateSettings({ lroPolls: 2, lroRetryAfterSeconds: 1 });
    const put = await req(
      'avery',
      'PUT',
      `${REGISTRY_ID}/tokens/azpoll?api-version=2020-11-01-preview`,
      { properties: { scopeMapId: `${REGISTRY_ID}/scopeMaps/_repositories_pull` } },
    );
    expect(put.status).toBe(201);
    const monitor = String(put.headers['azure-asyncoperation']);
    expect(monitor).toContain('api-version=2020-11-01-preview');
    expect(put.headers['retry-after']).toBe('1');
    const answers: { status: unknown; retryAfter: unknown }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await req('avery', 'GET', monitor);
      expect(r.status).toBe(200);
      answers.push({ status: r.json.status, retryAfter: r.headers['retry-after'] });
    }
    expect(answers).toEqual([
      { status: 'Creating', retryAfter: '1' },
      { status: 'Creating', retryAfter: '1' },
      { status: 'Succeeded', retryAfter: undefined },
    ]);

    // A delete's Location (operation result) also keeps the version and says when to ask again.
    const del = await req(
      'avery',
      'DELETE',
      `${REGISTRY_ID}/tokens/azpoll?api-version=2020-11-01-preview`,
    );
    expect(del.status).toBe(202);
    const location = String(del.headers.location);
    expect(location).toContain('api-version=2020-11-01-preview');
    const running = await req('avery', 'GET', location);
    expect([running.status, running.headers['retry-after']]).toEqual([202, '1']);
  });

  it('lists the subscription resources the caller may read (Microsoft.Resources generic list)', async () => {
    const list = (who: keyof typeof tokens, sub: string, filter?: string) =>
      req(
        who as keyof typeof DEMO_PERSONAS,
        'GET',
        `/subscriptions/${sub}/resources?${filter === undefined ? '' : `$filter=${encodeURIComponent(filter)}&`}api-version=2021-04-01`,
      );
    const registries = "resourceType eq 'Microsoft.ContainerRegistry/registries'";
    const prod = DEMO_SUBSCRIPTIONS.production.subscriptionId;
    const factories = DEMO_SUBSCRIPTIONS.factories.subscriptionId;

    const avery = await list('avery', prod, registries);
    expect(avery.status).toBe(200);
    expect(avery.json.value).toEqual([
      {
        id: REGISTRY_ID,
        name: 'contosoregistry',
        type: 'Microsoft.ContainerRegistry/registries',
        sku: { name: 'Premium', tier: 'Premium' },
        location: 'westeurope',
        tags: expect.any(Object) as unknown,
      },
    ]);
    const ids = (r: Raw) => (r.json.value as { id: string }[]).map((v) => v.id);
    // Morgan: Reader on the registry only (production), Contributor on factories.
    expect(ids(await list('morgan', prod, registries))).toEqual([REGISTRY_ID]);
    expect(ids(await list('morgan', factories))).toEqual([registryArmId(DEMO_DEV_REGISTRY)]);
    // Nico reads production only; a caller with no role reads nothing.
    expect(ids(await list('nico', factories, registries))).toEqual([]);
    expect(ids(await list('stranger', prod, registries))).toEqual([]);
    expect(
      ids(await list('avery', prod, "resourceType eq 'Microsoft.Storage/storageAccounts'")),
    ).toEqual([]);

    const bad = await list('avery', prod, "name eq 'contosoregistry'");
    expect(bad.status).toBe(400);
    expect(bad.json.error?.target).toBe('$filter');
  });

  it('deletes a connected registry at once; one still being deleted keeps its sync token', async () => {
    const v = 'api-version=2021-08-01-preview';
    const tokenPath = `${REGISTRY_ID}/tokens/orderly-sync`;
    const crPath = `${REGISTRY_ID}/connectedRegistries/orderly`;
    const create = async () => {
      const cr = await req('avery', 'PUT', `${crPath}?${v}`, {
        properties: {
          mode: 'ReadOnly',
          parent: {
            id: `${REGISTRY_ID}/connectedRegistries/sitenorth`,
            syncProperties: { tokenId: `${REGISTRY_ID}/tokens/orderly-sync`, messageTtl: 'P1D' },
          },
        },
      });
      expect(cr.status).toBe(200);
    };
    expect(
      (
        await req('avery', 'PUT', `${tokenPath}?${v}`, {
          properties: { scopeMapId: `${REGISTRY_ID}/scopeMaps/_repositories_pull` },
        })
      ).status,
    ).toBe(201);
    await create();

    // As the live service: 200 with no LRO, so a token delete right after (az --cleanup) works.
    const done = await req('avery', 'DELETE', `${crPath}?${v}`);
    expect([done.status, done.headers.location, done.body]).toEqual([200, undefined, '']);
    expect((await req('avery', 'GET', `${crPath}?${v}`)).status).toBe(404);

    await create();
    arm.emulator.control.addFault({
      operation: 'ConnectedRegistries_Delete',
      kind: 'lro-never',
      times: 1,
    });
    const slow = await req('avery', 'DELETE', `${crPath}?${v}`);
    expect(slow.status).toBe(202);
    expect(
      prop(await req('avery', 'GET', `${crPath}?${v}`), 'properties', 'provisioningState'),
    ).toBe('Deleting');
    const early = await req('avery', 'DELETE', `${tokenPath}?${v}`);
    expect(early.status).toBe(409);
    expect(early.json.error?.message).toContain('still in progress');
    expect((await req('avery', 'GET', `${tokenPath}?${v}`)).status).toBe(200);

    // Once the connected registry is gone, the token goes too.
    expect((await req('avery', 'DELETE', `${crPath}?${v}`)).status).toBe(200);
    expect((await req('avery', 'DELETE', `${tokenPath}?${v}`)).status).toBe(202);
    expect((await req('avery', 'GET', `${tokenPath}?${v}`)).status).toBe(404);
  });
});
