import type {
  ConnectedRegistryView,
  RegistryOverview,
  ScopeMapView,
  TokenView,
} from '@latchkey/domain';

// Builders for the SPA's unit tests (never imported by app code).

/** A connected registry with no tokens, Online and Active, at the top of the hierarchy. */
export const connectedRegistry = (
  name: string,
  over: Partial<ConnectedRegistryView> = {},
): ConnectedRegistryView => ({
  id: name,
  name,
  mode: 'ReadOnly',
  parentName: null,
  connectionState: 'Online',
  activation: 'Active',
  syncTokenName: null,
  clientTokenNames: [],
  statusDetails: [],
  ...over,
});

export const registrySummary: RegistryOverview['registry'] = {
  id: 'r',
  name: 'reg',
  subscriptionId: 's',
  resourceGroup: 'rg',
  location: 'x',
  sku: 'Premium',
  loginServer: 'reg.azurecr.io',
  dataEndpointEnabled: true,
  supportsConnectedRegistries: true,
};

export const scopeMap = (name: string, actions: string[]): ScopeMapView => ({
  id: name,
  name,
  type: 'UserDefined',
  actions,
  usedBy: [],
});

/** An enabled, unattached token with one password. */
export const token = (
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
