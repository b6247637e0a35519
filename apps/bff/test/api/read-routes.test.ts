import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  errorBodySchema,
  meSchema,
  registriesResponseSchema,
  registryOverviewSchema,
  scopeMapDetailSchema,
  tokenDetailSchema,
  connectedRegistryDetailSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let noRole: string;
let registry: RegistryPath;

beforeAll(async () => {
  h = await startHarness();
  const data = h.azure.scenario();
  const r = data.registries.find((x) => x.name === 'contosoregistry')!;
  registry = {
    subscriptionId: r.subscriptionId,
    resourceGroup: r.resourceGroup,
    registryName: r.name,
  };
  [admin, reviewer, noRole] = await Promise.all([
    h.signIn('Avery Admin'),
    h.signIn('Riley Reviewer'),
    h.signIn('Nico NoRole'),
  ]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function errorOf(res: Response) {
  return errorBodySchema.parse(await res.json()).error;
}

describe('who may read', () => {
  const routes = () => [
    apiPaths.registries,
    apiPaths.overview(registry),
    apiPaths.token(registry, 'fleet-monitor'),
    apiPaths.scopeMap(registry, '_repositories_pull'),
    apiPaths.connectedRegistry(registry, 'edgeline1'),
  ];

  it('refuses anonymous callers with 401 unauthenticated on every read route', async () => {
    for (const path of [apiPaths.me, ...routes()]) {
      const res = await h.get(path);
      expect(res.status, path).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
  });

  it('refuses a signed-in person with no console role, saying which role to ask for', async () => {
    const me = meSchema.parse(await (await h.get(apiPaths.me, noRole)).json());
    expect(me).toMatchObject({ name: 'Nico NoRole', roles: [] });
    for (const path of routes()) {
      const res = await h.get(path, noRole);
      expect(res.status, path).toBe(403);
      const error = await errorOf(res);
      expect(error.code).toBe('not_allowed');
      expect(error.message).toContain('Latchkey.Reviewer');
    }
  });

  it.each([
    ['admin', () => admin, 'Latchkey.Admin'],
    ['reviewer', () => reviewer, 'Latchkey.Reviewer'],
  ])('lets the %s read every route', async (_who, cookie, role) => {
    const me = meSchema.parse(await (await h.get(apiPaths.me, cookie())).json());
    expect(me.roles).toEqual([role]);
    for (const path of routes()) {
      const res = await h.get(path, cookie());
      expect(res.status, `${path}: ${res.status === 200 ? '' : await res.text()}`).toBe(200);
      expect(res.headers.get('cache-control')).toContain('no-store');
    }
  });
});

describe('the registry overview', () => {
  it('lists the registries the person can see across subscriptions', async () => {
    const body = registriesResponseSchema.parse(
      await (await h.get(apiPaths.registries, admin)).json(),
    );
    expect(body.registries.map((r) => [r.name, r.sku, r.supportsConnectedRegistries])).toEqual([
      ['contosodev', 'Basic', false],
      ['contosoregistry', 'Premium', true],
    ]);
    expect(body.unavailable).toEqual([]);
  });

  it('shows the hierarchy with parents, modes and runtime state, and every token with its kind', async () => {
    const o = registryOverviewSchema.parse(
      await (await h.get(apiPaths.overview(registry), reviewer)).json(),
    );
    const tree = Object.fromEntries(
      o.connectedRegistries.map((c) => [c.name, [c.parentName, c.mode]]),
    );
    expect(tree).toEqual({
      sitenorth: [null, 'ReadWrite'],
      sitesouth: [null, 'ReadWrite'],
      edgeline1: ['sitenorth', 'ReadOnly'],
      edgeline2: ['sitenorth', 'ReadOnly'],
      edgeline3: ['sitesouth', 'ReadOnly'],
      edgeline4: ['sitesouth', 'ReadOnly'],
      edgespare1: ['sitenorth', 'ReadOnly'],
    });
    const state = (name: string) => o.connectedRegistries.find((c) => c.name === name)!;
    expect(state('edgeline2').connectionState).toBe('Unhealthy');
    expect(state('edgeline2').statusDetails[0]?.code).toBe('DISK_PERMISSION_DENIED');
    expect(state('edgeline3').connectionState).toBe('Offline');
    expect(state('edgespare1').activation).toBe('Inactive');

    expect(o.tokens).toHaveLength(29);
    const kind = (name: string) => o.tokens.find((t) => t.name === name)!.kind;
    expect(kind('sitenorth')).toEqual({ type: 'sync', connectedRegistry: 'sitenorth' });
    expect(kind('fleet-monitor')).toEqual({
      type: 'client',
      connectedRegistries: ['edgeline1', 'edgeline2', 'edgeline3', 'edgeline4'],
    });
    expect(kind('ci-pipeline')).toEqual({ type: 'unattached' });
    const counts = { sync: 0, client: 0, unattached: 0 };
    for (const t of o.tokens) counts[t.kind.type] += 1;
    expect(counts).toEqual({ sync: 7, client: 16, unattached: 6 });

    const maps = Object.fromEntries(o.scopeMaps.map((s) => [s.name, s]));
    expect(maps['_repositories_pull']?.type).toBe('SystemDefined');
    expect(maps['_repositories_pull']?.usedBy).toContain('line4-camera01');
    expect(maps['old-team-pull']?.usedBy).toEqual([]);
    const newService = o.tokens.find((t) => t.name === 'new-service')!;
    expect(newService.passwords.map((p) => p.present)).toEqual([false, false]);
  });

  it('never carries a password value or an Azure token', async () => {
    const text = await (await h.get(apiPaths.overview(registry), admin)).text();
    expect(text).not.toMatch(/"value"\s*:/);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});

describe('detail routes', () => {
  it('shows a token with its scope map and the connected registries that accept it', async () => {
    const d = tokenDetailSchema.parse(
      await (await h.get(apiPaths.token(registry, 'line1-hmi'), admin)).json(),
    );
    expect(d.token.kind).toEqual({ type: 'client', connectedRegistries: ['edgeline1'] });
    expect(d.scopeMap?.name).toBe('line-agent-admin');
    expect(d.scopeMap?.actions.some((a) => a.endsWith('/content/delete'))).toBe(true);
    expect(d.connectedRegistries.map((c) => c.name)).toEqual(['edgeline1']);
  });

  it('shows a scope map with the tokens that use it', async () => {
    const d = scopeMapDetailSchema.parse(
      await (await h.get(apiPaths.scopeMap(registry, '_repositories_pull'), admin)).json(),
    );
    expect(d.scopeMap.type).toBe('SystemDefined');
    expect(d.tokens.map((t) => t.name)).toContain('line4-camera01');
  });

  it('shows a connected registry with its sync token, clients and children', async () => {
    const d = connectedRegistryDetailSchema.parse(
      await (await h.get(apiPaths.connectedRegistry(registry, 'sitenorth'), admin)).json(),
    );
    expect(d.syncToken?.name).toBe('sitenorth');
    expect(d.syncScopeMap?.actions).toContain('gateway/edgeline1/config/read');
    expect(d.clientTokens.map((t) => t.name).sort()).toEqual([
      'mes-north-app',
      'north-build-agent',
    ]);
    expect(d.children.map((c) => c.name).sort()).toEqual(['edgeline1', 'edgeline2', 'edgespare1']);
  });

  it('answers 404 for a token that does not exist, and 400 naming the field for a malformed name', async () => {
    const missing = await h.get(apiPaths.token(registry, 'no-such-token'), admin);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const bad = await h.get(apiPaths.token(registry, 'bad!name'), admin);
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error.code).toBe('invalid_input');
    expect(error.details?.[0]?.field).toBe('name');
  });
});
