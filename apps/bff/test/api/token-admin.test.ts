import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  credentialResultSchema,
  registryOverviewSchema,
  tokenMutationResultSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { markInterruptedChanges } from '../../src/features/audit/recorder';
import { startDemoHarness, startHarness, type Harness, errorOf } from './harness';

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

/** Tokens and scope maps as ARM holds them (read through the console as the admin). */
async function snapshot(): Promise<string> {
  const o = registryOverviewSchema.parse(await (await h.get(apiPaths.overview(r), admin)).json());
  return JSON.stringify({ tokens: o.tokens, scopeMaps: o.scopeMaps });
}

/** Oldest first (the log lists newest first). */
async function auditRecords() {
  return (await h.audit.list({ limit: 500 })).records.reverse();
}

const inlineBody = (name: string) => ({
  name,
  scopeMap: {
    inline: {
      repositories: [
        { repository: 'factory/line-agent', permissions: ['content/read', 'metadata/read'] },
      ],
      gateways: [],
    },
  },
});

describe('who may change tokens', () => {
  const calls = () =>
    [
      ['create', 'POST', apiPaths.tokens(r), inlineBody('role-check-token')],
      ['disable', 'PATCH', apiPaths.tokenResource(r, 'release-manager'), { status: 'disabled' }],
      ['delete', 'DELETE', apiPaths.tokenResource(r, 'audit-export'), undefined],
      ['generate', 'POST', apiPaths.tokenPasswords(r, 'release-manager'), { slot: 'password2' }],
      ['revoke', 'DELETE', apiPaths.tokenPassword(r, 'ci-pipeline', 'password1'), undefined],
    ] as const;

  it.each([
    ['anonymous', () => undefined, 401, 'unauthenticated'],
    ['no role', () => noRole, 403, 'not_allowed'],
    ['reviewer', () => reviewer, 403, 'not_allowed'],
  ])(
    'refuses the %s on every token route and changes nothing',
    async (_who, cookie, status, code) => {
      const before = await snapshot();
      for (const [what, method, path, body] of calls()) {
        const res = await h.send(method, path, { cookie: cookie(), body });
        expect(res.status, what).toBe(status);
        expect((await errorOf(res)).code, what).toBe(code);
      }
      expect(await snapshot()).toBe(before);
    },
  );

  it('lets the admin do each of them', async () => {
    const expected = [201, 200, 204, 200, 200];
    for (const [i, [what, method, path, body]] of calls().entries()) {
      const res = await h.send(method, path, { cookie: admin, body });
      expect(res.status, `${what}: ${res.status >= 400 ? await res.text() : ''}`).toBe(expected[i]);
    }
  });
});

describe('create token', () => {
  it('creates the scope map, the token and its first password, reveals it once, and audits without it', async () => {
    const res = await h.post(apiPaths.tokens(r), {
      cookie: admin,
      body: inlineBody('new-line-reader'),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = credentialResultSchema.parse(await res.json());
    const secret = body.credentials.passwords[0]!.value;
    expect(secret.length).toBeGreaterThan(20);
    expect(body.credentials.username).toBe('new-line-reader');
    expect(body.credentials.dockerLogin[0]?.command).toContain(
      'docker login contosoregistry.azurecr.io',
    );
    expect(body.credentials.propagationSeconds).toBe(60);
    expect(body.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done']);
    // Read back: usable, default 90-day expiry, the new map holds exactly the inline actions.
    const slot = body.token.passwords[0];
    expect(slot.present).toBe(true);
    const days = (Date.parse(slot.expiry!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
    expect(body.token.scopeMapName).toBe('new-line-reader-scope-map');
    const detail = await (await h.get(apiPaths.token(r, 'new-line-reader'), admin)).text();
    expect(detail).toContain('repositories/factory/line-agent/content/read');
    // The value is in no later response, no log line and no audit record.
    expect(detail).not.toContain(secret);
    expect(h.logs.join('\n')).not.toContain(secret);
    const records = (await auditRecords()).filter((x) =>
      x.target.endsWith('/tokens/new-line-reader'),
    );
    expect(records.map((x) => [x.kind, x.outcome])).toEqual([
      ['intent', null],
      ['outcome', 'succeeded'],
    ]);
    expect(records[0]!.actor).toBe('avery@contoso.onmicrosoft.com');
    expect(records[1]!.armRequestIds!.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(secret);
    expect((await h.audit.verifyChain()).ok).toBe(true);
  });

  it('refuses "never" only when not chosen; accepts it when it is', async () => {
    const res = await h.post(apiPaths.tokens(r), {
      cookie: admin,
      body: { ...inlineBody('forever-reader'), password: { slot: 'password1', expiry: 'never' } },
    });
    expect(res.status).toBe(201);
    const body = credentialResultSchema.parse(await res.json());
    expect(body.token.passwords[0].present).toBe(true);
    expect(body.token.passwords[0].expiry).toBeUndefined();
  });

  it('undoes the token and the new scope map when the password step fails, and says so', async () => {
    h.azure.emulator.control.addFault({
      operation: 'Registries_GenerateCredentials',
      kind: 'error500',
      times: 20,
    });
    const before = await snapshot();
    const res = await h.post(apiPaths.tokens(r), {
      cookie: admin,
      body: inlineBody('half-made-token'),
    });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.message).toContain('Generate password1: failed');
    expect(error.message).toContain('Delete the new token half-made-token: undone');
    expect(error.message).toContain('Delete the new scope map half-made-token-scope-map: undone');
    h.azure.emulator.control.clearFaults();
    expect(await snapshot()).toBe(before);
    const last = (await auditRecords())
      .filter((x) => x.target.endsWith('/tokens/half-made-token'))
      .at(-1)!;
    expect(last.outcome).toBe('failed');
  });
});

describe('passwords', () => {
  it('generates a chosen slot and keeps the other working; revokes a slot by keeping the rest', async () => {
    const gen = await h.post(apiPaths.tokenPasswords(r, 'mes-north-app'), {
      cookie: admin,
      body: { slot: 'password2', expiry: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    expect(gen.status).toBe(200);
    const body = credentialResultSchema.parse(await gen.json());
    expect(body.token.passwords.map((p) => p.present)).toEqual([true, true]);
    expect(body.credentials.passwords.map((p) => p.name)).toEqual(['password2']);

    const revoke = await h.send('DELETE', apiPaths.tokenPassword(r, 'mes-north-app', 'password1'), {
      cookie: admin,
    });
    expect(revoke.status).toBe(200);
    const after = tokenMutationResultSchema.parse(await revoke.json());
    expect(after.token.passwords.map((p) => p.present)).toEqual([false, true]);

    const again = await h.send('DELETE', apiPaths.tokenPassword(r, 'mes-north-app', 'password1'), {
      cookie: admin,
    });
    expect(again.status).toBe(400);
    expect((await errorOf(again)).details?.[0]).toMatchObject({ field: 'slot', rule: 'present' });
  });

  it('limits password generation per person', async () => {
    const limited = await startHarness({ credentialLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const reg = limited.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
      const ref = {
        subscriptionId: reg.subscriptionId,
        resourceGroup: reg.resourceGroup,
        registryName: reg.name,
      };
      const cookie = await limited.signIn('Avery Admin');
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await limited.post(apiPaths.tokenPasswords(ref, 'tracker-south'), {
          cookie,
          body: { slot: 'password2' },
        });
        statuses.push(res.status);
        if (res.status === 429) expect((await errorOf(res)).code).toBe('rate_limited');
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  }, 60_000);
});

describe('disable, enable and delete', () => {
  it('requires the connected registry name typed to disable its sync token, and shows the registry suspended', async () => {
    const refused = await h.send('PATCH', apiPaths.tokenResource(r, 'edgeline1'), {
      cookie: admin,
      body: { status: 'disabled' },
    });
    expect(refused.status).toBe(400);
    const error = await errorOf(refused);
    expect(error.details?.[0]?.field).toBe('confirmConnectedRegistryName');
    expect(error.message).toContain('suspends edgeline1');

    const ok = await h.send('PATCH', apiPaths.tokenResource(r, 'edgeline1'), {
      cookie: admin,
      body: { status: 'disabled', confirmConnectedRegistryName: 'edgeline1' },
    });
    expect(ok.status).toBe(200);
    const o = registryOverviewSchema.parse(await (await h.get(apiPaths.overview(r), admin)).json());
    const edge = o.connectedRegistries.find((c) => c.name === 'edgeline1')!;
    expect(edge.connectionState).toBe('Offline');
    expect(edge.statusDetails.some((d) => d.code === 'SYNC_TOKEN_DISABLED')).toBe(true);

    const enabled = await h.send('PATCH', apiPaths.tokenResource(r, 'edgeline1'), {
      cookie: admin,
      body: { status: 'enabled' },
    });
    expect(tokenMutationResultSchema.parse(await enabled.json()).token.status).toBe('enabled');
  });

  it('refuses to delete the sync token of an existing connected registry, with the reason, before calling Azure', async () => {
    h.azure.emulator.control.resetCounters();
    const res = await h.send('DELETE', apiPaths.tokenResource(r, 'sitenorth'), { cookie: admin });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('sync token of connected registry sitenorth');
    expect(h.azure.emulator.control.counters().byOperation['Tokens_Delete']).toBeUndefined();
  });

  it('deletes a client token', async () => {
    const res = await h.send('DELETE', apiPaths.tokenResource(r, 'line2-plc'), { cookie: admin });
    expect(res.status).toBe(204);
    expect((await h.get(apiPaths.token(r, 'line2-plc'), admin)).status).toBe(404);
  });
});

describe('bad input: a 4xx naming the field and the rule, and nothing changed', () => {
  const cases: Array<[string, () => Promise<Response>, number, string]> = [
    [
      'a short name',
      () => h.post(apiPaths.tokens(r), { cookie: admin, body: inlineBody('ab') }),
      400,
      'name',
    ],
    [
      'a name with markup',
      () => h.post(apiPaths.tokens(r), { cookie: admin, body: inlineBody('<b>x</b>') }),
      400,
      'name',
    ],
    [
      'an unknown field',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: { ...inlineBody('valid-name'), admin: true },
        }),
      400,
      'admin',
    ],
    [
      'a __proto__ key',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: JSON.parse(
            `{"name":"valid-name","scopeMap":{"existing":"old-team-pull"},"__proto__":{"x":1}}`,
          ),
        }),
      400,
      '__proto__',
    ],
    [
      'a wildcard in the middle',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: {
            name: 'valid-name',
            scopeMap: {
              inline: {
                repositories: [{ repository: 'a/*/b', permissions: ['content/read'] }],
                gateways: [],
              },
            },
          },
        }),
      400,
      'scopeMap.inline.repositories.0.repository',
    ],
    [
      'an unknown permission',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: {
            name: 'valid-name',
            scopeMap: {
              inline: {
                repositories: [{ repository: 'a', permissions: ['content/pull'] }],
                gateways: [],
              },
            },
          },
        }),
      400,
      'scopeMap.inline.repositories.0.permissions.0',
    ],
    [
      '501 actions',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: {
            name: 'valid-name',
            scopeMap: {
              inline: {
                repositories: Array.from({ length: 101 }, (_, i) => ({
                  repository: `repo${i}`,
                  permissions: [
                    'content/read',
                    'content/write',
                    'content/delete',
                    'metadata/read',
                    'metadata/write',
                  ],
                })),
                gateways: [],
              },
            },
          },
        }),
      400,
      'scopeMap.inline',
    ],
    [
      'an expiry in the past',
      () =>
        h.post(apiPaths.tokenPasswords(r, 'release-manager'), {
          cookie: admin,
          body: { slot: 'password1', expiry: '2020-01-01T00:00:00Z' },
        }),
      400,
      'expiry',
    ],
    [
      'a slot that does not exist',
      () =>
        h.post(apiPaths.tokenPasswords(r, 'release-manager'), {
          cookie: admin,
          body: { slot: 'password3' },
        }),
      400,
      'slot',
    ],
    [
      'a status that does not exist',
      () =>
        h.send('PATCH', apiPaths.tokenResource(r, 'release-manager'), {
          cookie: admin,
          body: { status: 'paused' },
        }),
      400,
      'status',
    ],
    [
      'a scope map that does not exist',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: { name: 'valid-name', scopeMap: { existing: 'no-such-map' } },
        }),
      400,
      'scopeMap.existing',
    ],
    [
      'both an existing scope map and inline permissions',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: {
            ...inlineBody('valid-name'),
            scopeMap: { ...inlineBody('x').scopeMap, existing: 'old-team-pull' },
          },
        }),
      400,
      'scopeMap',
    ],
    [
      'a token that exists',
      () =>
        h.post(apiPaths.tokens(r), {
          cookie: admin,
          body: { name: 'fleet-monitor', scopeMap: { existing: 'old-team-pull' } },
        }),
      409,
      'name',
    ],
  ];

  it.each(cases)('%s', async (_what, call, status, field) => {
    const before = await snapshot();
    const res = await call();
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(
      error.details?.some((d) => d.field === field && d.rule.length > 0),
      JSON.stringify(error),
    ).toBe(true);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a non-JSON body with 415 and an oversized one with 413', async () => {
    const before = await snapshot();
    const form = await fetch(`${h.base}${apiPaths.tokens(r)}`, {
      method: 'POST',
      headers: {
        cookie: admin,
        origin: h.base,
        'sec-fetch-site': 'same-origin',
        'x-latchkey-request': '1',
        'content-type': 'text/plain',
      },
      body: 'name=x',
    });
    expect(form.status).toBe(415);
    const big = await h.post(apiPaths.tokens(r), {
      cookie: admin,
      body: { ...inlineBody('valid-name'), pad: 'x'.repeat(40_000) },
    });
    expect(big.status).toBe(413);
    expect(await snapshot()).toBe(before);
  });
});

describe('Azure faults on changes', () => {
  it.each([
    [
      'throttling that outlasts the retries',
      { kind: 'throttle', retryAfterSeconds: 0, times: 20 },
      429,
      'azure_throttled',
    ],
    ['a 500', { kind: 'error500', times: 20 }, 502, 'upstream_error'],
    ['a failed long-running operation', { kind: 'lro-failed', times: 1 }, 502, 'upstream_error'],
  ] as const)(
    'reports %s with a clear error and a failed audit record',
    async (_what, fault, status, code) => {
      h.azure.emulator.control.addFault({ operation: 'Tokens_Update', ...fault });
      const res = await h.send('PATCH', apiPaths.tokenResource(r, 'north-build-agent'), {
        cookie: admin,
        body: { status: 'disabled' },
      });
      expect(res.status).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
      const last = (await auditRecords())
        .filter((x) => x.target.endsWith('/tokens/north-build-agent'))
        .at(-1)!;
      expect(last.kind).toBe('outcome');
      expect(last.outcome).toBe('failed');
    },
  );
});

describe('audit records under concurrency and crashes', () => {
  it('leaves exactly N complete records with an intact chain for N concurrent changes', async () => {
    const names = [
      'north-build-agent',
      'tracker-south',
      'line3-camera01',
      'release-manager',
      'new-service',
    ];
    const before = (await auditRecords()).length;
    const results = await Promise.all(
      names.map((name) =>
        h.send('PATCH', apiPaths.tokenResource(r, name), {
          cookie: admin,
          body: { status: 'enabled' },
        }),
      ),
    );
    expect(results.map((x) => x.status)).toEqual(names.map(() => 200));
    const added = (await auditRecords()).slice(before);
    expect(added).toHaveLength(names.length * 2);
    expect(added.filter((x) => x.outcome === 'succeeded')).toHaveLength(names.length);
    expect((await h.audit.verifyChain()).ok).toBe(true);
  });

  it('marks an intent left without outcome (a crash mid-change) as outcome unknown at start-up', async () => {
    const intentId = await h.audit.appendIntent({
      actor: 'avery@contoso.onmicrosoft.com',
      action: 'token.disable',
      target:
        '/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerRegistry/registries/z/tokens/crashed',
      requestId: 'crash-test',
    });
    const silent = { warn: () => {} } as never;
    expect(await markInterruptedChanges(h.audit, silent)).toBe(1);
    const records = (await auditRecords()).filter((x) => x.intentId === intentId);
    expect(records.map((x) => x.outcome)).toEqual(['unknown']);
    expect(await h.audit.pendingIntents()).toEqual([]);
    expect((await h.audit.verifyChain()).ok).toBe(true);
  });
});
