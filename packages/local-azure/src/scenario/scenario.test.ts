import { describe, expect, it } from 'vitest';
import { checkScopeMapAction } from '../arm/rules/actions';
import { findSystemScopeMap } from '../arm/rules/system-scope-maps';
import { DAY, HOUR, MINUTE } from './build';
import {
  DEMO_CLIENTS,
  DEMO_EDGELINE4_ONLINE_AFTER_MS,
  DEMO_PERSONAS,
  DEMO_REGISTRY,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT_ID,
  DEMO_UNHEALTHY_CORRELATION_ID,
} from './demo';
import { registryArmId } from './contoso';
import { getScenario, scenarioNames } from './index';
import { LARGE_COUNTS } from './large';
import { runtimeAt } from './runtime';
import type { ScenarioData, ScenarioRegistry, ScenarioToken } from './types';
import { validateScenario } from './validate';

const NOW = new Date('2026-11-27T19:30:00.000Z');
const now = NOW.getTime();

function registry(data: ScenarioData, name: string): ScenarioRegistry {
  const r = data.registries.find((x) => x.name === name);
  if (!r) throw new Error(`no registry ${name}`);
  return r;
}

function depthOf(reg: ScenarioRegistry, name: string): number {
  let depth = 0;
  let current = reg.connectedRegistries.find((c) => c.name === name);
  while (current) {
    depth++;
    const parent = current.parentName;
    current =
      parent === undefined ? undefined : reg.connectedRegistries.find((c) => c.name === parent);
  }
  return depth;
}

describe.each(scenarioNames)('scenario %s', (name) => {
  const data = getScenario(name, NOW);

  it('satisfies Azure rules', () => {
    expect(validateScenario(data)).toEqual([]);
    expect(data.name).toBe(name);
  });

  it('is deterministic and relative to now', () => {
    expect(getScenario(name, NOW)).toEqual(data);
    // Each call builds fresh objects: mutating one result must not leak into the next.
    const mutated = getScenario(name, NOW);
    for (const r of mutated.registries) {
      for (const m of r.scopeMaps) m.actions.push('repositories/leak/content/read');
      for (const c of r.connectedRegistries) c.clientTokenNames.push('leak');
    }
    mutated.personas[0]!.consoleRoles.push('Latchkey.Reviewer');
    mutated.clients[0]!.redirectUris.push('https://leak/');
    expect(getScenario(name, NOW)).toEqual(data);
    const later = getScenario(name, new Date(now + 7 * DAY));
    const shift = (iso: string): string => new Date(Date.parse(iso) + 7 * DAY).toISOString();
    expect(later.registries.map((r) => r.createdAt)).toEqual(
      data.registries.map((r) => shift(r.createdAt)),
    );
    const firstToken = data.registries[0]!.tokens[0];
    if (firstToken) {
      expect(later.registries[0]!.tokens[0]!.createdAt).toBe(shift(firstToken.createdAt));
    }
  });

  it('has the Contoso tenant, subscriptions, personas and clients', () => {
    expect(data.tenants.map((t) => t.id)).toEqual([DEMO_TENANT_ID]);
    expect(data.subscriptions.map((s) => s.displayName)).toEqual([
      'Contoso Production',
      'Contoso Factories',
    ]);
    expect(data.personas.map((p) => p.name)).toEqual([
      'Avery Admin',
      'Riley Reviewer',
      'Morgan Limited',
      'Nico NoRole',
      'Sasha Scoped',
    ]);
    expect(data.clients.map((c) => c.displayName)).toEqual([
      'Latchkey console',
      'Latchkey automation',
      'Read-only automation',
    ]);
    expect(data.registries[0]).toMatchObject({ name: 'contosoregistry', sku: 'Premium' });
  });
});

describe('validateScenario catches broken data', () => {
  type Mutation = [string, (d: ScenarioData) => void, RegExp];
  const reg = (d: ScenarioData): ScenarioRegistry => registry(d, 'contosoregistry');
  const cr = (d: ScenarioData, n: string) => reg(d).connectedRegistries.find((c) => c.name === n)!;
  const map = (d: ScenarioData, n: string) => reg(d).scopeMaps.find((m) => m.name === n)!;
  const token = (d: ScenarioData, n: string) => reg(d).tokens.find((t) => t.name === n)!;

  const mutations: Mutation[] = [
    [
      'an ancestor map without a descendant gateway action',
      (d) => {
        const m = map(d, 'sitenorth');
        m.actions = m.actions.filter((a) => a !== 'gateway/edgeline1/message/write');
      },
      /sitenorth lacks gateway\/edgeline1\/message\/write/,
    ],
    [
      'a sync map without its own gateway actions',
      (d) => {
        const m = map(d, 'edgeline1');
        m.actions = m.actions.filter((a) => !a.startsWith('gateway/'));
      },
      /edgeline1: sync scope map edgeline1 lacks/,
    ],
    [
      'a ReadWrite child of a ReadOnly parent',
      (d) => {
        cr(d, 'edgeline1').parentName = 'edgeline2';
        cr(d, 'edgeline1').mode = 'ReadWrite';
      },
      /ReadOnly parent \(edgeline2\)/,
    ],
    [
      'a missing sync token',
      (d) => void (cr(d, 'edgeline1').syncTokenName = 'nosuchtoken'),
      /sync token nosuchtoken does not exist/,
    ],
    [
      'a sync token without a scope map',
      (d) => void delete token(d, 'edgeline1').scopeMapName,
      /sync token edgeline1 has no scope map/,
    ],
    [
      '21 client tokens',
      (d) => {
        const extra = Array.from({ length: 21 }, (_, i): ScenarioToken => ({
          name: `extra-${i}`,
          status: 'enabled',
          passwords: [],
          createdAt: NOW.toISOString(),
        }));
        reg(d).tokens.push(...extra);
        cr(d, 'edgeline1').clientTokenNames = extra.map((t) => t.name);
      },
      /21 client tokens/,
    ],
    [
      'an unknown client token',
      (d) => void cr(d, 'edgeline1').clientTokenNames.push('ghost-token'),
      /client token ghost-token does not exist/,
    ],
    [
      'a Standard registry with connected registries',
      (d) => void (reg(d).sku = 'Standard'),
      /need a Premium registry/,
    ],
    [
      'data endpoint off',
      (d) => void (reg(d).dataEndpointEnabled = false),
      /need dataEndpointEnabled/,
    ],
    [
      'an invalid action',
      (d) => void map(d, 'line-agent-pull').actions.push('repositories/a/*/b/content/read'),
      /line-agent-pull: .*"\*"/,
    ],
    [
      'an upper-case stored action',
      (d) =>
        void (map(d, 'line-agent-pull').actions[0] =
          'repositories/Factory/line-agent/content/read'),
      /not normalised/,
    ],
    [
      'a reserved scope map name',
      (d) => void (map(d, 'old-team-pull').name = '_old_team'),
      /reserved/,
    ],
    [
      'a bad token name',
      (d) => void (token(d, 'ci-pipeline').name = 'ci_pipeline'),
      /may only contain/,
    ],
    [
      'an unknown scope map',
      (d) => void (token(d, 'ci-pipeline').scopeMapName = 'nope-map'),
      /scope map nope-map does not exist/,
    ],
    ['a bad messageTtl', (d) => void (cr(d, 'edgeline1').messageTtl = 'P91D'), /messageTtl/],
    ['a bad cron', (d) => void (cr(d, 'edgeline1').schedule = '61 * * * *'), /schedule/],
    [
      'a missing parent',
      (d) => void (cr(d, 'edgeline1').parentName = 'nowhere1'),
      /parent nowhere1 does not exist/,
    ],
    [
      'a password that expires before it was created',
      (d) => {
        const p = token(d, 'ci-pipeline').passwords[0]!;
        p.expiry = new Date(Date.parse(p.creationTime) - DAY).toISOString();
      },
      /expires before it was created/,
    ],
    [
      'a duplicate token name',
      (d) => void reg(d).tokens.push({ ...token(d, 'ci-pipeline'), name: 'CI-Pipeline' }),
      /duplicate .*token name "CI-Pipeline"/,
    ],
    [
      'a role assignment for nobody',
      (d) =>
        void d.roleAssignments.push({
          principalId: 'x',
          role: 'Reader',
          scope: '/subscriptions/x',
        }),
      /unknown principal/,
    ],
  ];

  it.each(mutations)('%s', (_label, mutate, expected) => {
    const data = getScenario('demo', NOW);
    mutate(data);
    const violations = validateScenario(data);
    expect(violations.join('\n')).toMatch(expected);
  });
});

describe('demo scenario', () => {
  const data = getScenario('demo', NOW);
  const reg = registry(data, 'contosoregistry');
  const dev = registry(data, 'contosodev');
  const tokenByName = new Map(reg.tokens.map((t) => [t.name, t]));
  const mapByName = new Map(reg.scopeMaps.map((m) => [m.name, m]));
  const crByName = new Map(reg.connectedRegistries.map((c) => [c.name, c]));
  const actionsOf = (tokenName: string): string[] => {
    const mapName = tokenByName.get(tokenName)?.scopeMapName;
    if (mapName === undefined) return [];
    return [...(mapByName.get(mapName)?.actions ?? findSystemScopeMap(mapName)?.actions ?? [])];
  };
  const clientsOf = (tokenName: string): string[] =>
    reg.connectedRegistries
      .filter((c) => c.clientTokenNames.includes(tokenName))
      .map((c) => c.name);
  const syncTokenNames = new Set(reg.connectedRegistries.map((c) => c.syncTokenName));

  it('places the registries and people as the personas describe', () => {
    expect(reg).toMatchObject({
      subscriptionId: DEMO_SUBSCRIPTIONS.production.subscriptionId,
      sku: 'Premium',
      dataEndpointEnabled: true,
    });
    expect(dev).toMatchObject({
      subscriptionId: DEMO_SUBSCRIPTIONS.factories.subscriptionId,
      sku: 'Basic',
      connectedRegistries: [],
    });
    const roles = (oid: string) =>
      data.roleAssignments
        .filter((a) => a.principalId === oid)
        .map((a) => `${a.role}@${a.scope}`)
        .sort();
    const prod = `/subscriptions/${DEMO_SUBSCRIPTIONS.production.subscriptionId}`;
    const fact = `/subscriptions/${DEMO_SUBSCRIPTIONS.factories.subscriptionId}`;
    expect(roles(DEMO_PERSONAS.avery.oid)).toEqual(
      [`Contributor@${prod}`, `Contributor@${fact}`].sort(),
    );
    expect(roles(DEMO_PERSONAS.riley.oid)).toEqual([`Reader@${prod}`, `Reader@${fact}`].sort());
    expect(roles(DEMO_PERSONAS.morgan.oid)).toEqual(
      [`Contributor@${fact}`, `Reader@${registryArmId(DEMO_REGISTRY)}`].sort(),
    );
    expect(roles(DEMO_PERSONAS.nico.oid)).toEqual([`Reader@${prod}`]);
    expect(roles(DEMO_PERSONAS.sasha.oid)).toEqual([`Reader@${registryArmId(DEMO_REGISTRY)}`]);
    expect(
      data.roleAssignments.find((a) => a.principalId === DEMO_PERSONAS.sasha.oid)?.notActions,
    ).toEqual(['Microsoft.ContainerRegistry/registries/tokens/read']);
    expect(DEMO_PERSONAS.nico.consoleRoles).toEqual([]);
    expect(roles(DEMO_CLIENTS.automation.servicePrincipalId)).toEqual(
      [`Contributor@${prod}`, `Contributor@${fact}`].sort(),
    );
    expect(roles(DEMO_CLIENTS.readOnlyAutomation.servicePrincipalId)).toEqual(
      [`Reader@${prod}`, `Reader@${fact}`].sort(),
    );
    expect(DEMO_CLIENTS.console.redirectUris).toContain('http://127.0.0.1:*/auth/callback');
    expect(DEMO_CLIENTS.automation.appRoles).toEqual(['Latchkey.Admin']);
  });

  it('has a three-level hierarchy with ReadWrite sites and ReadOnly edges', () => {
    const sites = reg.connectedRegistries.filter((c) => c.parentName === undefined);
    expect(sites.map((c) => [c.name, c.mode])).toEqual([
      ['sitenorth', 'ReadWrite'],
      ['sitesouth', 'ReadWrite'],
    ]);
    const edges = reg.connectedRegistries.filter((c) => c.parentName !== undefined);
    expect(edges.length).toBeGreaterThanOrEqual(3);
    for (const edge of edges) {
      expect(edge.mode).toBe('ReadOnly');
      expect(depthOf(reg, edge.name)).toBe(2);
    }
    for (const c of reg.connectedRegistries) {
      const syncMap = mapByName.get(tokenByName.get(c.syncTokenName)!.scopeMapName!)!;
      expect(syncMap.description).toBe(`Created by connected registry sync token: ${c.name}`);
    }
  });

  it('has about 30 tokens', () => {
    expect(reg.tokens.length).toBeGreaterThanOrEqual(25);
    expect(reg.tokens.length).toBeLessThanOrEqual(35);
  });

  it('exhibits every password finding', () => {
    const expiries = (p: { expiry?: string }) =>
      p.expiry === undefined ? Infinity : Date.parse(p.expiry) - now;
    const tokensWhere = (test: (t: ScenarioToken) => boolean) =>
      reg.tokens.filter(test).map((t) => t.name);
    const anyPassword =
      (test: (p: ScenarioToken['passwords'][number]) => boolean) => (t: ScenarioToken) =>
        t.passwords.some(test);
    expect(tokensWhere(anyPassword((p) => expiries(p) < 0))).toEqual(
      expect.arrayContaining(['line1-camera01', 'ci-pipeline', 'temp-contractor']),
    );
    expect(tokensWhere(anyPassword((p) => expiries(p) >= 0 && expiries(p) < 7 * DAY))).toEqual(
      expect.arrayContaining(['sitesouth', 'mes-south-app']),
    );
    expect(
      tokensWhere(anyPassword((p) => expiries(p) >= 7 * DAY && expiries(p) < 30 * DAY)),
    ).toContain('mes-north-app');
    expect(tokensWhere(anyPassword((p) => p.expiry === undefined))).toEqual(
      expect.arrayContaining(['line1-camera02', 'legacy-deployer', 'edgeline3-sync-token']),
    );
    expect(
      tokensWhere(
        anyPassword((p) => now - Date.parse(p.creationTime) > 90 * DAY && expiries(p) > 0),
      ),
    ).toEqual(expect.arrayContaining(['line2-camera01', 'legacy-deployer']));
    expect(tokensWhere((t) => t.status === 'enabled' && t.passwords.length === 0)).toEqual(
      expect.arrayContaining(['edgespare1', 'spare1-client', 'new-service']),
    );
    // Sync token never rotated: its only password dates from the token's creation, long ago.
    const stale = tokenByName.get('edgeline3-sync-token')!;
    expect(syncTokenNames.has(stale.name)).toBe(true);
    expect(stale.passwords.map((p) => p.creationTime)).toEqual([stale.createdAt]);
    expect(now - Date.parse(stale.createdAt)).toBeGreaterThan(365 * DAY);
  });

  it('exhibits every access finding', () => {
    // Registry-wide wildcard used by a token.
    expect(actionsOf('ops-readall').some((a) => a.startsWith('repositories/*/'))).toBe(true);
    // Delete (and write) on a client token of a ReadOnly connected registry.
    expect(actionsOf('line1-hmi')).toContain('repositories/factory/line-agent/content/delete');
    expect(clientsOf('line1-hmi').map((n) => crByName.get(n)!.mode)).toEqual(['ReadOnly']);
    // A client token granted a repository its connected registry does not sync.
    expect(actionsOf('line3-scanner')).toContain('repositories/factory/vision-model/content/read');
    expect(clientsOf('line3-scanner')).toEqual(['edgeline3']);
    expect(actionsOf('edgeline3-sync-token').some((a) => a.includes('factory/vision-model'))).toBe(
      false,
    );
    // A disabled token still attached as a client token.
    expect(tokenByName.get('line2-lost-tablet')!.status).toBe('disabled');
    expect(clientsOf('line2-lost-tablet')).toEqual(['edgeline2']);
    // A scope map no token uses.
    const used = new Set(reg.tokens.map((t) => t.scopeMapName));
    expect(reg.scopeMaps.filter((m) => !used.has(m.name)).map((m) => m.name)).toEqual([
      'old-team-pull',
    ]);
    // A token with no scope map; a token with a system map.
    expect(reg.tokens.filter((t) => t.scopeMapName === undefined).map((t) => t.name)).toEqual([
      'legacy-deployer',
    ]);
    expect(tokenByName.get('line4-camera01')!.scopeMapName).toBe('_repositories_pull');
    // A child syncing a repository its parent does not sync.
    expect(actionsOf('edgeline2')).toContain('repositories/factory/plc-bridge/content/read');
    expect(actionsOf('sitenorth').some((a) => a.includes('factory/plc-bridge'))).toBe(false);
    // Otherwise every ancestor syncs its descendants' repositories.
    for (const c of reg.connectedRegistries) {
      if (c.parentName === undefined || c.name === 'edgeline2') continue;
      const parentActions = new Set(actionsOf(crByName.get(c.parentName)!.syncTokenName));
      for (const a of actionsOf(c.syncTokenName)) {
        const parsed = checkScopeMapAction(a);
        if (parsed.ok && parsed.kind === 'repositories')
          expect(parentActions.has(a), `${c.name}: ${a}`).toBe(true);
      }
    }
  });

  it('has the runtime states the findings need, changing as the clock moves', () => {
    const at = (name: string, t = now) => runtimeAt(crByName.get(name)!.runtime, t);
    for (const online of ['sitenorth', 'sitesouth', 'edgeline1']) {
      const state = at(online);
      expect(state).toMatchObject({ connectionState: 'Online', activation: 'Active' });
      expect(now - Date.parse(state.lastActivityTime!)).toBeLessThan(MINUTE);
      expect(now - Date.parse(state.lastSyncTime!)).toBeLessThan(MINUTE);
    }
    const unhealthy = at('edgeline2');
    expect(unhealthy.connectionState).toBe('Unhealthy');
    expect(unhealthy.statusDetails).toEqual([
      expect.objectContaining({
        type: 'Disk',
        code: 'DISK_PERMISSION_DENIED',
        correlationId: DEMO_UNHEALTHY_CORRELATION_ID,
      }),
    ]);
    expect(now - Date.parse(unhealthy.statusDetails[0]!.timestamp)).toBeGreaterThan(24 * HOUR);
    const offline = at('edgeline3');
    expect(offline.connectionState).toBe('Offline');
    expect(now - Date.parse(offline.lastActivityTime!)).toBeGreaterThan(24 * HOUR);
    expect(at('edgeline4').connectionState).toBe('Offline');
    expect(at('edgeline4', now + DEMO_EDGELINE4_ONLINE_AFTER_MS).connectionState).toBe('Online');
    expect(at('edgespare1')).toEqual({
      connectionState: 'Offline',
      activation: 'Inactive',
      statusDetails: [],
    });
  });
});

describe('large scenario', () => {
  it(`is generated in under a second with the promised shape`, () => {
    getScenario('large', NOW); // warm-up: the first call pays for JIT compilation
    const started = performance.now();
    const data = getScenario('large', NOW);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);

    const reg = registry(data, 'contosoregistry');
    expect(reg.connectedRegistries).toHaveLength(LARGE_COUNTS.connectedRegistries);
    expect(reg.tokens).toHaveLength(LARGE_COUNTS.tokens);
    expect(reg.scopeMaps).toHaveLength(LARGE_COUNTS.scopeMaps);
    const depths = reg.connectedRegistries.map((c) => depthOf(reg, c.name));
    expect(Math.max(...depths)).toBe(4);
    expect(
      Math.max(...reg.connectedRegistries.map((c) => c.clientTokenNames.length)),
    ).toBeLessThanOrEqual(20);
    expect(reg.scopeMaps.some((m) => m.actions.length === 500)).toBe(true);
  });

  it('spreads password and runtime states', () => {
    const data = getScenario('large', NOW);
    const reg = registry(data, 'contosoregistry');
    const passwords = reg.tokens.flatMap((t) => t.passwords);
    const left = (p: { expiry?: string }) => (p.expiry ? Date.parse(p.expiry) - now : Infinity);
    const count = (test: (p: { expiry?: string }) => boolean) => passwords.filter(test).length;
    expect(reg.tokens.filter((t) => t.passwords.length === 0).length).toBeGreaterThan(50);
    expect(count((p) => left(p) < 0)).toBeGreaterThan(100);
    expect(count((p) => left(p) >= 0 && left(p) < 7 * DAY)).toBeGreaterThan(50);
    expect(count((p) => left(p) >= 7 * DAY && left(p) < 30 * DAY)).toBeGreaterThan(100);
    expect(count((p) => p.expiry === undefined)).toBeGreaterThan(100);
    const states = new Map<string, number>();
    for (const c of reg.connectedRegistries) {
      const s = runtimeAt(c.runtime, now);
      const key = `${s.connectionState}/${s.activation}`;
      states.set(key, (states.get(key) ?? 0) + 1);
    }
    for (const key of [
      'Online/Active',
      'Offline/Active',
      'Unhealthy/Active',
      'Syncing/Active',
      'Offline/Inactive',
    ]) {
      expect(states.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    expect(states.get('Online/Active')!).toBeGreaterThan(reg.connectedRegistries.length / 2);
  });
});

describe('empty scenario', () => {
  it('has one Premium registry and nothing in it', () => {
    const data = getScenario('empty', NOW);
    expect(data.registries).toHaveLength(1);
    expect(data.registries[0]).toMatchObject({
      sku: 'Premium',
      tokens: [],
      scopeMaps: [],
      connectedRegistries: [],
    });
    expect(data.roleAssignments.length).toBeGreaterThan(0);
  });

  it('rejects an unknown scenario name', () => {
    expect(() => getScenario('nope' as never, NOW)).toThrow(/Unknown scenario/);
  });
});
