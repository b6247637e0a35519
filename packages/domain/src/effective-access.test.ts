import { describe, expect, it } from 'vitest';
import {
  acceptedAt,
  acceptedBy,
  accessMatrix,
  gatewayColumns,
  whoCanAccessGateway,
  accessOnConnectedRegistry,
  gatewayAccess,
  gatewaysOf,
  indexOverview,
  matrixColumns,
  permissionsOf,
  repositoryAccess,
  tokenAccess,
  whoCanAccess,
  type ConnectedRegistryContext,
} from './index';
import { repositoryPermissions } from './mutations';
import { ALL, READ, buildOverview, cleanSpec, gateway, repo, seeded } from './test-fixtures';

describe('repositoryAccess', () => {
  const actions = [
    'repositories/samples/*/content/read',
    'repositories/samples/app/content/write',
    'repositories/*/metadata/read',
    'repositories/samples/app/content/read',
    'gateway/edgeline1/config/read',
  ];

  it('adds permissions up across matching rules and names the rules behind each', () => {
    expect(repositoryAccess(actions, 'samples/app')).toEqual([
      {
        permission: 'content/read',
        rules: ['repositories/samples/*/content/read', 'repositories/samples/app/content/read'],
      },
      { permission: 'content/write', rules: ['repositories/samples/app/content/write'] },
      { permission: 'metadata/read', rules: ['repositories/*/metadata/read'] },
    ]);
  });

  it('covers repositories that do not exist yet, at any depth under a prefix', () => {
    expect(permissionsOf(repositoryAccess(actions, 'samples/new/deep/one'))).toEqual([
      'content/read',
      'metadata/read',
    ]);
    expect(permissionsOf(repositoryAccess(actions, 'samples'))).toEqual(['metadata/read']);
    expect(permissionsOf(repositoryAccess(actions, 'samplesx/a'))).toEqual(['metadata/read']);
  });

  it('answers for a pattern what holds on every repository it covers', () => {
    expect(permissionsOf(repositoryAccess(actions, 'samples/*'))).toEqual([
      'content/read',
      'metadata/read',
    ]);
    expect(permissionsOf(repositoryAccess(actions, '*'))).toEqual(['metadata/read']);
  });

  it('ignores gateway and invalid actions', () => {
    expect(
      repositoryAccess(['repositories/a*/content/read', 'gateway/edge1/config/read'], 'a'),
    ).toEqual([]);
  });
});

describe('gateway permissions', () => {
  it('lists them per connected registry', () => {
    const actions = [...gateway('edgeone'), 'gateway/siteone/config/read', ...repo('x', READ)];
    expect(permissionsOf(gatewayAccess(actions, 'EdgeOne'))).toEqual([
      'config/read',
      'config/write',
      'message/read',
      'message/write',
    ]);
    expect(gatewaysOf(actions).map((g) => [g.connectedRegistry, g.grants.length])).toEqual([
      ['edgeone', 4],
      ['siteone', 1],
    ]);
  });
});

describe('tokenAccess', () => {
  const map = { name: 'm', actions: repo('app', ['content/read', 'content/write']) };
  it('gives the scope map grants to an enabled token', () => {
    const a = tokenAccess({ name: 't', status: 'enabled', scopeMapName: 'm' }, map, 'app');
    expect(permissionsOf(a.granted)).toEqual(['content/read', 'content/write']);
    expect(a.removed).toEqual([]);
  });
  it('removes everything from a disabled token, saying why', () => {
    const a = tokenAccess({ name: 't', status: 'disabled', scopeMapName: 'm' }, map, 'app');
    expect(a.granted).toEqual([]);
    expect(a.removed.map((r) => [r.permission, r.reason])).toEqual([
      ['content/read', 'token-disabled'],
      ['content/write', 'token-disabled'],
    ]);
  });
  it('gives nothing without a scope map', () => {
    const a = tokenAccess({ name: 't', status: 'enabled', scopeMapName: null }, null, 'app');
    expect(a).toMatchObject({ granted: [], removed: [], scopeMap: null });
  });
});

describe('accessOnConnectedRegistry', () => {
  const token = { name: 'cam', status: 'enabled' as const, scopeMapName: 'm' };
  const map = { name: 'm', actions: [...repo('app/agent', ALL), ...repo('app/api', READ)] };
  const ctx = (mode: 'ReadOnly' | 'ReadWrite', clients = ['cam']): ConnectedRegistryContext => ({
    connectedRegistry: { name: 'edgeone', mode, clientTokenNames: clients },
    syncScopeMap: { name: 'edgeone', actions: repo('app/agent', READ) },
  });

  it('on a ReadOnly connected registry keeps reads and removes write and delete, naming the rules', () => {
    const a = accessOnConnectedRegistry(ctx('ReadOnly'), token, map, 'app/agent');
    expect(permissionsOf(a.granted)).toEqual(['content/read', 'metadata/read']);
    expect(a.granted[0]?.rules).toEqual(['repositories/app/agent/content/read']);
    expect(a.removed.map((r) => [r.permission, r.reason])).toEqual([
      ['content/write', 'read-only-mode'],
      ['content/delete', 'read-only-mode'],
      ['metadata/write', 'read-only-mode'],
    ]);
    expect(a.sync).toEqual({ synced: true, rules: ['repositories/app/agent/content/read'] });
  });

  it('on a ReadWrite one keeps everything the map grants on a synced repository', () => {
    const a = accessOnConnectedRegistry(ctx('ReadWrite'), token, map, 'app/agent');
    expect(permissionsOf(a.granted)).toEqual([...ALL]);
  });

  it('removes everything on a repository the connected registry does not sync', () => {
    const a = accessOnConnectedRegistry(ctx('ReadWrite'), token, map, 'app/api');
    expect(a.granted).toEqual([]);
    expect(a.removed.map((r) => r.reason)).toEqual(['not-synced', 'not-synced']);
    expect(a.removed[0]?.explanation).toMatch(/edgeone does not sync app\/api/);
  });

  it('removes everything from a token that is not one of its clients', () => {
    const a = accessOnConnectedRegistry(ctx('ReadWrite', ['other']), token, map, 'app/agent');
    expect(a.granted).toEqual([]);
    expect(new Set(a.removed.map((r) => r.reason))).toEqual(new Set(['not-accepted']));
  });

  it('removes what an ancestor does not sync', () => {
    const c: ConnectedRegistryContext = {
      ...ctx('ReadOnly'),
      ancestors: [{ name: 'siteone', syncScopeMap: { name: 's', actions: repo('other', READ) } }],
    };
    const a = accessOnConnectedRegistry(c, token, map, 'app/agent');
    expect(a.granted).toEqual([]);
    expect(a.sync).toMatchObject({ synced: false, missingUpstream: 'siteone' });
    expect(a.removed[0]?.reason).toBe('not-synced-upstream');
  });
});

describe('over an overview', () => {
  const overview = buildOverview(cleanSpec());

  it('who can access app/agent on the cloud registry: every token whose map names it', () => {
    const answer = whoCanAccess(overview, 'app/agent');
    expect(answer.connectedRegistry).toBeUndefined();
    expect(answer.tokens.map((t) => [t.token, permissionsOf(t.granted)])).toEqual([
      ['cam-client', ['content/read', 'metadata/read']],
      ['edgeone', ['content/read', 'metadata/read']],
      ['siteone', [...ALL]],
    ]);
  });

  it('who can access app/agent on edgeone: its clients only, with rules', () => {
    const answer = whoCanAccess(overview, 'app/agent', 'edgeone');
    expect(answer.connectedRegistry).toMatchObject({ name: 'edgeone', mode: 'ReadOnly' });
    expect(answer.connectedRegistry?.sync.synced).toBe(true);
    expect(answer.tokens).toHaveLength(1);
    expect(answer.tokens[0]).toMatchObject({
      token: 'cam-client',
      scopeMap: 'agent-pull',
      granted: [
        { permission: 'content/read', rules: ['repositories/app/agent/content/read'] },
        { permission: 'metadata/read', rules: ['repositories/app/agent/metadata/read'] },
      ],
    });
  });

  it('who can push to app/api on siteone: app-client, by its content/write rule', () => {
    const answer = whoCanAccess(overview, 'app/api', 'siteone');
    const push = answer.tokens.filter((t) =>
      t.granted.some((g) => g.permission === 'content/write'),
    );
    expect(push.map((t) => t.token)).toEqual(['app-client']);
    expect(push[0]?.granted.find((g) => g.permission === 'content/write')?.rules).toEqual([
      'repositories/app/api/content/write',
    ]);
  });

  it('refuses an unknown connected registry', () => {
    expect(() => whoCanAccess(overview, 'x', 'nothere')).toThrow(/nothere/);
  });

  it("siteone accepts its client and its child edgeone's sync token, saying how", () => {
    expect(acceptedAt(overview, 'siteone').map((a) => [a.token.name, a.acceptedAs])).toEqual([
      ['app-client', [{ type: 'client' }]],
      ['edgeone', [{ type: 'child-sync-token', child: 'edgeone' }]],
    ]);
    expect(acceptedAt(overview).map((a) => a.token.name)).toHaveLength(overview.tokens.length);
    expect(acceptedBy(overview, 'EDGEONE')).toEqual([
      { connectedRegistry: 'siteone', acceptedAs: { type: 'child-sync-token', child: 'edgeone' } },
    ]);
    const row = whoCanAccess(overview, 'app/agent', 'siteone').tokens.find(
      (t) => t.token === 'edgeone',
    );
    expect(row).toMatchObject({
      acceptedAs: [{ type: 'child-sync-token', child: 'edgeone' }],
      granted: [{ permission: 'content/read' }, { permission: 'metadata/read' }],
    });
  });

  it('a disabled sync token leaves nothing effective on its connected registry', () => {
    const spec = cleanSpec();
    spec.tokens!.find((t) => t.name === 'siteone')!.status = 'disabled';
    const o = buildOverview(spec);
    const answer = whoCanAccess(o, 'app/api', 'siteone');
    expect(answer.connectedRegistry?.disabledBySyncToken).toBe('siteone');
    expect(answer.tokens.flatMap((t) => t.granted)).toEqual([]);
    expect(answer.tokens[0]?.removed[0]).toMatchObject({
      reason: 'registry-disabled',
      explanation: 'siteone is disabled: its sync token siteone is disabled',
    });
    const m = accessMatrix(o, { connectedRegistry: 'siteone' });
    expect(m.disabledBySyncToken).toBe('siteone');
    expect(m.rows.flatMap((r) => [...r.cells.flat(), ...r.gatewayCells.flat()])).toEqual([]);
    // Its child still serves what it holds (README: a disabled ancestor is not propagated).
    expect(
      whoCanAccess(o, 'app/agent', 'edgeone').tokens.flatMap((t) => permissionsOf(t.granted)),
    ).toEqual(['content/read', 'metadata/read']);
  });

  it('gateway permissions: who holds them at each place, and the matrix gateway columns', () => {
    expect(gatewayColumns(overview)).toEqual(['edgeone', 'siteone']);
    const cloud = whoCanAccessGateway(overview, 'EdgeOne');
    expect(cloud.gateway).toBe('edgeone');
    expect(cloud.tokens.map((t) => t.token)).toEqual(['edgeone', 'siteone']);
    // At siteone only the child's sync token is accepted among the holders.
    const atSite = whoCanAccessGateway(overview, 'edgeone', 'siteone');
    expect(atSite.tokens.map((t) => [t.token, permissionsOf(t.granted)])).toEqual([
      ['edgeone', ['config/read', 'config/write', 'message/read', 'message/write']],
    ]);
    const m = accessMatrix(overview, { connectedRegistry: 'siteone' });
    expect(m.gatewayColumns).toEqual(['edgeone', 'siteone']);
    expect(m.rows.find((r) => r.token === 'edgeone')?.gatewayCells).toEqual([
      ['config/read', 'config/write', 'message/read', 'message/write'],
      [],
    ]);
  });

  it('builds the token × repository matrix over the repositories the rules name', () => {
    expect(matrixColumns(overview)).toEqual(['app/agent', 'app/api']);
    const m = accessMatrix(overview);
    expect(m.rows.map((r) => r.token)).toEqual(['siteone', 'edgeone', 'app-client', 'cam-client']);
    expect(m.rows.find((r) => r.token === 'app-client')?.cells).toEqual([
      [],
      ['content/read', 'content/write', 'metadata/read'],
    ]);
    const onEdge = accessMatrix(overview, { connectedRegistry: 'edgeone' });
    expect(onEdge.rows.map((r) => [r.token, r.cells])).toEqual([
      ['cam-client', [['content/read', 'metadata/read'], []]],
    ]);
  });

  it('matrix cells equal the per-cell answers (cloud and every connected registry)', () => {
    const spec = cleanSpec();
    spec.scopeMaps?.push({ name: 'wide', actions: [...repo('app/*', ALL), ...repo('*', READ)] });
    spec.tokens?.push({ name: 'wide-reader', scopeMapName: 'wide' });
    spec.tokens?.push({ name: 'off-client', scopeMapName: 'wide', status: 'disabled' });
    spec.connectedRegistries?.[1]?.clientTokenNames?.push('wide-reader', 'off-client', 'ghost');
    const o = buildOverview(spec);
    const idx = indexOverview(o);
    const columns = [...matrixColumns(o), 'app/agent/x', 'other', 'app/x/*'];
    for (const crName of [undefined, 'siteone', 'edgeone']) {
      const m = accessMatrix(o, {
        repositories: columns,
        ...(crName ? { connectedRegistry: crName } : {}),
      });
      const cr = crName ? idx.connectedRegistry(crName) : undefined;
      for (const row of m.rows) {
        const t = idx.token(row.token);
        if (!t) throw new Error(row.token);
        const expected = m.columns.map((c) =>
          permissionsOf(
            (cr
              ? accessOnConnectedRegistry(idx.context(cr), t, idx.scopeMapOf(t), c)
              : tokenAccess(t, idx.scopeMapOf(t), c)
            ).granted,
          ),
        );
        expect(row.cells, `${crName ?? 'cloud'} ${row.token}`).toEqual(expected);
      }
    }
  });

  it('shows wildcard rules as pattern columns', () => {
    const spec = cleanSpec();
    spec.scopeMaps?.push({ name: 'wide', actions: repo('app/*', READ) });
    spec.tokens?.push({ name: 'wide-reader', scopeMapName: 'wide' });
    const o = buildOverview(spec);
    expect(matrixColumns(o)).toEqual(['app/*', 'app/agent', 'app/api']);
    const row = accessMatrix(o).rows.find((r) => r.token === 'wide-reader');
    expect(row?.cells).toEqual([
      ['content/read', 'metadata/read'],
      ['content/read', 'metadata/read'],
      ['content/read', 'metadata/read'],
    ]);
    // siteone's exact rules do not cover the whole app/* pattern.
    expect(accessMatrix(o).rows.find((r) => r.token === 'siteone')?.cells[0]).toEqual([]);
  });
});

// ---- Property tests (seeded; fast-check is not resolvable from this package) ----

const SEGMENTS = ['a', 'b', 'ab', 'c'];
const RUNS = 300;

/** Every repository of 1–3 segments over SEGMENTS: the finite universe. */
const universe: string[] = (() => {
  const out: string[] = [];
  const grow = (prefix: string[], depth: number) => {
    for (const s of SEGMENTS) {
      const next = [...prefix, s];
      out.push(next.join('/'));
      if (depth < 3) grow(next, depth + 1);
    }
  };
  grow([], 1);
  return out;
})();

type Rng = ReturnType<typeof seeded>;

function randomRepoPart(rng: Rng): string {
  const r = rng.next();
  if (r < 0.08) return '*';
  const depth = 1 + rng.int(3);
  const segs = Array.from({ length: depth }, () => rng.pick(SEGMENTS));
  // Some names outside the universe too: rules may name repositories that do not exist.
  if (rng.next() < 0.1) segs.push('zz');
  return r < 0.4 ? `${segs.join('/')}/*` : segs.join('/');
}

function randomActions(rng: Rng, max = 8): string[] {
  return Array.from(
    { length: rng.int(max + 1) },
    () => `repositories/${randomRepoPart(rng)}/${rng.pick(repositoryPermissions)}`,
  );
}

/** Independent expansion: the repositories of the universe a rule's repository part names. */
function expand(part: string): string[] {
  if (part === '*') return universe;
  if (part.endsWith('/*')) {
    const base = part.slice(0, -2).split('/');
    return universe.filter((r) => {
      const segs = r.split('/');
      return segs.length > base.length && base.every((b, i) => segs[i] === b);
    });
  }
  return universe.filter((r) => r === part);
}

function bruteForce(actions: string[]): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const a of actions) {
    const parts = a.split('/');
    const perm = parts.slice(-2).join('/');
    const part = parts.slice(1, -2).join('/');
    for (const r of expand(part)) {
      const perms = out.get(r) ?? new Map<string, string[]>();
      const rules = perms.get(perm) ?? [];
      if (!rules.includes(a)) rules.push(a);
      perms.set(perm, rules);
      out.set(r, perms);
    }
  }
  return out;
}

const has = (grants: ReadonlyArray<{ permission: string }>, p: string) =>
  grants.some((g) => g.permission === p);

const superset = (big: readonly string[], small: readonly string[]) =>
  small.every((p) => big.includes(p));
const sortKeys = (o: Record<string, string[]>) =>
  Object.keys(o)
    .sort()
    .map((k) => [k, o[k]]);

describe('properties', () => {
  it('wildcard results equal a brute-force expansion over a finite repository set', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = seeded(seed);
      const actions = randomActions(rng);
      const expected = bruteForce(actions);
      for (const r of universe) {
        const got = Object.fromEntries(
          repositoryAccess(actions, r).map((g) => [g.permission, g.rules]),
        );
        const want = Object.fromEntries(expected.get(r) ?? []);
        if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(want))) {
          failures.push(`seed ${seed}, ${r}, ${JSON.stringify(actions)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('adding an action never removes access (cloud, and on a connected registry from either map)', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = seeded(seed * 7919);
      const actions = randomActions(rng);
      const sync = randomActions(rng);
      const extra = randomActions(rng, 1)[0] ?? 'repositories/a/content/read';
      const mode = rng.pick(['ReadOnly', 'ReadWrite'] as const);
      const token = { name: 'tok', status: 'enabled' as const, scopeMapName: 'm' };
      const ctx = (s: string[]): ConnectedRegistryContext => ({
        connectedRegistry: { name: 'edgeone', mode, clientTokenNames: ['tok'] },
        syncScopeMap: { name: 's', actions: s },
      });
      // Arrays built once per run: the engine memoizes parsed rules per array.
      const more = [...actions, extra];
      const moreSyncActions = [...sync, extra];
      const base = ctx(sync);
      const grown = ctx(moreSyncActions);
      const map = { name: 'm', actions };
      const moreMap = { name: 'm', actions: more };
      for (const r of universe) {
        const before = permissionsOf(repositoryAccess(actions, r));
        const after = permissionsOf(repositoryAccess(more, r));
        if (!superset(after, before)) failures.push(`cloud: seed ${seed}, ${r}`);
        const onCr = permissionsOf(accessOnConnectedRegistry(base, token, map, r).granted);
        const moreClient = permissionsOf(
          accessOnConnectedRegistry(base, token, moreMap, r).granted,
        );
        const moreSync = permissionsOf(accessOnConnectedRegistry(grown, token, map, r).granted);
        if (!superset(moreClient, onCr)) failures.push(`client map: seed ${seed}, ${r}`);
        if (!superset(moreSync, onCr)) failures.push(`sync map: seed ${seed}, ${r}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a ReadOnly connected registry never reports write or delete', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = seeded(seed * 104729);
      const ctx: ConnectedRegistryContext = {
        connectedRegistry: { name: 'edgeone', mode: 'ReadOnly', clientTokenNames: ['tok'] },
        syncScopeMap: { name: 's', actions: randomActions(rng) },
      };
      const map = { name: 'm', actions: randomActions(rng) };
      const token = { name: 'tok', status: 'enabled' as const, scopeMapName: 'm' };
      for (const r of [...universe, 'a/*', '*']) {
        const a = accessOnConnectedRegistry(ctx, token, map, r);
        for (const p of ['content/write', 'content/delete', 'metadata/write']) {
          if (has(a.granted, p)) failures.push(`seed ${seed}, ${r}: ${p}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a repository not synced to a connected registry is never reachable there', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = seeded(seed * 15485863);
      const syncActions = randomActions(rng);
      const parentActions = randomActions(rng, 12);
      const ctx: ConnectedRegistryContext = {
        connectedRegistry: {
          name: 'edgeone',
          mode: rng.pick(['ReadOnly', 'ReadWrite'] as const),
          clientTokenNames: ['tok'],
        },
        syncScopeMap: { name: 's', actions: syncActions },
        ancestors: [{ name: 'siteone', syncScopeMap: { name: 'p', actions: parentActions } }],
      };
      const map = { name: 'm', actions: [...randomActions(rng), 'repositories/*/content/read'] };
      const token = { name: 'tok', status: 'enabled' as const, scopeMapName: 'm' };
      const synced = bruteForce(syncActions);
      const parentSynced = bruteForce(parentActions);
      for (const r of universe) {
        const reachable =
          synced.get(r)?.has('content/read') === true &&
          parentSynced.get(r)?.has('content/read') === true;
        const a = accessOnConnectedRegistry(ctx, token, map, r);
        if (!reachable && a.granted.length > 0) failures.push(`reached: seed ${seed}, ${r}`);
        // The token's map grants content/read everywhere, so a synced one is reachable.
        if (reachable && !has(a.granted, 'content/read'))
          failures.push(`missed: seed ${seed}, ${r}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('indexOverview', () => {
  it('finds the parent chain for a connected registry', () => {
    const o = buildOverview(cleanSpec());
    const idx = indexOverview(o);
    const edge = idx.connectedRegistry('EDGEONE');
    if (!edge) throw new Error('edgeone missing');
    const ctx = idx.context(edge);
    expect(ctx.syncScopeMap?.name).toBe('edgeone');
    expect(ctx.ancestors?.map((a) => a.name)).toEqual(['siteone']);
  });
});
