/**
 * Wire details the SDK hides: raw status codes, ARM error bodies, headers,
 * Microsoft.Resources endpoints, and the control API over http.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlApp } from '../control/index';
import { closeServer, listenLoopback } from '../tls/loopback';
import { DEMO_PERSONAS, DEMO_SUBSCRIPTIONS, DEMO_TENANT_ID } from '../scenario/contoso';
import { REGISTRY_ID, startLocalArm, type LocalArm } from '../../test/contract/stack';
import { call } from '../../test/helpers/arm-call';

describe('ARM wire details', () => {
  let arm: LocalArm;
  let auth: Record<string, string>;
  const V = 'api-version=2025-11-01';
  const get = (path: string, headers: Record<string, string> = {}) =>
    call(`${arm.armEndpoint}${path}`, { headers: { ...auth, ...headers }, ca: arm.caPem });
  const send = (method: string, path: string, body: string) =>
    call(`${arm.armEndpoint}${path}`, {
      method,
      body,
      headers: { ...auth, 'content-type': 'application/json' },
      ca: arm.caPem,
    });

  beforeAll(async () => {
    arm = await startLocalArm({ scenario: 'demo' });
    const token = await arm.sign({
      oid: DEMO_PERSONAS.avery.oid,
      upn: DEMO_PERSONAS.avery.username,
      scp: 'user_impersonation',
    });
    auth = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => arm?.close());

  it('sends ARM request headers and echoes the client request id', async () => {
    const r = await get(`${REGISTRY_ID}?${V}`, {
      'x-ms-client-request-id': 'abc-123',
      'x-ms-correlation-request-id': 'corr-1',
    });
    expect(r.status).toBe(200);
    expect(r.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-correlation-request-id']).toBe('corr-1');
    expect(r.headers['x-ms-client-request-id']).toBe('abc-123');
    expect(Number(r.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBeGreaterThan(0);
  });

  it('401 without a token, with a Bearer challenge', async () => {
    const r = await call(`${arm.armEndpoint}${REGISTRY_ID}?${V}`, { ca: arm.caPem });
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe('AuthenticationFailed');
    expect(r.headers['www-authenticate']).toMatch(
      /^Bearer authorization_uri="https:\/\/[^"]+", error="invalid_token", error_description="[^"]+"$/,
    );
  });

  it('requires and checks api-version', async () => {
    const missing = await get(REGISTRY_ID);
    expect(missing.status).toBe(400);
    expect(missing.json.error?.code).toBe('MissingApiVersionParameter');
    const bad = await get(`${REGISTRY_ID}?api-version=2023-01-01-preview`);
    expect(bad.json.error?.code).toBe('InvalidApiVersionParameter');
    expect(bad.json.error?.message).toContain(
      '2025-11-01, 2025-04-01, 2025-09-01-preview, 2026-01-01-preview',
    );
  });

  it('400 InvalidRequestContent for invalid JSON and unknown members', async () => {
    const invalid = await send('PUT', `${REGISTRY_ID}/scopeMaps/rawmap1?${V}`, '{"properties": ');
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.code).toBe('InvalidRequestContent');
    const unknown = await send(
      'PUT',
      `${REGISTRY_ID}/scopeMaps/rawmap1?${V}`,
      JSON.stringify({ properties: { actions: ['repositories/a/content/read'], colour: 'blue' } }),
    );
    expect(unknown.json.error).toMatchObject({
      code: 'InvalidRequestContent',
      target: 'properties.colour',
    });
    const wrongType = await send(
      'PUT',
      `${REGISTRY_ID}/tokens/rawtoken1?${V}`,
      JSON.stringify({ properties: { status: 5 } }),
    );
    expect(wrongType.json.error?.code).toBe('InvalidRequestContent');
  });

  it('ignores read-only input and never returns password values from PUT/PATCH', async () => {
    const put = await send(
      'PUT',
      `${REGISTRY_ID}/tokens/rawtoken2?${V}`,
      JSON.stringify({
        properties: {
          status: 'enabled',
          provisioningState: 'Failed',
          creationDate: '2000-01-01T00:00:00Z',
          credentials: { passwords: [{ name: 'password1', value: 'secret' }] },
        },
      }),
    );
    expect(put.status).toBe(201);
    expect(put.headers['azure-asyncoperation']).toMatch(/^https:\/\//);
    expect(put.body).not.toContain('secret');
    expect((put.json.properties as { creationDate: string }).creationDate).not.toBe(
      '2000-01-01T00:00:00Z',
    );
  });

  it('refuses non-patchable connected-registry fields with BadRequest naming the field', async () => {
    const r = await send(
      'PATCH',
      `${REGISTRY_ID}/connectedRegistries/sitenorth?${V}`,
      JSON.stringify({ properties: { mode: 'ReadOnly' } }),
    );
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'BadRequest', target: 'properties.mode' });
    const tokenId = await send(
      'PATCH',
      `${REGISTRY_ID}/connectedRegistries/sitenorth?${V}`,
      JSON.stringify({ properties: { syncProperties: { tokenId: 'x' } } }),
    );
    expect(tokenId.json.error).toMatchObject({
      code: 'BadRequest',
      target: 'properties.syncProperties.tokenId',
    });
  });

  it('monitors answer 200 {status} while running; lro-never keeps an operation running', async () => {
    arm.emulator.control.updateSettings({ lroPolls: 2 });
    const put = await send(
      'PUT',
      `${REGISTRY_ID}/tokens/rawtoken3?${V}`,
      JSON.stringify({ properties: {} }),
    );
    const monitor = String(put.headers['azure-asyncoperation']);
    expect(monitor).toContain('/tokens/rawtoken3/operationStatuses/token-');
    const statuses: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await call(monitor, { headers: auth, ca: arm.caPem });
      expect(r.status).toBe(200);
      statuses.push(r.json.status);
    }
    expect(statuses).toEqual(['Creating', 'Creating', 'Succeeded']);

    arm.emulator.control.addFault({ operation: 'Tokens_Delete', kind: 'lro-never', times: 1 });
    const del = await send('DELETE', `${REGISTRY_ID}/tokens/rawtoken3?${V}`, '');
    expect(del.status).toBe(202);
    expect(String(del.headers.location)).toMatch(
      /\/locations\/westeurope\/operationResults\/token-/,
    );
    for (let i = 0; i < 4; i += 1) {
      const r = await call(String(del.headers.location), { headers: auth, ca: arm.caPem });
      expect(r.status).toBe(202);
    }
    expect((await get(`${REGISTRY_ID}/tokens/rawtoken3?${V}`)).status).toBe(200);
    arm.emulator.control.updateSettings({ lroPolls: 0 });
  });

  it('lists subscriptions and tenants the caller can see', async () => {
    const subs = await get('/subscriptions?api-version=2022-12-01');
    expect(subs.status).toBe(200);
    const ids = (subs.json.value as { subscriptionId: string }[])
      .map((s) => s.subscriptionId)
      .sort();
    expect(ids).toEqual(
      [
        DEMO_SUBSCRIPTIONS.production.subscriptionId,
        DEMO_SUBSCRIPTIONS.factories.subscriptionId,
      ].sort(),
    );
    const nico = await arm.sign({
      oid: DEMO_PERSONAS.nico.oid,
      upn: DEMO_PERSONAS.nico.username,
      scp: 'x',
    });
    const nicoSubs = await call(`${arm.armEndpoint}/subscriptions?api-version=2022-12-01`, {
      headers: { authorization: `Bearer ${nico}` },
      ca: arm.caPem,
    });
    expect(
      (nicoSubs.json.value as { subscriptionId: string }[]).map((s) => s.subscriptionId),
    ).toEqual([DEMO_SUBSCRIPTIONS.production.subscriptionId]);
    const tenants = await get('/tenants?api-version=2020-01-01');
    expect((tenants.json.value as { tenantId: string }[]).map((t) => t.tenantId)).toEqual([
      DEMO_TENANT_ID,
    ]);
  });

  it('404s unknown routes and subscriptions the ARM way', async () => {
    const sub = await get(
      `/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/abcde?${V}`,
    );
    expect(sub.status).toBe(404);
    expect(sub.json.error?.code).toBe('SubscriptionNotFound');
  });
  it('holds list pages past the first N until released; first pages always answer', async () => {
    const control = arm.emulator.control;
    control.updateSettings({ pageSize: 2 });
    try {
      expect(control.holdPages(1)).toEqual({ afterPages: 1, waiting: 0 });
      const first = await get(`${REGISTRY_ID}/tokens?${V}`);
      expect(first.status).toBe(200);
      const next = (first.json as { nextLink?: string }).nextLink;
      expect(next).toBeDefined();
      let answered = false;
      const second = call(next!, { headers: auth, ca: arm.caPem }).then((r) => {
        answered = true;
        return r;
      });
      for (let i = 0; i < 200 && control.heldPages().waiting === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(control.heldPages().waiting).toBe(1);
      expect(answered).toBe(false);
      expect(control.releasePages()).toEqual({ afterPages: null, waiting: 0 });
      expect((await second).status).toBe(200);
    } finally {
      control.releasePages();
      control.updateSettings({ pageSize: 50 });
    }
  });
});

describe('control API over http', () => {
  let arm: LocalArm;
  let server: ReturnType<typeof createServer>;
  let base: string;
  beforeAll(async () => {
    arm = await startLocalArm({ scenario: 'empty' });
    server = createServer(createControlApp({ emulator: arm.emulator, clock: arm.clock }));
    base = `http://127.0.0.1:${await listenLoopback(server, 0)}`;
  });
  afterAll(async () => {
    await closeServer(server);
    await arm?.close();
  });
  const post = (path: string, body: unknown, method = 'POST') =>
    call(`${base}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('health, settings, faults, counters, requests, clock, reset', async () => {
    expect((await call(`${base}/health`)).json).toMatchObject({ ok: true, scenario: 'empty' });
    expect((await post('/settings', { pageSize: 3, lroPolls: 2 }, 'PUT')).json).toMatchObject({
      pageSize: 3,
      lroPolls: 2,
    });
    expect((await post('/settings', { pageSize: 0 }, 'PUT')).status).toBe(400);
    const fault = await post('/faults', {
      operation: 'Registries_Get',
      kind: 'throttle',
      retryAfterSeconds: 2,
      times: 1,
    });
    expect(fault.status).toBe(201);
    expect((await post('/faults', { operation: 'x', kind: 'explode' })).status).toBe(400);
    const token = await arm.sign({ oid: DEMO_PERSONAS.avery.oid, upn: 'a', scp: 'x' });
    const throttled = await call(`${arm.armEndpoint}${REGISTRY_ID}?api-version=2025-11-01`, {
      headers: { authorization: `Bearer ${token}` },
      ca: arm.caPem,
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(throttled.json.error?.code).toBe('TooManyRequests');
    const counters = (await call(`${base}/counters`)).json as {
      total: number;
      byOperation: Record<string, number>;
    };
    expect(counters.byOperation.Registries_Get).toBe(1);
    const requests = (await call(`${base}/requests`)).json as {
      requests: { operation: string; status: number; path: string }[];
    };
    expect(requests.requests.at(-1)).toMatchObject({ operation: 'Registries_Get', status: 429 });
    expect(JSON.stringify(requests)).not.toContain('Bearer');
    expect((await post('/counters/reset', {})).status).toBe(200);
    expect(((await call(`${base}/counters`)).json as { total: number }).total).toBe(0);
    expect((await call(`${base}/faults`, { method: 'DELETE' })).status).toBe(200);
    const before = arm.clock.now();
    expect((await post('/clock/advance', { ms: 60_000 })).json).toEqual({
      now: new Date(before + 60_000).toISOString(),
    });
    expect((await post('/clock/set', { at: '2030-01-01T00:00:00Z' })).json).toEqual({
      now: '2030-01-01T00:00:00.000Z',
    });
    expect((await post('/reset', { scenario: 'demo' })).json).toMatchObject({
      ok: true,
      scenario: 'demo',
    });
    expect((await post('/reset', { scenario: 'nope' })).status).toBe(400);
    expect((await post('/hold', { afterPages: 0 }, 'PUT')).status).toBe(400);
    expect((await post('/hold', { afterPages: 2 }, 'PUT')).json).toEqual({
      afterPages: 2,
      waiting: 0,
    });
    expect((await call(`${base}/hold`)).json).toEqual({ afterPages: 2, waiting: 0 });
    expect((await call(`${base}/hold`, { method: 'DELETE' })).json).toEqual({
      afterPages: null,
      waiting: 0,
    });
  });
});
