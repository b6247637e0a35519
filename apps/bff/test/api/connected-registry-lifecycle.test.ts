/**
 * Issue 14: creating and deleting a connected registry as the CLI does, each
 * step audited and undone on failure; and the propagation status of a change.
 * What Azure holds is read straight from local Azure's ARM (armRequest), not
 * through the console.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  connectedRegistryCreateResultSchema,
  connectedRegistryDeleteResultSchema,
  connectedRegistryDetailSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { armList, armRequest, errorOf, startDemoHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin, reviewer } = await startDemoHarness());
}, 60_000);
afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

const GATEWAY = [
  'gateway/edgeprobe/config/read',
  'gateway/edgeprobe/config/write',
  'gateway/edgeprobe/message/read',
  'gateway/edgeprobe/message/write',
];
const EDGEPROBE = {
  name: 'edgeprobe',
  parent: 'sitenorth',
  mode: 'ReadOnly',
  repositories: ['factory/line-agent'],
};

type Arm = { name: string; properties: Record<string, unknown> };
const get = async (under: string) => armRequest(h, r, 'GET', under);
const actions = async (scopeMap: string) =>
  ((await get(`scopeMaps/${scopeMap}`)).body as Arm).properties.actions as string[];

/** What Azure holds of connected registries, tokens and scope maps (no timestamps). */
async function armState(): Promise<string> {
  const [crs, tokens, maps] = await Promise.all([
    armList(h, r, 'connectedRegistries'),
    armList(h, r, 'tokens'),
    armList(h, r, 'scopeMaps'),
  ]);
  const reg = (await get('')).body as Arm;
  return JSON.stringify({
    dataEndpoint: reg.properties.dataEndpointEnabled,
    crs: crs
      .map((c) => {
        const parent = c.properties.parent as { id?: string; syncProperties: { tokenId: string } };
        return [
          c.name,
          c.properties.mode,
          parent.id ?? null,
          parent.syncProperties.tokenId,
          c.properties.clientTokenIds ?? [],
        ];
      })
      .sort(),
    tokens: tokens.map((t) => [t.name, t.properties.scopeMapId, t.properties.status]).sort(),
    maps: maps
      .map((m) => [
        m.name,
        m.properties.description ?? null,
        [...(m.properties.actions as string[])].sort(),
      ])
      .sort(),
  });
}

async function auditFor(requestTarget: string) {
  return (await h.audit.list({ limit: 500 })).records.filter((x) =>
    x.target.toLowerCase().endsWith(requestTarget.toLowerCase()),
  );
}

const create = (body: unknown, cookie = admin) =>
  h.send('POST', apiPaths.connectedRegistries(r), { cookie, body });
const remove = (name: string, body: unknown, cookie = admin) =>
  h.send('DELETE', apiPaths.connectedRegistryResource(r, name), { cookie, body });

describe('creating and deleting a connected registry', () => {
  it('creates edgeprobe under sitenorth as the CLI does, then deletes it with cleanup', async () => {
    const before = await armState();
    const sitenorthBefore = await actions('sitenorth');

    const res = await create(EDGEPROBE);
    expect(res.status).toBe(201);
    const created = connectedRegistryCreateResultSchema.parse(await res.json());
    expect(created.connectedRegistry).toMatchObject({
      name: 'edgeprobe',
      mode: 'ReadOnly',
      parentName: 'sitenorth',
      syncTokenName: 'edgeprobe',
    });
    expect(created.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['Create sync scope map edgeprobe', 'done'],
      ['Create sync token edgeprobe', 'done'],
      [
        "Update scope map sitenorth (ancestor sitenorth): add edgeprobe's gateway and repositories",
        'done',
      ],
      ['Create connected registry edgeprobe (ReadOnly, under sitenorth)', 'done'],
    ]);

    // What Azure holds, read from ARM itself.
    const cr = (await get('connectedRegistries/edgeprobe')).body as Arm;
    const parent = cr.properties.parent as { id: string; syncProperties: { tokenId: string } };
    expect(cr.properties.mode).toBe('ReadOnly');
    expect(parent.id).toMatch(/\/connectedRegistries\/sitenorth$/);
    expect(parent.syncProperties.tokenId).toMatch(/\/tokens\/edgeprobe$/);
    const token = (await get('tokens/edgeprobe')).body as Arm;
    expect(token.properties).toMatchObject({ status: 'enabled' });
    expect(token.properties.scopeMapId).toMatch(/\/scopeMaps\/edgeprobe$/);
    const map = (await get('scopeMaps/edgeprobe')).body as Arm;
    expect(map.properties.description).toBe('Created by connected registry sync token: edgeprobe');
    expect([...(map.properties.actions as string[])].sort()).toEqual(
      [
        'repositories/factory/line-agent/content/read',
        'repositories/factory/line-agent/metadata/read',
        ...GATEWAY,
      ].sort(),
    );
    // sitenorth syncs with the cloud registry, which has no sync scope map of its own:
    // its own sync map is the one that must carry the child's gateway actions.
    const sitenorth = await actions('sitenorth');
    expect(sitenorth).toEqual(expect.arrayContaining(GATEWAY));
    expect(sitenorth).toEqual(
      expect.arrayContaining([
        'repositories/factory/line-agent/content/read',
        'repositories/factory/line-agent/metadata/read',
      ]),
    );
    // One audit outcome per step, each succeeded.
    for (const target of [
      '/scopeMaps/edgeprobe',
      '/tokens/edgeprobe',
      '/connectedRegistries/edgeprobe',
    ]) {
      const records = await auditFor(target);
      expect(records.filter((x) => x.kind === 'outcome').map((x) => x.outcome)).toEqual([
        'succeeded',
      ]);
    }
    // The snapshot took the read-back: the overview shows it at once.
    const overview = await h.get(apiPaths.overview(r), admin);
    const o = (await overview.json()) as { connectedRegistries: { name: string }[] };
    expect(o.connectedRegistries.map((c) => c.name)).toContain('edgeprobe');

    const del = await remove('edgeprobe', { cleanup: true, confirmName: 'edgeprobe' });
    expect(del.status).toBe(200);
    const deleted = connectedRegistryDeleteResultSchema.parse(await del.json());
    expect(deleted.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['Delete connected registry edgeprobe', 'done'],
      [
        "Update scope map sitenorth (ancestor sitenorth): remove edgeprobe's gateway actions",
        'done',
      ],
      ['Delete sync token edgeprobe', 'done'],
      ['Delete sync scope map edgeprobe', 'done'],
    ]);
    expect((await get('connectedRegistries/edgeprobe')).status).toBe(404);
    expect((await get('tokens/edgeprobe')).status).toBe(404);
    expect((await get('scopeMaps/edgeprobe')).status).toBe(404);
    expect((await actions('sitenorth')).filter((a) => a.includes('gateway/edgeprobe/'))).toEqual(
      [],
    );
    // sitenorth is ReadWrite and already synced factory/line-agent: it is back as it was.
    expect(await actions('sitenorth')).toEqual(sitenorthBefore);
    expect(await armState()).toBe(before);
  });

  it('refuses a ReadWrite child under a ReadOnly parent with the rule, changing nothing', async () => {
    const before = await armState();
    const res = await create({ ...EDGEPROBE, parent: 'edgeline1', mode: 'ReadWrite' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.message).toContain(
      'a ReadOnly connected registry can only have ReadOnly children',
    );
    expect(error.details?.[0]).toMatchObject({
      field: 'mode',
      rule: 'readonly-parent-readonly-children',
    });
    expect(await armState()).toBe(before);
  });

  it.each([
    ['a name under 5 characters', { name: 'edge' }, 'name'],
    ['a wildcard repository', { repositories: ['factory/*'] }, 'repositories.0'],
    ['no repository', { repositories: [] }, 'repositories'],
    ['a message TTL under a day', { messageTtl: 'PT12H' }, 'messageTtl'],
    ['a bad schedule', { syncSchedule: 'hourly' }, 'syncSchedule'],
    ['an unknown parent', { parent: 'nowhere1' }, 'parent'],
    ['an unknown client token', { clientTokens: ['no-such-token'] }, 'clientTokens.0'],
  ])('refuses %s with 400 naming the field', async (_what, change, field) => {
    const before = await armState();
    const res = await create({ ...EDGEPROBE, ...change });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.[0]?.field).toBe(field);
    expect(await armState()).toBe(before);
  });

  it('refuses a name an existing connected registry or token has (409), changing nothing', async () => {
    expect((await create({ ...EDGEPROBE, name: 'edgeline1' })).status).toBe(409);
    // A token of that name would become the sync token: the CLI overwrites it, the console refuses.
    const put = await armRequest(h, r, 'PUT', 'tokens/probetoken', {
      properties: { status: 'enabled' },
    });
    expect([200, 201]).toContain(put.status);
    const before = await armState();
    const res = await create({ ...EDGEPROBE, name: 'probetoken' });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('A token named probetoken already exists');
    expect(await armState()).toBe(before);
    expect((await armRequest(h, r, 'DELETE', 'tokens/probetoken')).status).toBeLessThan(300);
  });

  it('enables the data endpoint only when asked with the registry name typed, and undoes it on failure', async () => {
    const off = await armRequest(h, r, 'PATCH', '', { properties: { dataEndpointEnabled: false } });
    expect([200, 201]).toContain(off.status);
    const before = await armState();
    expect(before).toContain('"dataEndpoint":false');
    const refused = await create(EDGEPROBE);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).details?.[0]).toMatchObject({
      field: 'enableDataEndpoint',
      rule: 'data-endpoint-enabled',
    });
    const unconfirmed = await create({
      ...EDGEPROBE,
      enableDataEndpoint: true,
      confirmRegistryName: 'x',
    });
    expect((await errorOf(unconfirmed)).details?.[0]).toMatchObject({
      field: 'confirmRegistryName',
    });
    expect(await armState()).toBe(before);

    h.azure.emulator.control.addFault({ operation: 'Tokens_Create', kind: 'error500', times: 4 });
    const failed = await create({
      ...EDGEPROBE,
      enableDataEndpoint: true,
      confirmRegistryName: r.registryName,
    });
    expect(failed.status).toBe(502);
    const steps = ((await errorOf(failed)) as { steps?: { step: string; outcome: string }[] })
      .steps!;
    expect(steps.filter((x) => x.outcome === 'undone').map((x) => x.step)).toEqual([
      'Delete sync scope map edgeprobe',
      `Disable the data endpoint of ${r.registryName} again`,
    ]);
    expect(await armState()).toBe(before);

    const res = await create({
      ...EDGEPROBE,
      enableDataEndpoint: true,
      confirmRegistryName: r.registryName,
    });
    expect(res.status).toBe(201);
    const created = connectedRegistryCreateResultSchema.parse(await res.json());
    expect(created.steps[0]).toEqual({
      step: `Enable the data endpoint of ${r.registryName}`,
      outcome: 'done',
    });
    expect(((await get('')).body as Arm).properties.dataEndpointEnabled).toBe(true);
    expect((await remove('edgeprobe', { cleanup: true, confirmName: 'edgeprobe' })).status).toBe(
      200,
    );
  });

  it('is for admins only', async () => {
    expect((await create(EDGEPROBE, reviewer)).status).toBe(403);
    expect(
      (await remove('edgeline1', { cleanup: true, confirmName: 'edgeline1' }, reviewer)).status,
    ).toBe(403);
  });

  it('refuses to delete a connected registry with children, naming them', async () => {
    const before = await armState();
    const res = await remove('sitenorth', { cleanup: true, confirmName: 'sitenorth' });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.message).toContain('edgeline1, edgeline2, edgespare1');
    expect(await armState()).toBe(before);
  });

  it('requires the name typed to delete', async () => {
    const res = await remove('edgespare1', { cleanup: true, confirmName: 'edgespare' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.[0]).toMatchObject({ field: 'confirmName' });
  });
});

/** A 502 whose steps report says which step failed and which were undone. */
async function expectUndone(res: Response, failedStep: string, undone: string[]) {
  expect(res.status).toBe(502);
  const steps =
    ((await errorOf(res)) as { steps?: { step: string; outcome: string }[] }).steps ?? [];
  expect(steps.find((s) => s.outcome === 'failed')?.step).toBe(failedStep);
  expect(steps.filter((s) => s.outcome === 'undone').map((s) => s.step)).toEqual(undone);
}

describe('a failure at each step leaves Azure as it was', () => {
  // The SDK retries a 500 three times: four answers make the call fail.
  const fail = (operation: string) =>
    h.azure.emulator.control.addFault({ operation, kind: 'error500', times: 4 });

  it.each([
    ['ScopeMaps_Create', 'Create sync scope map edgeprobe', []],
    ['Tokens_Create', 'Create sync token edgeprobe', ['Delete sync scope map edgeprobe']],
    [
      'ScopeMaps_Update',
      "Update scope map sitenorth (ancestor sitenorth): add edgeprobe's gateway and repositories",
      ['Delete sync token edgeprobe', 'Delete sync scope map edgeprobe'],
    ],
    [
      'ConnectedRegistries_Create',
      'Create connected registry edgeprobe (ReadOnly, under sitenorth)',
      [
        'Restore scope map sitenorth',
        'Delete sync token edgeprobe',
        'Delete sync scope map edgeprobe',
      ],
    ],
  ])('creating, when %s fails', async (operation, failedStep, undone) => {
    const before = await armState();
    const auditBefore = (await h.audit.list({ limit: 500 })).records.length;
    fail(operation);
    const res = await create(EDGEPROBE);
    await expectUndone(res, failedStep, undone);
    expect(await armState()).toBe(before);
    // The failed step and every undo are audited: intent and outcome each.
    const all = (await h.audit.list({ limit: 500 })).records;
    const records = all.slice(0, all.length - auditBefore);
    const outcomes = records.filter((x) => x.kind === 'outcome');
    expect(outcomes.filter((x) => x.outcome === 'failed')).toHaveLength(1);
    expect(outcomes.filter((x) => x.outcome === 'succeeded')).toHaveLength(undone.length * 2);
  });

  it.each([
    ['ConnectedRegistries_Delete', 'Delete connected registry edgeprobe', []],
    [
      'ScopeMaps_Update',
      "Update scope map sitenorth (ancestor sitenorth): remove edgeprobe's gateway actions",
      ['Re-create connected registry edgeprobe'],
    ],
    [
      'Tokens_Delete',
      'Delete sync token edgeprobe',
      ['Restore scope map sitenorth', 'Re-create connected registry edgeprobe'],
    ],
    [
      'ScopeMaps_Delete',
      'Delete sync scope map edgeprobe',
      [
        'Re-create sync token edgeprobe',
        'Restore scope map sitenorth',
        'Re-create connected registry edgeprobe',
      ],
    ],
  ])('deleting, when %s fails', async (operation, failedStep, undone) => {
    expect((await create(EDGEPROBE)).status).toBe(201);
    const before = await armState();
    fail(operation);
    const res = await remove('edgeprobe', { cleanup: true, confirmName: 'edgeprobe' });
    await expectUndone(res, failedStep, undone);
    expect(await armState()).toBe(before);
    h.azure.emulator.control.clearFaults();
    expect((await remove('edgeprobe', { cleanup: true, confirmName: 'edgeprobe' })).status).toBe(
      200,
    );
  });
});

/** The node's detail; `fresh` asks the BFF to read ARM now (Cache-Control: no-cache). */
async function detailOf(name: string, fresh: boolean) {
  const res = await fetch(`${h.base}${apiPaths.connectedRegistry(r, name)}`, {
    headers: { cookie: admin, ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
  });
  expect(res.status).toBe(200);
  return connectedRegistryDetailSchema.parse(await res.json());
}

describe('propagation status', () => {
  it('is pending after a client token is attached, and synced once the emulator clock passes the next sync', async () => {
    // Freeze Azure's clock at now: edgeline1 (online, syncing every minute) cannot sync meanwhile.
    h.azure.clock.set(Date.now());
    try {
      const attach = await h.send('POST', apiPaths.connectedRegistryClientTokens(r, 'edgeline1'), {
        cookie: admin,
        body: { add: ['audit-export'] },
      });
      expect(attach.status).toBe(200);
      const read = (fresh: boolean) => detailOf('edgeline1', fresh);
      expect((await read(false)).propagation?.state).toBe('pending');
      h.azure.clock.advance(2 * 60_000);
      const after = await read(true);
      expect(after.propagation?.state).toBe('synced');
      expect(Date.parse(after.propagation!.lastSyncTime!)).toBeGreaterThanOrEqual(
        Date.parse(after.propagation!.changedAt),
      );
    } finally {
      h.azure.clock.resume();
    }
  });

  it('says since when for an offline registry', async () => {
    const attach = await h.send('POST', apiPaths.connectedRegistryClientTokens(r, 'edgeline3'), {
      cookie: admin,
      body: { add: ['audit-export'] },
    });
    expect(attach.status).toBe(200);
    const detail = await detailOf('edgeline3', false);
    expect(detail.connectedRegistry.connectionState).toBe('Offline');
    expect(detail.propagation).toMatchObject({
      state: 'offline',
      offlineSince: detail.connectedRegistry.lastActivityTime,
    });
  });
});
