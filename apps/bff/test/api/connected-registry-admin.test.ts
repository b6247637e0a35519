import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  connectedRegistryMutationResultSchema,
  connectionStringResultSchema,
  registryOverviewSchema,
  tokenViewSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { startDemoHarness, type Harness, errorOf } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let noRole: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin, reviewer, noRole } = await startDemoHarness({
    credentialLimit: { limit: 1000, windowMs: 60_000 },
  }));
}, 60_000);

afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

async function overview() {
  const res = await h.get(apiPaths.overview(r), admin);
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

/** What these routes can change: client tokens, activation, scope map actions, password slots. */
async function snapshot(): Promise<string> {
  const o = await overview();
  return JSON.stringify({
    connectedRegistries: o.connectedRegistries.map((c) => ({
      name: c.name,
      clientTokenNames: c.clientTokenNames,
      activation: c.activation,
    })),
    scopeMaps: o.scopeMaps.map((m) => ({ name: m.name, actions: m.actions })),
    tokens: o.tokens.map((t) => ({ name: t.name, passwords: t.passwords })),
  });
}

async function actionsOf(scopeMap: string): Promise<string[]> {
  return (await overview()).scopeMaps.find((m) => m.name === scopeMap)!.actions;
}

async function token(name: string) {
  const res = await h.get(apiPaths.token(r, name), admin);
  expect(res.status).toBe(200);
  return tokenViewSchema.parse(((await res.json()) as { token: unknown }).token ?? {});
}

/** The intent and outcome records of one action on one target, oldest first. */
async function auditOf(action: string, targetEnd: string) {
  return (await h.audit.list({ limit: 500 })).records
    .reverse()
    .filter((x) => x.action === action && x.target.endsWith(targetEnd));
}

const writes = () => {
  const by = h.azure.emulator.control.counters().byOperation;
  return [
    'ConnectedRegistries_Update',
    'ConnectedRegistries_Deactivate',
    'ScopeMaps_Update',
    'Registries_GenerateCredentials',
  ].map((op) => by[op] ?? 0);
};

describe('who may change connected registries', () => {
  const calls = (cr: string) =>
    [
      ['client tokens', apiPaths.connectedRegistryClientTokens(r, cr), { add: ['audit-export'] }],
      [
        'synced repositories',
        apiPaths.connectedRegistrySyncedRepositories(r, cr),
        { add: ['factory/role-check'] },
      ],
      [
        'connection string',
        apiPaths.connectedRegistryConnectionString(r, cr),
        { slot: 'password2', confirmConnectedRegistryName: cr },
      ],
      [
        'deactivate',
        apiPaths.connectedRegistryDeactivate(r, cr),
        { confirmConnectedRegistryName: cr },
      ],
    ] as const;

  it.each([
    ['anonymous', () => undefined, 401, 'unauthenticated'],
    ['no role', () => noRole, 403, 'not_allowed'],
    ['reviewer', () => reviewer, 403, 'not_allowed'],
  ])(
    'refuses the %s on every route before calling Azure, and changes nothing',
    async (_who, cookie, status, code) => {
      const before = await snapshot();
      const total = h.azure.emulator.control.counters().total;
      for (const [what, path, body] of calls('edgeline1')) {
        const res = await h.send('POST', path, { cookie: cookie(), body });
        expect(res.status, what).toBe(status);
        expect((await errorOf(res)).code, what).toBe(code);
      }
      expect(h.azure.emulator.control.counters().total).toBe(total);
      expect(await snapshot()).toBe(before);
    },
  );

  it('lets the admin do each of them', async () => {
    for (const [what, path, body] of calls('edgespare1')) {
      const res = await h.send('POST', path, { cookie: admin, body });
      expect(res.status, `${what}: ${res.status >= 400 ? await res.text() : ''}`).toBe(200);
    }
  });
});

describe('client tokens', () => {
  it('attaches a token, shows it in the overview, detaches it again, audited each time', async () => {
    const path = apiPaths.connectedRegistryClientTokens(r, 'sitenorth');
    const res = await h.post(path, { cookie: admin, body: { add: ['legacy-deployer'] } });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await res.json());
    expect(body.connectedRegistry.clientTokenNames).toEqual([
      'mes-north-app',
      'north-build-agent',
      'legacy-deployer',
    ]);
    expect(body.warnings).toEqual([]);
    expect(body.steps.map((s) => s.outcome)).toEqual(['done']);
    const cr = (await overview()).connectedRegistries.find((c) => c.name === 'sitenorth')!;
    expect(cr.clientTokenNames).toContain('legacy-deployer');

    const detach = await h.post(path, { cookie: admin, body: { remove: ['legacy-deployer'] } });
    expect(detach.status).toBe(200);
    const after = connectedRegistryMutationResultSchema.parse(await detach.json());
    expect(after.connectedRegistry.clientTokenNames).toEqual([
      'mes-north-app',
      'north-build-agent',
    ]);

    const records = await auditOf(
      'connectedRegistry.clientTokens',
      '/connectedRegistries/sitenorth',
    );
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'succeeded'],
      ['intent', null],
      ['outcome', 'succeeded'],
    ]);
    expect(records[1]!.armRequestIds!.length).toBeGreaterThan(0);
    expect(records[1]!.after).toEqual({
      clientTokens: ['mes-north-app', 'north-build-agent', 'legacy-deployer'],
    });
  });

  it('warns, without refusing, when a write-capable token is attached to a ReadOnly registry', async () => {
    const res = await h.post(apiPaths.connectedRegistryClientTokens(r, 'edgeline1'), {
      cookie: admin,
      body: { add: ['ci-pipeline'] },
    });
    expect(res.status).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await res.json());
    expect(body.connectedRegistry.clientTokenNames).toContain('ci-pipeline');
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toContain('ci-pipeline');
    expect(body.warnings[0]).toContain('those permissions have no effect there');

    // The same kind of token on a ReadWrite registry is effective there: no warning.
    const rw = await h.post(apiPaths.connectedRegistryClientTokens(r, 'sitesouth'), {
      cookie: admin,
      body: { add: ['release-manager'] },
    });
    expect(rw.status).toBe(200);
    expect(connectedRegistryMutationResultSchema.parse(await rw.json()).warnings).toEqual([]);
  });

  it('refuses a 21st client token, naming the rule, and changes nothing', async () => {
    const o = await overview();
    const cr = o.connectedRegistries.find((c) => c.name === 'edgeline2')!;
    const candidates = o.tokens
      .filter((t) => t.kind.type !== 'sync' && !cr.clientTokenNames.includes(t.name))
      .map((t) => t.name);
    const add = candidates.slice(0, 21 - cr.clientTokenNames.length);
    expect(cr.clientTokenNames.length + add.length).toBe(21);
    const before = await snapshot();
    const res = await h.post(apiPaths.connectedRegistryClientTokens(r, 'edgeline2'), {
      cookie: admin,
      body: { add },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.[0]).toMatchObject({
      field: 'add',
      rule: 'max-20-client-tokens',
    });
    expect(await snapshot()).toBe(before);

    // Exactly 20 is allowed.
    const ok = await h.post(apiPaths.connectedRegistryClientTokens(r, 'edgeline2'), {
      cookie: admin,
      body: { add: add.slice(0, -1) },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await ok.json());
    expect(body.connectedRegistry.clientTokenNames).toHaveLength(20);
  });

  it.each([
    ['a token that does not exist', { add: ['no-such-token'] }, 'add.0', 'exists'],
    ['its own sync token', { add: ['edgeline1'] }, 'add.0', 'not-sync-token'],
    [
      'a token in both lists',
      { add: ['audit-export'], remove: ['audit-export'] },
      'remove.0',
      'not-in-both',
    ],
    ['an invalid token name', { add: ['<b>x</b>'] }, 'add.0', 'invalid_format'],
    ['an unknown field', { add: ['audit-export'], extra: 1 }, 'extra', 'unrecognized_keys'],
    ['nothing to do', {}, 'add', 'not-empty'],
  ])('refuses %s with 400 naming field and rule', async (_what, body, field, rule) => {
    const before = await snapshot();
    const writesBefore = writes();
    const res = await h.post(apiPaths.connectedRegistryClientTokens(r, 'edgeline1'), {
      cookie: admin,
      body,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.[0]).toMatchObject({ field, rule });
    expect(writes()).toEqual(writesBefore);
    expect(await snapshot()).toBe(before);
  });
});

describe('synced repositories', () => {
  const readOnly = (repo: string) => [
    `repositories/${repo}/content/read`,
    `repositories/${repo}/metadata/read`,
  ];
  const all5 = (repo: string) =>
    ['content/read', 'content/write', 'content/delete', 'metadata/read', 'metadata/write'].map(
      (p) => `repositories/${repo}/${p}`,
    );

  it('adds to the edge and its ancestors with the edge’s mode; removes from a site and its descendants', async () => {
    const before = Object.fromEntries(
      await Promise.all(
        ['edgeline1', 'edgeline2', 'sitenorth', 'sitesouth', 'edgespare1'].map(
          async (m) => [m, await actionsOf(m)] as const,
        ),
      ),
    );
    const res = await h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline1'), {
      cookie: admin,
      body: { add: ['factory/packaging'] },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await res.json());
    expect(body.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['Update scope map edgeline1 (sync scope map edgeline1)', 'done'],
      ['Update scope map sitenorth (ancestor sitenorth)', 'done'],
    ]);
    expect(await actionsOf('edgeline1')).toEqual([
      ...before.edgeline1!,
      ...readOnly('factory/packaging'),
    ]);
    expect(await actionsOf('sitenorth')).toEqual([
      ...before.sitenorth!,
      ...readOnly('factory/packaging'),
    ]);
    expect(await actionsOf('edgeline2')).toEqual(before.edgeline2);
    const [intent, outcome] = await auditOf(
      'connectedRegistry.syncedRepositories',
      '/connectedRegistries/edgeline1',
    );
    expect(intent!.kind).toBe('intent');
    expect((intent!.before as { state: { maps: unknown[] } }).state.maps).toEqual([
      {
        connectedRegistry: 'edgeline1',
        role: 'target',
        scopeMap: 'edgeline1',
        actions: before.edgeline1,
      },
      {
        connectedRegistry: 'sitenorth',
        role: 'ancestor',
        scopeMap: 'sitenorth',
        actions: before.sitenorth,
      },
    ]);
    expect(outcome!.outcome).toBe('succeeded');
    expect((outcome!.after as { maps: Array<{ actions: string[] }> }).maps[1]!.actions).toEqual([
      ...before.sitenorth!,
      ...readOnly('factory/packaging'),
    ]);

    // Remove line-agent from sitenorth: it and every descendant lose all five actions.
    const rm = await h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'sitenorth'), {
      cookie: admin,
      body: { remove: ['factory/line-agent'] },
    });
    expect(rm.status, await rm.clone().text()).toBe(200);
    const gone = new Set(all5('factory/line-agent'));
    const added = ['edgeline1', 'sitenorth'];
    for (const m of ['sitenorth', 'edgeline1', 'edgeline2', 'edgespare1']) {
      const expected = [
        ...before[m]!,
        ...(added.includes(m) ? readOnly('factory/packaging') : []),
      ].filter((a) => !gone.has(a));
      // Something was removed from every one of them.
      expect(expected.length, m).toBeLessThan(before[m]!.length + (added.includes(m) ? 2 : 0));
      expect(await actionsOf(m), m).toEqual(expected);
    }
    expect(await actionsOf('sitesouth')).toEqual(before.sitesouth);
  });

  it('gives all five actions for a ReadWrite registry, whose only ancestor is the cloud', async () => {
    const before = await actionsOf('sitesouth');
    const others = await snapshot();
    const res = await h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'sitesouth'), {
      cookie: admin,
      body: { add: ['Logistics/Returns'] },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await res.json());
    expect(body.steps.map((s) => s.outcome)).toEqual(['done']);
    expect(await actionsOf('sitesouth')).toEqual([...before, ...all5('logistics/returns')]);
    // Nothing else changed.
    const strip = (snap: string) =>
      JSON.stringify(
        (JSON.parse(snap) as { scopeMaps: Array<{ name: string }> }).scopeMaps.filter(
          (m) => m.name !== 'sitesouth',
        ),
      );
    expect(strip(await snapshot())).toBe(strip(others));
  });

  it('undoes the maps already changed when a later map write fails, and reports the steps', async () => {
    const control = h.azure.emulator.control;
    const before = {
      edgeline2: await actionsOf('edgeline2'),
      sitenorth: await actionsOf('sitenorth'),
    };
    const snap = await snapshot();
    const updates = () => control.counters().byOperation.ScopeMaps_Update ?? 0;
    const start = updates();
    // Hold the second write long enough to arm a 500 for it (and its SDK retries) only.
    control.addFault({ operation: 'ScopeMaps_Update', kind: 'latency', latencyMs: 800, times: 2 });
    const pending = h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline2'), {
      cookie: admin,
      body: { add: ['factory/fault-probe'] },
    });
    while (updates() === start) await new Promise((resolve) => setTimeout(resolve, 10));
    control.addFault({ operation: 'ScopeMaps_Update', kind: 'error500', times: 4 });
    const res = await pending;
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.message).toContain('Update scope map edgeline2 (sync scope map edgeline2): done');
    expect(error.message).toContain('Update scope map sitenorth (ancestor sitenorth): failed');
    expect(error.message).toContain('Restore scope map edgeline2: undone');
    expect(control.faults()).toEqual([]);
    expect(await actionsOf('edgeline2')).toEqual(before.edgeline2);
    expect(await actionsOf('sitenorth')).toEqual(before.sitenorth);
    expect(await snapshot()).toBe(snap);
    const records = await auditOf(
      'connectedRegistry.syncedRepositories',
      '/connectedRegistries/edgeline2',
    );
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'failed'],
    ]);
    expect(records[1]!.armRequestIds!.length).toBeGreaterThan(0);
  });

  it.each([
    ['a wildcard', { add: ['factory/*'] }, 'add.0', 'no-wildcard'],
    ['an invalid name', { add: ['Factory/<script>'] }, 'add.0', 'repository-name'],
    ['a repository in both lists', { add: ['a/b'], remove: ['a/b'] }, 'remove.0', 'not-in-both'],
    ['an unknown field', { add: ['a/b'], mode: 'ReadWrite' }, 'mode', 'unrecognized_keys'],
  ])('refuses %s with 400 naming field and rule', async (_what, body, field, rule) => {
    const before = await snapshot();
    const res = await h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline1'), {
      cookie: admin,
      body,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.[0]).toMatchObject({ field, rule });
    expect(await snapshot()).toBe(before);
  });
});

describe('connection string', () => {
  it('requires the connected registry’s name typed to confirm, and changes nothing otherwise', async () => {
    const before = await snapshot();
    const writesBefore = writes();
    for (const body of [
      { slot: 'password1' },
      { slot: 'password1', confirmConnectedRegistryName: 'edgeline' },
    ]) {
      const res = await h.post(apiPaths.connectedRegistryConnectionString(r, 'edgeline4'), {
        cookie: admin,
        body,
      });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe('confirmConnectedRegistryName');
    }
    expect(writes()).toEqual(writesBefore);
    expect(await snapshot()).toBe(before);
  });

  it('rotates the sync token’s slot, forces https to the cloud, reveals once and records no secret', async () => {
    const slotBefore = (await token('sitesouth')).passwords.find((p) => p.name === 'password1')!;
    const res = await h.post(apiPaths.connectedRegistryConnectionString(r, 'sitesouth'), {
      cookie: admin,
      body: {
        slot: 'password1',
        parentProtocol: 'http',
        confirmConnectedRegistryName: 'sitesouth',
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = connectionStringResultSchema.parse(await res.json());
    const secret = body.credentials.passwords[0]!.value;
    expect(secret.length).toBeGreaterThan(20);
    const endpoint = body.connectedRegistry.gatewayEndpoint!;
    expect(endpoint).toMatch(/^contosoregistry\.[a-z0-9]+\.data\.azurecr\.io$/);
    expect(body.connectionString).toBe(
      `ConnectedRegistryName=sitesouth;SyncTokenName=sitesouth;SyncTokenPassword=${secret};ParentGatewayEndpoint=${endpoint};ParentEndpointProtocol=https`,
    );
    expect(body.warnings.some((w) => w.includes('https only'))).toBe(true);
    expect(body.credentials.username).toBe('sitesouth');

    const slotAfter = (await token('sitesouth')).passwords.find((p) => p.name === 'password1')!;
    expect(slotAfter.present).toBe(true);
    expect(slotAfter.creationTime).not.toBe(slotBefore.creationTime);
    const days = (Date.parse(slotAfter.expiry!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);

    // Nowhere else: later responses, logs, audit.
    const later = await (await h.get(apiPaths.overview(r), admin)).text();
    expect(later).not.toContain(secret);
    expect(await (await h.get(apiPaths.token(r, 'sitesouth'), admin)).text()).not.toContain(secret);
    expect(h.logs.join('\n')).not.toContain(secret);
    const records = await auditOf(
      'connectedRegistry.connectionString',
      '/connectedRegistries/sitesouth',
    );
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'succeeded'],
    ]);
    expect((records[0]!.before as { state: { slot: string } }).state.slot).toBe('password1');
    expect(JSON.stringify(records)).not.toContain(secret);
    const all = await h.audit.list({ limit: 500 });
    expect(JSON.stringify(all)).not.toContain(secret);
  });

  it('keeps http for a child of an on-premises parent, whose endpoint Azure does not know', async () => {
    const res = await h.post(apiPaths.connectedRegistryConnectionString(r, 'edgeline3'), {
      cookie: admin,
      body: {
        slot: 'password2',
        expiry: 'never',
        parentProtocol: 'http',
        confirmConnectedRegistryName: 'edgeline3',
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = connectionStringResultSchema.parse(await res.json());
    const secret = body.credentials.passwords[0]!.value;
    expect(body.connectionString).toBe(
      `ConnectedRegistryName=edgeline3;SyncTokenName=edgeline3-sync-token;SyncTokenPassword=${secret};ParentGatewayEndpoint=<parent gateway endpoint>;ParentEndpointProtocol=http`,
    );
    expect(body.credentials.passwords[0]!.expiry).toBeUndefined();
    const [intent] = await auditOf(
      'connectedRegistry.connectionString',
      '/connectedRegistries/edgeline3',
    );
    expect((intent!.before as { state: { expiry: string } }).state.expiry).toBe('never');
  });
});

describe('deactivate', () => {
  it('requires confirmation, then deactivates, reads back Inactive and audits', async () => {
    const path = apiPaths.connectedRegistryDeactivate(r, 'edgeline3');
    const o = await overview();
    expect(o.connectedRegistries.find((c) => c.name === 'edgeline3')!.activation).toBe('Active');
    const before = await snapshot();
    for (const body of [{}, { confirmConnectedRegistryName: 'EDGELINE3' }]) {
      const res = await h.post(path, { cookie: admin, body });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe('confirmConnectedRegistryName');
    }
    expect(await snapshot()).toBe(before);

    const res = await h.post(path, {
      cookie: admin,
      body: { confirmConnectedRegistryName: 'edgeline3' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = connectedRegistryMutationResultSchema.parse(await res.json());
    expect(body.connectedRegistry.activation).toBe('Inactive');
    expect(
      (await overview()).connectedRegistries.find((c) => c.name === 'edgeline3')!.activation,
    ).toBe('Inactive');
    const records = await auditOf('connectedRegistry.deactivate', '/connectedRegistries/edgeline3');
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'succeeded'],
    ]);
    expect(records[1]!.after).toMatchObject({ activation: 'Inactive' });
    expect((await h.audit.verifyChain()).ok).toBe(true);
  });

  it('reports an Azure failure clearly and records it', async () => {
    h.azure.emulator.control.addFault({
      operation: 'ConnectedRegistries_Deactivate',
      kind: 'lro-failed',
      times: 1,
    });
    const res = await h.post(apiPaths.connectedRegistryDeactivate(r, 'edgeline4'), {
      cookie: admin,
      body: { confirmConnectedRegistryName: 'edgeline4' },
    });
    expect(res.status).toBe(502);
    expect((await errorOf(res)).message).toContain('connected registry edgeline4');
    const records = await auditOf('connectedRegistry.deactivate', '/connectedRegistries/edgeline4');
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'failed'],
    ]);
  });
});
