import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiPaths,
  registryOverviewSchema,
  scopeMapDetailSchema,
  scopeMapMutationResultSchema,
  scopeMapViewSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { startDemoHarness, startHarness, type Harness, errorOf } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let noRole: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin, reviewer, noRole } = await startDemoHarness());
}, 60_000);

afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

async function mapOf(harness: Harness, cookie: string, name: string) {
  const res = await harness.get(apiPaths.scopeMap(r, name), cookie);
  const body: unknown = await res.json();
  if (res.status !== 200)
    throw new Error(`GET scope map ${name}: ${res.status} ${JSON.stringify(body)}`);
  return scopeMapDetailSchema.parse(body).scopeMap;
}

async function snapshot(): Promise<string> {
  const o = registryOverviewSchema.parse(await (await h.get(apiPaths.overview(r), admin)).json());
  return JSON.stringify(o.scopeMaps);
}

const read = (repo: string) => [
  `repositories/${repo}/content/read`,
  `repositories/${repo}/metadata/read`,
];

describe('who may change scope maps', () => {
  it.each([
    ['anonymous', () => undefined, 401],
    ['no role', () => noRole, 403],
    ['reviewer', () => reviewer, 403],
  ])('refuses the %s and changes nothing', async (_who, cookie, status) => {
    const before = await snapshot();
    const version = (await mapOf(h, admin, 'old-team-pull')).version!;
    const calls = [
      h.send('POST', apiPaths.scopeMaps(r), {
        cookie: cookie(),
        body: { name: 'role-check-map', actions: read('a') },
      }),
      h.send('PUT', apiPaths.scopeMapResource(r, 'old-team-pull'), {
        cookie: cookie(),
        body: { actions: read('b'), expectedVersion: version },
      }),
      h.send('DELETE', apiPaths.scopeMapResource(r, 'old-team-pull'), { cookie: cookie() }),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(status);
    expect(await snapshot()).toBe(before);
  });
});

describe('editing', () => {
  it('creates a map, edits it with the diff, and records both in the audit log', async () => {
    const created = await h.send('POST', apiPaths.scopeMaps(r), {
      cookie: admin,
      body: {
        name: 'team-alpha-pull',
        description: '<b>Alpha</b> & co',
        actions: read('alpha/api'),
      },
    });
    expect(created.status).toBe(201);
    const c = scopeMapMutationResultSchema.parse(await created.json());
    // Markup is data: stored and returned as text.
    expect(c.scopeMap.description).toBe('<b>Alpha</b> & co');

    const res = await h.send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
      cookie: admin,
      body: {
        actions: ['repositories/alpha/API/content/read', 'repositories/alpha/*/content/read'],
        expectedVersion: c.scopeMap.version,
      },
    });
    expect(res.status).toBe(200);
    const u = scopeMapMutationResultSchema.parse(await res.json());
    expect(u.diff).toEqual({
      added: ['repositories/alpha/*/content/read'],
      removed: ['repositories/alpha/api/metadata/read'],
    });
    expect(u.scopeMap.actions).toEqual([
      'repositories/alpha/api/content/read',
      'repositories/alpha/*/content/read',
    ]);
    expect(u.scopeMap.version).not.toBe(c.scopeMap.version);
    const records = (await h.audit.list({ limit: 50 })).records.filter((x) =>
      x.target.endsWith('/scopeMaps/team-alpha-pull'),
    );
    expect(records.map((x) => `${x.action}:${x.kind}:${x.outcome}`).reverse()).toEqual([
      'scopeMap.create:intent:null',
      'scopeMap.create:outcome:succeeded',
      'scopeMap.update:intent:null',
      'scopeMap.update:outcome:succeeded',
    ]);
  });

  it('refuses a save over someone else’s change, showing their version, and changes nothing', async () => {
    const loaded = await mapOf(h, admin, 'team-alpha-pull');
    const theirs = await h.send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
      cookie: admin,
      body: { actions: read('alpha/theirs'), expectedVersion: loaded.version },
    });
    expect(theirs.status).toBe(200);
    const before = await snapshot();
    const mine = await h.send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
      cookie: admin,
      body: { actions: read('alpha/mine'), expectedVersion: loaded.version },
    });
    expect(mine.status).toBe(409);
    const error = await errorOf(mine);
    expect(error.code).toBe('conflict');
    const current = scopeMapViewSchema.parse(error.current);
    expect(current.actions).toEqual(read('alpha/theirs'));
    expect(await snapshot()).toBe(before);
  });

  it('lets exactly one of two admins saving the same version at once win', async () => {
    const loaded = await mapOf(h, admin, 'team-alpha-pull');
    const saves = await Promise.all(
      ['one', 'two', 'three'].map((who) =>
        h.send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
          cookie: admin,
          body: { actions: read(`alpha/${who}`), expectedVersion: loaded.version },
        }),
      ),
    );
    expect(saves.map((x) => x.status).sort()).toEqual([200, 409, 409]);
  });

  it('keeps system scope maps read-only and refuses to delete a map in use, naming its tokens', async () => {
    const system = await mapOf(h, admin, '_repositories_pull');
    const put = await h.send('PUT', apiPaths.scopeMapResource(r, '_repositories_pull'), {
      cookie: admin,
      body: { actions: read('x'), expectedVersion: system.version },
    });
    expect(put.status).toBe(400);
    expect((await errorOf(put)).details?.[0]?.rule).toBe('system-read-only');
    const inUse = await h.send('DELETE', apiPaths.scopeMapResource(r, 'fleet-monitor-read'), {
      cookie: admin,
    });
    expect(inUse.status).toBe(409);
    expect((await errorOf(inUse)).message).toContain('fleet-monitor');
    const unused = await h.send('DELETE', apiPaths.scopeMapResource(r, 'old-team-pull'), {
      cookie: admin,
    });
    expect(unused.status).toBe(204);
  });

  it.each([
    [
      'a wildcard in the middle',
      ['repositories/a/*/b/content/read'],
      'actions.0',
      'action.wildcard-position',
    ],
    [
      'an unknown permission',
      ['repositories/a/content/pull'],
      'actions.0',
      'action.unknown-permission',
    ],
    [
      '501 actions',
      Array.from({ length: 501 }, (_, i) => `repositories/r${i}/content/read`),
      'actions.500',
      'action.too-many',
    ],
  ])('refuses %s, naming the action and the rule', async (_what, actions, field, rule) => {
    const before = await snapshot();
    const res = await h.send('POST', apiPaths.scopeMaps(r), {
      cookie: admin,
      body: { name: 'bad-actions-map', actions },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details).toContainEqual(expect.objectContaining({ field, rule }));
    expect(await snapshot()).toBe(before);
  });

  it('refuses a reserved name and an overlong description', async () => {
    const reserved = await h.send('POST', apiPaths.scopeMaps(r), {
      cookie: admin,
      body: { name: '_mine', actions: read('a') },
    });
    expect((await errorOf(reserved)).details?.[0]?.field).toBe('name');
    const long = await h.send('POST', apiPaths.scopeMaps(r), {
      cookie: admin,
      body: { name: 'long-desc-map', description: 'x'.repeat(257), actions: read('a') },
    });
    expect((await errorOf(long)).details?.[0]?.field).toBe('description');
  });

  it('reports an Azure failure with a failed audit record and leaves the map as it was', async () => {
    const loaded = await mapOf(h, admin, 'team-alpha-pull');
    h.azure.emulator.control.addFault({
      operation: 'ScopeMaps_Update',
      kind: 'error500',
      times: 20,
    });
    const res = await h.send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
      cookie: admin,
      body: { actions: read('alpha/never'), expectedVersion: loaded.version },
    });
    expect(res.status).toBe(502);
    h.azure.emulator.control.clearFaults();
    expect((await mapOf(h, admin, 'team-alpha-pull')).actions).toEqual(loaded.actions);
    const last = (await h.audit.list({ limit: 1 })).records[0]!;
    expect([last.action, last.outcome]).toEqual(['scopeMap.update', 'failed']);
  });
});

describe('two BFF instances on one PostgreSQL', () => {
  it('let exactly one of several simultaneous saves of the same version win', async () => {
    const admin = new pg.Client(inject('postgresAdminUrl'));
    await admin.connect();
    const db = `latchkey_two_instances_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${db}`;
    // Instances of one deployment share the database and the token-cache key.
    const shared = {
      azure: h.azure,
      storage: { kind: 'postgres', url: url.toString() } as const,
      encryptionKey: randomBytes(32),
    };
    const one = await startHarness(shared);
    const two = await startHarness(shared);
    try {
      const c1 = await one.signIn('Avery Admin');
      const c2 = await two.signIn('Avery Admin');
      const loaded = await mapOf(one, c1, 'team-alpha-pull');
      const saves = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          (i % 2 ? two : one).send('PUT', apiPaths.scopeMapResource(r, 'team-alpha-pull'), {
            cookie: i % 2 ? c2 : c1,
            body: { actions: read(`alpha/instance-${i}`), expectedVersion: loaded.version },
          }),
        ),
      );
      expect(saves.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
      // Both instances write one hash chain in the shared database.
      expect((await one.audit.verifyChain()).ok).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  }, 60_000);
});
