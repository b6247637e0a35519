/**
 * The Contoso tenant shared by every scenario: tenant, subscriptions, people,
 * app registrations and Azure role assignments. The ids are fixed so tests in
 * other packages can sign in as a persona or client by id.
 */
import type {
  ScenarioClient,
  ScenarioPersona,
  ScenarioRoleAssignment,
  ScenarioSubscription,
  ScenarioTenant,
} from './types';

export const DEMO_TENANT_ID = '7a1c2f3e-4b5d-4c6e-8f70-9a1b2c3d4e5f';

export const DEMO_TENANT: ScenarioTenant = {
  id: DEMO_TENANT_ID,
  displayName: 'Contoso',
  defaultDomain: 'contoso.onmicrosoft.com',
};

export const DEMO_SUBSCRIPTIONS = {
  production: {
    subscriptionId: '11111111-2222-4333-8444-555555555501',
    tenantId: DEMO_TENANT_ID,
    displayName: 'Contoso Production',
  },
  factories: {
    subscriptionId: '11111111-2222-4333-8444-555555555502',
    tenantId: DEMO_TENANT_ID,
    displayName: 'Contoso Factories',
  },
} satisfies Record<string, ScenarioSubscription>;

/** Where the Premium registry with the connected registries lives (all scenarios). */
export const DEMO_REGISTRY = {
  subscriptionId: DEMO_SUBSCRIPTIONS.production.subscriptionId,
  resourceGroup: 'rg-registry-prod',
  name: 'contosoregistry',
  location: 'westeurope',
} as const;

/** The Basic registry of the demo scenario, in the second subscription. */
export const DEMO_DEV_REGISTRY = {
  subscriptionId: DEMO_SUBSCRIPTIONS.factories.subscriptionId,
  resourceGroup: 'rg-registry-dev',
  name: 'contosodev',
  location: 'westeurope',
} as const;

export function registryArmId(r: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}): string {
  return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`;
}

export const DEMO_PERSONAS = {
  avery: {
    oid: 'a0e1b2c3-0001-4000-8000-00000000a001',
    tenantId: DEMO_TENANT_ID,
    name: 'Avery Admin',
    username: 'avery@contoso.onmicrosoft.com',
    consoleRoles: ['Latchkey.Admin'],
    azureRoleSummary: 'Latchkey Admin; Contributor on both subscriptions',
  },
  riley: {
    oid: 'a0e1b2c3-0002-4000-8000-00000000a002',
    tenantId: DEMO_TENANT_ID,
    name: 'Riley Reviewer',
    username: 'riley@contoso.onmicrosoft.com',
    consoleRoles: ['Latchkey.Reviewer'],
    azureRoleSummary: 'Latchkey Reviewer; Reader on both subscriptions',
  },
  morgan: {
    oid: 'a0e1b2c3-0003-4000-8000-00000000a003',
    tenantId: DEMO_TENANT_ID,
    name: 'Morgan Limited',
    username: 'morgan@contoso.onmicrosoft.com',
    consoleRoles: ['Latchkey.Admin'],
    azureRoleSummary:
      'Latchkey Admin; Contributor on Contoso Factories, only Reader on registry contosoregistry',
  },
  nico: {
    oid: 'a0e1b2c3-0004-4000-8000-00000000a004',
    tenantId: DEMO_TENANT_ID,
    name: 'Nico NoRole',
    username: 'nico@contoso.onmicrosoft.com',
    consoleRoles: [],
    azureRoleSummary: 'No Latchkey role; Reader on Contoso Production',
  },
  sasha: {
    oid: 'a0e1b2c3-0005-4000-8000-00000000a005',
    tenantId: DEMO_TENANT_ID,
    name: 'Sasha Scoped',
    username: 'sasha@contoso.onmicrosoft.com',
    consoleRoles: ['Latchkey.Reviewer'],
    azureRoleSummary:
      'Latchkey Reviewer; a custom role on registry contosoregistry: reads everything but its tokens',
  },
} satisfies Record<string, ScenarioPersona>;

// Local-only secrets: these apps exist only inside the emulator.
export const DEMO_CLIENTS = {
  console: {
    clientId: 'c0a5b1e2-0001-4000-8000-0000000c0001',
    clientSecret: 'local-azure-console-secret-not-for-production',
    displayName: 'Latchkey console',
    tenantId: DEMO_TENANT_ID,
    redirectUris: [
      'http://127.0.0.1:*/auth/callback',
      'http://localhost:*/auth/callback',
      'https://127.0.0.1:*/auth/callback',
      'https://localhost:*/auth/callback',
    ],
    postLogoutRedirectUris: [
      'http://127.0.0.1:*/signed-out',
      'http://localhost:*/signed-out',
      'https://127.0.0.1:*/signed-out',
      'https://localhost:*/signed-out',
      'http://127.0.0.1:*/',
      'http://localhost:*/',
      'https://127.0.0.1:*/',
      'https://localhost:*/',
    ],
    servicePrincipalId: 'c0a5b1e2-5001-4000-8000-0000000c5001',
    appRoles: [],
  },
  automation: {
    clientId: 'c0a5b1e2-0002-4000-8000-0000000c0002',
    clientSecret: 'local-azure-automation-secret-not-for-production',
    displayName: 'Latchkey automation',
    tenantId: DEMO_TENANT_ID,
    redirectUris: [],
    postLogoutRedirectUris: [],
    servicePrincipalId: 'c0a5b1e2-5002-4000-8000-0000000c5002',
    appRoles: ['Latchkey.Admin'],
  },
  readOnlyAutomation: {
    clientId: 'c0a5b1e2-0003-4000-8000-0000000c0003',
    clientSecret: 'local-azure-readonly-secret-not-for-production',
    displayName: 'Read-only automation',
    tenantId: DEMO_TENANT_ID,
    redirectUris: [],
    postLogoutRedirectUris: [],
    servicePrincipalId: 'c0a5b1e2-5003-4000-8000-0000000c5003',
    appRoles: ['Latchkey.Reviewer'],
  },
} satisfies Record<string, ScenarioClient>;

function subscriptionScope(s: { subscriptionId: string }): string {
  return `/subscriptions/${s.subscriptionId}`;
}

const both = [DEMO_SUBSCRIPTIONS.production, DEMO_SUBSCRIPTIONS.factories];

export const DEMO_ROLE_ASSIGNMENTS: readonly ScenarioRoleAssignment[] = [
  ...both.map((s) => ({
    principalId: DEMO_PERSONAS.avery.oid,
    role: 'Contributor' as const,
    scope: subscriptionScope(s),
  })),
  ...both.map((s) => ({
    principalId: DEMO_PERSONAS.riley.oid,
    role: 'Reader' as const,
    scope: subscriptionScope(s),
  })),
  // Morgan: Contributor on Factories, and on Production nothing but Reader on the
  // registry itself, so the console must refuse Morgan's writes to contosoregistry.
  {
    principalId: DEMO_PERSONAS.morgan.oid,
    role: 'Contributor',
    scope: subscriptionScope(DEMO_SUBSCRIPTIONS.factories),
  },
  { principalId: DEMO_PERSONAS.morgan.oid, role: 'Reader', scope: registryArmId(DEMO_REGISTRY) },
  {
    principalId: DEMO_PERSONAS.nico.oid,
    role: 'Reader',
    scope: subscriptionScope(DEMO_SUBSCRIPTIONS.production),
  },
  // Sasha: a custom role (Reader without tokens/read) on the registry alone, so
  // ARM refuses Sasha the token list while the registry and the other lists read fine.
  {
    principalId: DEMO_PERSONAS.sasha.oid,
    role: 'Reader',
    scope: registryArmId(DEMO_REGISTRY),
    notActions: ['Microsoft.ContainerRegistry/registries/tokens/read'],
  },
  ...both.map((s) => ({
    principalId: DEMO_CLIENTS.automation.servicePrincipalId,
    role: 'Contributor' as const,
    scope: subscriptionScope(s),
  })),
  ...both.map((s) => ({
    principalId: DEMO_CLIENTS.readOnlyAutomation.servicePrincipalId,
    role: 'Reader' as const,
    scope: subscriptionScope(s),
  })),
];

export interface ContosoIdentity {
  tenants: ScenarioTenant[];
  subscriptions: ScenarioSubscription[];
  personas: ScenarioPersona[];
  clients: ScenarioClient[];
  roleAssignments: ScenarioRoleAssignment[];
}

/** Fresh copies, so a scenario's consumer can never mutate the shared constants. */
export function contosoIdentity(): ContosoIdentity {
  return structuredClone<ContosoIdentity>({
    tenants: [DEMO_TENANT],
    subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
    personas: Object.values(DEMO_PERSONAS),
    clients: Object.values(DEMO_CLIENTS),
    roleAssignments: [...DEMO_ROLE_ASSIGNMENTS],
  });
}
