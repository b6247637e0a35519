import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from './dto';
import type { PasswordSlot } from './passwords';
import { tokenKinds } from './token-kind';

/**
 * Minimal overview builders and a seeded generator for the domain's own tests
 * (not exported from the package). Unit tests build what they need here; only
 * the reference-model test reads local Azure's `demo` scenario (a dev
 * dependency: the domain's runtime code imports nothing of ours).
 */

export const DAY = 24 * 3600_000;
export const HOUR = 3600_000;
export const NOW = Date.parse('2026-06-01T00:00:00Z');
export const ago = (ms: number) => new Date(NOW - ms).toISOString();
export const ahead = (ms: number) => new Date(NOW + ms).toISOString();

export function pwd(
  name: PasswordSlot['name'],
  createdAgo: number | undefined,
  expiresIn?: number,
): PasswordSlot {
  const p: PasswordSlot = { name, present: true };
  if (createdAgo !== undefined) p.creationTime = ago(createdAgo);
  if (expiresIn !== undefined) p.expiry = ahead(expiresIn);
  return p;
}

export interface TokenSpec {
  name: string;
  scopeMapName?: string | null;
  status?: TokenView['status'];
  createdAgo?: number;
  passwords?: PasswordSlot[];
}

export interface OverviewSpec {
  connectedRegistries?: Array<Partial<ConnectedRegistryView> & { name: string }>;
  tokens?: TokenSpec[];
  scopeMaps?: Array<Partial<ScopeMapView> & { name: string; actions: string[] }>;
}

/** An overview whose derived fields (token kinds, clientOf, usedBy) are computed like the BFF does. */
export function buildOverview(spec: OverviewSpec): RegistryOverview {
  const crs: ConnectedRegistryView[] = (spec.connectedRegistries ?? []).map((c) => ({
    id: `/cr/${c.name}`,
    mode: 'ReadWrite',
    parentName: null,
    connectionState: 'Online',
    activation: 'Active',
    lastActivityTime: new Date(NOW).toISOString(),
    syncTokenName: c.name,
    clientTokenNames: [],
    statusDetails: [],
    ...c,
  }));
  const tokenSpecs = spec.tokens ?? [];
  const kinds = tokenKinds(
    tokenSpecs.map((t) => t.name),
    crs,
  );
  const tokens: TokenView[] = tokenSpecs.map((t) => {
    const slots = t.passwords ?? [pwd('password1', 10 * DAY, 80 * DAY)];
    const slot = (name: PasswordSlot['name']) =>
      slots.find((s) => s.name === name) ?? { name, present: false };
    const k = kinds.get(t.name) ?? { kind: { type: 'unattached' as const }, clientOf: [] };
    return {
      id: `/tokens/${t.name}`,
      name: t.name,
      status: t.status ?? 'enabled',
      scopeMapName: t.scopeMapName === undefined ? t.name : t.scopeMapName,
      creationDate: ago(t.createdAgo ?? 200 * DAY),
      passwords: [slot('password1'), slot('password2')],
      kind: k.kind,
      clientOf: k.clientOf,
    };
  });
  const scopeMaps: ScopeMapView[] = (spec.scopeMaps ?? []).map((m) => ({
    id: `/scopeMaps/${m.name}`,
    type: 'UserDefined',
    usedBy: tokens.filter((t) => t.scopeMapName === m.name).map((t) => t.name),
    ...m,
  }));
  return {
    registry: {
      id: '/registries/testreg',
      name: 'testreg',
      subscriptionId: '00000000-0000-4000-8000-000000000000',
      resourceGroup: 'rg',
      location: 'westeurope',
      sku: 'Premium',
      loginServer: 'testreg.azurecr.io',
      dataEndpointEnabled: true,
      supportsConnectedRegistries: true,
    },
    connectedRegistries: crs,
    tokens,
    scopeMaps,
    fetchedAt: new Date(NOW).toISOString(),
  };
}

export const repo = (name: string, perms: readonly string[]) =>
  perms.map((p) => `repositories/${name}/${p}`);
export const gateway = (cr: string) =>
  ['config/read', 'config/write', 'message/read', 'message/write'].map((p) => `gateway/${cr}/${p}`);
export const READ = ['content/read', 'metadata/read'] as const;
export const ALL = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
] as const;

/**
 * A clean registry: ReadWrite `siteone` (syncs app/api and app/agent) with
 * client `app-client`; its ReadOnly child `edgeone` (syncs app/agent) with
 * client `cam-client`. Every password is 10 days old and valid for 80 more.
 * It has no findings; each finding's test breaks one thing in it.
 */
export function cleanSpec(): OverviewSpec {
  return {
    connectedRegistries: [
      { name: 'siteone', clientTokenNames: ['app-client'] },
      {
        name: 'edgeone',
        mode: 'ReadOnly',
        parentName: 'siteone',
        clientTokenNames: ['cam-client'],
      },
    ],
    tokens: [
      { name: 'siteone' },
      { name: 'edgeone' },
      { name: 'app-client', scopeMapName: 'app-push', createdAgo: 100 * DAY },
      { name: 'cam-client', scopeMapName: 'agent-pull', createdAgo: 100 * DAY },
    ],
    scopeMaps: [
      {
        name: 'siteone',
        actions: [
          ...repo('app/api', ALL),
          ...repo('app/agent', ALL),
          ...gateway('siteone'),
          ...gateway('edgeone'),
        ],
      },
      { name: 'edgeone', actions: [...repo('app/agent', READ), ...gateway('edgeone')] },
      {
        name: 'app-push',
        actions: repo('app/api', ['content/read', 'content/write', 'metadata/read']),
      },
      { name: 'agent-pull', actions: repo('app/agent', READ) },
    ],
  };
}

/** mulberry32: a tiny seeded PRNG, so property tests are reproducible from their seed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[int(xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  };
  return { next, int, pick };
}
