// Registry contents as ARM lists them, for the snapshot tests of this folder.
import type { ConnectedRegistryView } from '@latchkey/domain';
import type { RegistryContents } from '../../arm/reader';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';

export const R =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r';
export const token = (name: string, over: Partial<TokenRecord> = {}): TokenRecord => ({
  id: `${R}/tokens/${name}`,
  name,
  status: 'enabled',
  scopeMapName: 'pull',
  passwords: [
    { name: 'password1', present: true, creationTime: '2026-01-01T00:00:00.000Z' },
    { name: 'password2', present: false },
  ],
  ...over,
});
export const map = (name: string, actions: string[]): ScopeMapRecord => ({
  id: `${R}/scopeMaps/${name}`,
  name,
  type: 'UserDefined',
  actions,
});
export const cr = (
  name: string,
  over: Partial<ConnectedRegistryView> = {},
): ConnectedRegistryView => ({
  id: `${R}/connectedRegistries/${name}`,
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
export const contents = (over: Partial<RegistryContents> = {}): RegistryContents => ({
  registry: {
    id: R,
    name: 'r',
    subscriptionId: 's',
    resourceGroup: 'rg',
    location: 'westeurope',
    sku: 'Premium',
    loginServer: 'r.azurecr.io',
    dataEndpointEnabled: true,
    supportsConnectedRegistries: true,
  },
  tokens: [token('a'), token('b')],
  scopeMaps: [map('pull', ['repositories/x/content/read'])],
  connectedRegistries: [cr('edge')],
  ...over,
});
