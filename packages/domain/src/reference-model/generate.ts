import fc from 'fast-check';
import type { ConnectedRegistryView, RegistryOverview } from '../dto';
import type { PasswordSlot } from '../passwords';
import { DAY, NOW, ago, buildOverview, type OverviewSpec } from '../test-fixtures';

/**
 * TEST-ONLY: random connected-registry hierarchies for the reference-model
 * comparison: depth up to 4 under the cloud registry, both modes, wildcard
 * and invalid rules, system scope maps, disabled and missing tokens, missing
 * scope maps, missing passwords, gateway rules dropped from ancestors, client
 * tokens holding gateway rules, a sync token reused as a client, names
 * written in other cases, never-activated registries.
 */

export const CR_NAMES = ['alpha01', 'bravo02', 'charlie03', 'delta04', 'echo05', 'foxtrot06'];
/** Named in no hierarchy: rules and questions about it must still be answered. */
export const GHOST_GATEWAY = 'ghost99';
export const REPOSITORIES = ['a', 'a/b', 'a/b/c', 'ab', 'b/x', 'c', 'zz/new'];
const RULE_REPOS = ['a', 'a/b', 'a/b/c', 'ab', 'b/x', 'c', 'a/*', 'a/b/*', 'b/*', '*'];
const INVALID_REPOS = ['a*', 'a/*/b'];
const REPO_PERMS = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
];
const GATEWAY_PERMS = ['config/read', 'config/write', 'message/read', 'message/write'];
const READ = ['content/read', 'metadata/read'];
const SYSTEM_MAPS = [
  { name: '_repositories_pull', actions: ['repositories/*/content/read'] },
  {
    name: '_repositories_admin',
    actions: REPO_PERMS.map((p) => `repositories/*/${p}`),
  },
];
const CLIENTS = ['client01', 'client02', 'client03', 'client04', 'client05', 'client06'];
const CLIENT_MAPS = ['map0', 'map1', 'map2', 'map3'];

const action = fc
  .oneof(
    {
      weight: 8,
      arbitrary: fc.tuple(fc.constantFrom(...RULE_REPOS), fc.constantFrom(...REPO_PERMS)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...INVALID_REPOS), fc.constantFrom(...REPO_PERMS)),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(
        fc.constantFrom(...CR_NAMES, GHOST_GATEWAY),
        fc.constantFrom(...GATEWAY_PERMS),
      ),
    },
  )
  .map(([name, perm]) =>
    GATEWAY_PERMS.includes(perm) ? `gateway/${name}/${perm}` : `repositories/${name}/${perm}`,
  );

const passwords = fc.constantFrom<'none' | 'one' | 'two'>('none', 'one', 'two');

const crPlan = fc.record({
  /** Index of the parent among the earlier ones, or -1 for the cloud registry. */
  parent: fc.integer({ min: -1, max: 5 }),
  readOnly: fc.boolean(),
  syncRepos: fc.subarray(RULE_REPOS, { maxLength: 4 }),
  syncToken: fc.constantFrom<'enabled' | 'disabled' | 'missing' | 'none' | 'no-map'>(
    'enabled',
    'enabled',
    'enabled',
    'disabled',
    'missing',
    'none',
    'no-map',
  ),
  /** Gateway rules this registry's sync map drops for a descendant (by position), if any. */
  dropGateway: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 3 }),
  clients: fc.subarray([...CLIENTS, 'nosuchtoken'], { maxLength: 3 }),
  /** Also accept a sibling's sync token as a client (a token named both ways). */
  reuseSync: fc.integer({ min: 0, max: 9 }),
  upperCaseRefs: fc.boolean(),
  activation: fc.constantFrom<'Active' | 'Inactive'>('Active', 'Active', 'Inactive'),
  createdDaysAgo: fc.integer({ min: 0, max: 30 }),
  /** Without Azure's creation time, the never-activated rule falls back to the sync token's. */
  knownCreation: fc.boolean(),
  syncPasswords: passwords,
});

const plan = fc.record({
  crs: fc.array(crPlan, { minLength: 1, maxLength: 6 }),
  clientTokens: fc.array(
    fc.record({
      map: fc.constantFrom(...CLIENT_MAPS, ...SYSTEM_MAPS.map((m) => m.name), 'none', 'nosuchmap'),
      disabled: fc.boolean(),
      passwords,
    }),
    { minLength: CLIENTS.length, maxLength: CLIENTS.length },
  ),
  clientMaps: fc.array(fc.array(action, { minLength: 1, maxLength: 5 }), {
    minLength: CLIENT_MAPS.length,
    maxLength: CLIENT_MAPS.length,
  }),
});

function slots(kind: 'none' | 'one' | 'two'): PasswordSlot[] {
  if (kind === 'none') return [];
  const one: PasswordSlot = {
    name: 'password1',
    present: true,
    creationTime: ago(10 * DAY),
    expiry: new Date(NOW + 80 * DAY).toISOString(),
  };
  return kind === 'one' ? [one] : [one, { ...one, name: 'password2' }];
}

export interface Generated {
  overview: RegistryOverview;
  /** The connected registries, in generation order, with their depth under the cloud registry. */
  depth: Map<string, number>;
}

export const hierarchies: fc.Arbitrary<Generated> = plan.map((p) => {
  const crs = p.crs.map((c, i) => ({ ...c, name: CR_NAMES[i]! }));
  const parentOf = new Map<string, string | null>();
  const depth = new Map<string, number>();
  for (const [i, c] of crs.entries()) {
    const parent = c.parent >= 0 && c.parent < i ? crs[c.parent]!.name : null;
    const d = parent ? depth.get(parent)! + 1 : 1;
    // Depth up to 4: a deeper one hangs from the cloud registry instead.
    parentOf.set(c.name, d > 4 ? null : parent);
    depth.set(c.name, d > 4 ? 1 : d);
  }
  // "A ReadOnly parent has only ReadOnly children."
  const mode = new Map<string, ConnectedRegistryView['mode']>();
  for (const c of crs) {
    const parent = parentOf.get(c.name);
    mode.set(
      c.name,
      c.readOnly || (parent && mode.get(parent) === 'ReadOnly') ? 'ReadOnly' : 'ReadWrite',
    );
  }
  const descendants = (name: string): string[] => {
    const kids = crs.filter((c) => parentOf.get(c.name) === name).map((c) => c.name);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  };

  const spec: Required<OverviewSpec> = { connectedRegistries: [], tokens: [], scopeMaps: [] };
  spec.scopeMaps.push(
    ...SYSTEM_MAPS.map((m) => ({ ...m, type: 'SystemDefined' as const })),
    ...CLIENT_MAPS.map((name, i) => ({ name, actions: p.clientMaps[i]! })),
  );
  for (const [i, c] of CLIENTS.entries()) {
    const t = p.clientTokens[i]!;
    spec.tokens.push({
      name: c,
      scopeMapName: t.map === 'none' ? null : t.map,
      status: t.disabled ? 'disabled' : 'enabled',
      passwords: slots(t.passwords),
    });
  }
  for (const c of crs) {
    const syncName = `${c.name}-sync`;
    const perms = mode.get(c.name) === 'ReadOnly' ? READ : REPO_PERMS;
    const gatewayFor = [c.name, ...descendants(c.name)].filter(
      (d, j) => c.dropGateway === null || j === 0 || (c.dropGateway % 5) + 1 !== j,
    );
    const actions = [
      ...c.syncRepos.flatMap((r) => perms.map((perm) => `repositories/${r}/${perm}`)),
      ...gatewayFor.flatMap((d) => GATEWAY_PERMS.map((perm) => `gateway/${d}/${perm}`)),
    ];
    if (c.syncToken !== 'missing' && c.syncToken !== 'none') {
      spec.tokens.push({
        name: syncName,
        scopeMapName: c.syncToken === 'no-map' ? null : syncName,
        status: c.syncToken === 'disabled' ? 'disabled' : 'enabled',
        passwords: slots(c.syncPasswords),
        createdAgo: (c.createdDaysAgo + 1) * DAY,
      });
    }
    spec.scopeMaps.push({ name: syncName, actions });
    const ref = (n: string) => (c.upperCaseRefs ? n.toUpperCase() : n);
    const clients = c.clients.map(ref);
    const sibling = crs[c.reuseSync];
    if (sibling && sibling !== c) {
      clients.push(ref(`${sibling.name}-sync`));
    }
    spec.connectedRegistries.push({
      name: c.name,
      mode: mode.get(c.name)!,
      parentName: parentOf.get(c.name) ? ref(parentOf.get(c.name)!) : null,
      syncTokenName: c.syncToken === 'none' ? null : ref(syncName),
      clientTokenNames: clients,
      activation: c.activation,
      connectionState: c.activation === 'Active' ? 'Online' : 'Offline',
      ...(c.knownCreation ? { createdAt: ago(c.createdDaysAgo * DAY) } : {}),
      ...(c.activation === 'Inactive' ? { lastActivityTime: undefined } : {}),
    });
  }
  return { overview: buildOverview(spec), depth };
});
