/**
 * RBAC and authentication failures, injected faults, and state surviving a
 * restart, all observed through the SDK.
 */
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, DEMO_PERSONAS, DEMO_SUBSCRIPTIONS } from '../../src/scenario/contoso';
import {
  collect,
  POLL,
  REG,
  REGISTRY_ID,
  RG,
  restError,
  scopeMapId,
  sdk,
  startHarness,
  startLocalArm,
  staticCredential,
  type Harness,
  type LocalArm,
} from './stack';

const FACTORIES = DEMO_SUBSCRIPTIONS.factories.subscriptionId;

describe('RBAC', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterAll(async () => h?.close());

  it('a Reader can read but not write: 403 AuthorizationFailed naming the action and scope', async () => {
    const reader = sdk(h, h.reader);
    expect((await reader.tokens.get(RG, REG, 'sitenorth')).name).toBe('sitenorth');
    const e = await restError(() =>
      reader.tokens.create(
        RG,
        REG,
        'reader-made',
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      ),
    );
    expect(e).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(e.message).toContain(
      "does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/tokens/write'",
    );
    expect(e.message).toContain(`over scope '${REGISTRY_ID}/tokens/reader-made'`);
    await expect(
      reader.registries.generateCredentials(
        RG,
        REG,
        { tokenId: `${REGISTRY_ID}/tokens/sitenorth` },
        POLL,
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      reader.connectedRegistries.deactivate(RG, REG, 'sitenorth', POLL),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('RBAC for apps (client credentials)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterAll(async () => h?.close());

  it('an app without a role sees no registries and is refused reads', async () => {
    const app = sdk(h, h.app('console'));
    expect(await collect(app.registries.list())).toEqual([]);
    const e = await restError(() => app.registries.get(RG, REG));
    expect(e).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(e.message).toContain(
      `The client '${DEMO_CLIENTS.console.clientId}' with object id '${DEMO_CLIENTS.console.servicePrincipalId}'`,
    );
  });

  it('a Contributor app writes and a Reader app cannot', async () => {
    const writer = sdk(h, h.app('automation'));
    const made = await writer.scopeMaps.create(
      RG,
      REG,
      'app-made',
      { actions: ['repositories/a/content/read'] },
      POLL,
    );
    expect(made.systemData).toMatchObject({
      createdBy: DEMO_CLIENTS.automation.clientId,
      createdByType: 'Application',
    });
    const reader = sdk(h, h.app('readOnlyAutomation'));
    expect((await reader.scopeMaps.get(RG, REG, 'app-made')).name).toBe('app-made');
    await expect(reader.scopeMaps.delete(RG, REG, 'app-made', POLL)).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
    });
  });
});

describe('RBAC for people (test-signed persona tokens)', () => {
  let arm: LocalArm;
  const as = async (
    persona: keyof typeof DEMO_PERSONAS,
    subscriptionId?: string,
  ): Promise<ContainerRegistryManagementClient> => {
    const p = DEMO_PERSONAS[persona];
    const token = await arm.sign({
      oid: p.oid,
      upn: p.username,
      name: p.name,
      scp: 'user_impersonation',
    });
    return sdk(arm, staticCredential(token), subscriptionId ? { subscriptionId } : {});
  };
  beforeAll(async () => {
    arm = await startLocalArm({ scenario: 'demo' });
  });
  afterAll(async () => arm?.close());

  it('registry-scope Reader: sees the registry and its children, cannot write them', async () => {
    const morgan = await as('morgan');
    expect((await collect(morgan.registries.list())).map((r) => r.name)).toEqual([REG]);
    expect((await morgan.connectedRegistries.get(RG, REG, 'sitenorth')).name).toBe('sitenorth');
    const e = await restError(() =>
      morgan.tokens.update(RG, REG, 'sitenorth', { status: 'disabled' }, POLL),
    );
    expect(e).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(e.message).toContain(
      `The client '${DEMO_PERSONAS.morgan.username}' with object id '${DEMO_PERSONAS.morgan.oid}'`,
    );
  });

  it('a custom role without tokens/read (NotActions): the registry and other lists read, tokens 403', async () => {
    const sasha = await as('sasha');
    expect((await sasha.registries.get(RG, REG)).name).toBe(REG);
    expect((await collect(sasha.scopeMaps.list(RG, REG))).length).toBeGreaterThan(0);
    expect((await collect(sasha.connectedRegistries.list(RG, REG))).length).toBeGreaterThan(0);
    const e = await restError(() => collect(sasha.tokens.list(RG, REG)));
    expect(e).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    const get = await restError(() => sasha.tokens.get(RG, REG, 'sitenorth'));
    expect(get).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(get.message).toContain("'Microsoft.ContainerRegistry/registries/tokens/read'");
  });

  it('a registry without a role is not listed, and reading it is 403', async () => {
    const nico = await as('nico', FACTORIES);
    expect(await collect(nico.registries.list())).toEqual([]);
    await expect(nico.registries.get('rg-registry-dev', 'contosodev')).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
    });
    const avery = await as('avery', FACTORIES);
    expect((await collect(avery.registries.list())).map((r) => r.name)).toEqual(['contosodev']);
  });

  it('writes are stamped with the caller in systemData', async () => {
    const avery = await as('avery');
    const made = await avery.scopeMaps.create(
      RG,
      REG,
      'avery-map',
      { actions: ['repositories/a/content/read'] },
      POLL,
    );
    expect(made.systemData).toMatchObject({
      createdBy: DEMO_PERSONAS.avery.username,
      createdByType: 'User',
      lastModifiedBy: DEMO_PERSONAS.avery.username,
    });
  });

  it('rejects expired, wrong-audience, untrusted and other-tenant tokens with 401', async () => {
    const oid = DEMO_PERSONAS.avery.oid;
    const expired = sdk(arm, staticCredential(await arm.sign({ oid }, { expiresInSeconds: -600 })));
    await expect(expired.registries.get(RG, REG)).rejects.toMatchObject({
      statusCode: 401,
      code: 'ExpiredAuthenticationToken',
    });
    const audience = sdk(
      arm,
      staticCredential(await arm.sign({ oid }, { audience: 'https://vault.azure.net' })),
    );
    await expect(audience.registries.get(RG, REG)).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
    const issuer = sdk(
      arm,
      staticCredential(await arm.sign({ oid }, { issuer: 'https://evil.example/v2.0' })),
    );
    await expect(issuer.registries.get(RG, REG)).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
    const otherTenant = 'f0000000-0000-4000-8000-000000000001';
    const tenant = sdk(
      arm,
      staticCredential(
        await arm.sign(
          { oid, tid: otherTenant },
          { issuer: `https://sts.windows.net/${otherTenant}/` },
        ),
      ),
    );
    // Another tenant's issuer is not trusted at all; the demo tenant's v1 issuer with another tid is the tenant mismatch.
    await expect(tenant.registries.get(RG, REG)).rejects.toMatchObject({ statusCode: 401 });
    const mismatch = sdk(arm, staticCredential(await arm.sign({ oid, tid: otherTenant })));
    await expect(mismatch.registries.get(RG, REG)).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationTokenTenant',
    });
  });
});

describe('faults', () => {
  let h: Harness;
  let client: ContainerRegistryManagementClient;
  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo' });
    client = sdk(h, h.writer);
  });
  afterAll(async () => h?.close());

  it('429 with Retry-After 1 is retried by the SDK, then succeeds', async () => {
    h.emulator.control.resetCounters();
    h.emulator.control.addFault({
      operation: 'Tokens_Get',
      kind: 'throttle',
      retryAfterSeconds: 1,
      times: 1,
    });
    const started = Date.now();
    expect((await client.tokens.get(RG, REG, 'sitenorth')).name).toBe('sitenorth');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.emulator.control.counters().byOperation.Tokens_Get).toBe(2);
    const statuses = h.emulator.control
      .requests()
      .filter((r) => r.operation === 'Tokens_Get')
      .map((r) => r.status);
    expect(statuses.slice(-2)).toEqual([429, 200]);
  });

  it('429 surfaces with Retry-After when the SDK does not retry', async () => {
    h.emulator.control.addFault({
      operation: 'ScopeMaps_List',
      kind: 'throttle',
      retryAfterSeconds: 7,
      times: 1,
    });
    const e = await restError(() =>
      collect(sdk(h, h.writer, { maxRetries: 0 }).scopeMaps.list(RG, REG)),
    );
    expect(e).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect(e.response?.headers.get('retry-after')).toBe('7');
  });

  it('500 surfaces as a RestError', async () => {
    h.emulator.control.addFault({
      operation: 'ConnectedRegistries_Get',
      kind: 'error500',
      times: 1,
    });
    await expect(
      sdk(h, h.writer, { maxRetries: 0 }).connectedRegistries.get(RG, REG, 'sitenorth'),
    ).rejects.toMatchObject({
      statusCode: 500,
      code: 'InternalServerError',
    });
  });

  it('a failed long-running operation surfaces its error', async () => {
    h.emulator.control.updateSettings({ lroPolls: 1 });
    h.emulator.control.addFault({ operation: 'Tokens_Create', kind: 'lro-failed', times: 1 });
    const e = await restError(() =>
      client.tokens.create(
        RG,
        REG,
        'fails-lro',
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      ),
    );
    expect(e.message).toMatch(/long-running operation has failed.*InternalServerError/);
    expect((await client.tokens.get(RG, REG, 'fails-lro')).provisioningState).toBe('Failed');
    h.emulator.control.addFault({
      operation: 'ConnectedRegistries_Deactivate',
      kind: 'lro-failed',
      times: 1,
    });
    await expect(client.connectedRegistries.deactivate(RG, REG, 'sitenorth', POLL)).rejects.toThrow(
      /InternalServerError/,
    );
    expect((await client.connectedRegistries.get(RG, REG, 'sitenorth')).activation?.status).toBe(
      'Active',
    );
    h.emulator.control.updateSettings({ lroPolls: 0 });
  });

  it('latency delays, and a reset drops the connection', async () => {
    h.emulator.control.addFault({
      operation: 'Registries_Get',
      kind: 'latency',
      latencyMs: 300,
      times: 1,
    });
    const started = Date.now();
    await client.registries.get(RG, REG);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    h.emulator.control.addFault({ operation: '*', kind: 'reset', times: 1 });
    await expect(sdk(h, h.writer, { maxRetries: 0 }).registries.get(RG, REG)).rejects.toThrow();
    expect((await client.registries.get(RG, REG)).name).toBe(REG);
  });
});

describe('persistence', () => {
  it('keeps changes across a restart on the same data folder', async () => {
    const first = await startHarness({ scenario: 'demo' });
    const dataDir = first.dataDir;
    try {
      const client = sdk(first, first.writer);
      await client.scopeMaps.create(
        RG,
        REG,
        'survivor',
        { actions: ['repositories/keep/content/read'] },
        POLL,
      );
      await client.tokens.update(RG, REG, 'sitenorth', { status: 'disabled' }, POLL);
    } finally {
      await first.close({ keepData: true });
    }
    const second = await startHarness({ scenario: 'demo', dataDir });
    try {
      const client = sdk(second, second.writer);
      expect((await client.scopeMaps.get(RG, REG, 'survivor')).actions).toEqual([
        'repositories/keep/content/read',
      ]);
      expect((await client.tokens.get(RG, REG, 'sitenorth')).status).toBe('disabled');
      expect((await client.connectedRegistries.get(RG, REG, 'sitenorth')).connectionState).toBe(
        'Offline',
      );
      // A reset brings the scenario back.
      await second.emulator.control.reset('demo');
      await expect(client.scopeMaps.get(RG, REG, 'survivor')).rejects.toMatchObject({
        statusCode: 404,
      });
    } finally {
      await second.close();
    }
  });
});
