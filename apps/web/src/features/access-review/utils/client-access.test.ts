import type {
  ConnectedRegistryView,
  RegistryOverview,
  ScopeMapView,
  TokenView,
} from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { clientSummaries } from './client-access';

const map = (name: string, actions: string[]): ScopeMapView => ({
  id: name,
  name,
  type: 'UserDefined',
  actions,
  usedBy: [],
});
const token = (
  name: string,
  scopeMapName: string | null,
  over: Partial<TokenView> = {},
): TokenView => ({
  id: name,
  name,
  status: 'enabled',
  scopeMapName,
  passwords: [
    { name: 'password1', present: true },
    { name: 'password2', present: false },
  ],
  kind: { type: 'unattached' },
  clientOf: [],
  ...over,
});
const cr = (name: string, over: Partial<ConnectedRegistryView> = {}): ConnectedRegistryView => ({
  id: name,
  name,
  mode: 'ReadOnly',
  parentName: null,
  connectionState: 'Online',
  activation: 'Active',
  syncTokenName: `${name}-sync`,
  clientTokenNames: [],
  statusDetails: [],
  ...over,
});

const edge = cr('edge', { clientTokenNames: ['hmi', 'tablet', 'ghost'] });
const overview: RegistryOverview = {
  registry: {
    id: 'r',
    name: 'reg',
    subscriptionId: 's',
    resourceGroup: 'rg',
    location: 'x',
    sku: 'Premium',
    loginServer: 'reg.azurecr.io',
    dataEndpointEnabled: true,
    supportsConnectedRegistries: true,
  },
  connectedRegistries: [edge],
  tokens: [
    token('edge-sync', 'edge-sync-map'),
    token('hmi', 'admin-map'),
    token('tablet', 'pull-map', { status: 'disabled' }),
  ],
  scopeMaps: [
    map('edge-sync-map', ['repositories/app/agent/content/read']),
    map('admin-map', [
      'repositories/app/agent/content/read',
      'repositories/app/agent/content/write',
      'repositories/app/agent/content/delete',
      'repositories/app/vision/content/read',
    ]),
    map('pull-map', ['repositories/app/agent/content/read']),
  ],
  fetchedAt: '2026-06-01T00:00:00Z',
};

describe('clientSummaries', () => {
  const [hmi, tablet, ghost] = clientSummaries(overview, edge);

  it('lists what works on the connected registry, repository by repository', () => {
    expect(hmi?.access.map((a) => [a.repository, a.granted.map((g) => g.permission)])).toEqual([
      ['app/agent', ['content/read']],
      ['app/vision', []],
    ]);
  });

  it('warns about write/delete on a ReadOnly registry and grants on unsynced repositories', () => {
    expect(hmi?.warnings).toEqual([
      'app/agent: content/write, content/delete has no effect (edge is ReadOnly: it serves pulls only)',
      'app/vision: content/read has no effect (edge does not sync app/vision: its sync scope map edge-sync-map grants no content/read on it)',
    ]);
  });

  it('says once that a disabled token is still attached, rather than per permission', () => {
    expect(tablet?.warnings).toEqual([
      'Disabled but still attached: it uses one of the 20 client slots of edge',
    ]);
    expect(tablet?.access[0]?.granted).toEqual([]);
  });

  it('reports a client token name that matches no token', () => {
    expect(ghost?.token).toBeUndefined();
    expect(ghost?.warnings).toEqual(['ghost is attached but no such token exists']);
  });
});
