/**
 * What a scenario describes: tenants, subscriptions, people and apps, Azure
 * role assignments, and the registries with their connected registries,
 * tokens and scope maps. Scenarios are functions of "now" so that an expired
 * password stays expired relative to the moment the scenario is loaded.
 *
 * Names here are the resource names as a person would type them; the ARM
 * emulator builds ARM ids and wire shapes from them.
 */

export type ScenarioName = 'demo' | 'large' | 'empty';

export type ConsoleRole = 'Latchkey.Admin' | 'Latchkey.Reviewer';
export type AzureRole = 'Owner' | 'Contributor' | 'Reader';

export interface ScenarioTenant {
  id: string; // GUID
  displayName: string;
  defaultDomain: string; // e.g. contoso.onmicrosoft.com
}

export interface ScenarioSubscription {
  subscriptionId: string; // GUID
  tenantId: string;
  displayName: string;
}

/** A person who can sign in at the identity provider's sign-in page. */
export interface ScenarioPersona {
  /** Entra object id (GUID): `oid` claim, and the principal id of role assignments. */
  oid: string;
  tenantId: string;
  name: string; // display name, `name` claim
  username: string; // UPN, `preferred_username` claim
  consoleRoles: ConsoleRole[]; // app roles of the console app, `roles` claim in the ID token
  /** One line shown on the sign-in page, e.g. "Contributor on both subscriptions". */
  azureRoleSummary: string;
}

/** An app registration (confidential client). */
export interface ScenarioClient {
  clientId: string; // GUID
  clientSecret: string;
  displayName: string;
  tenantId: string;
  /**
   * Allowed redirect URIs. A loopback URI may use `*` as its port
   * (`http://127.0.0.1:*\/auth/callback`) so tests on ephemeral ports work.
   */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Object id of the app's service principal: `oid` of app-only tokens. */
  servicePrincipalId: string;
  /** App roles granted to the app itself: `roles` claim of client-credentials tokens. */
  appRoles: string[];
}

export interface ScenarioRoleAssignment {
  principalId: string; // persona oid or client servicePrincipalId
  role: AzureRole;
  /** `/subscriptions/{id}` or a registry's ARM id (any case). */
  scope: string;
  /**
   * Actions the assignment does not grant, as a custom role's NotActions
   * (e.g. `Microsoft.ContainerRegistry/registries/tokens/read`): exact names,
   * any case.
   */
  notActions?: string[];
}

export interface ScenarioPassword {
  name: 'password1' | 'password2';
  creationTime: string; // ISO date-time
  expiry?: string; // ISO date-time; absent = never expires
}

export interface ScenarioScopeMap {
  name: string;
  description?: string;
  actions: string[];
  createdAt: string;
}

export interface ScenarioToken {
  name: string;
  scopeMapName?: string; // user-defined or system (`_repositories_pull`)
  status: 'enabled' | 'disabled';
  passwords: ScenarioPassword[];
  createdAt: string;
}

export type ConnectionState = 'Online' | 'Offline' | 'Syncing' | 'Unhealthy';

export interface StatusDetail {
  type: string;
  code: string;
  description: string;
  timestamp: string;
  correlationId: string;
}

/**
 * One change of a connected registry's runtime state. The state at time t is
 * the fold of every event with `at <= t`, in order. Fields left out keep their
 * previous value.
 */
export interface RuntimeEvent {
  at: string; // ISO date-time
  connectionState?: ConnectionState;
  activation?: 'Active' | 'Inactive';
  version?: string;
  statusDetails?: StatusDetail[];
  /** Set lastSyncTime to `at`. */
  synced?: boolean;
}

export interface ConnectedRegistryRuntime {
  events: RuntimeEvent[];
  /**
   * While the registry is Online or Syncing, it reports activity and, with a
   * sync, every `everyMs`: lastActivityTime and lastSyncTime advance in steps
   * of `everyMs` from the time it last became Online or Syncing.
   */
  heartbeat?: { everyMs: number };
}

export interface ScenarioConnectedRegistry {
  name: string;
  mode: 'ReadWrite' | 'ReadOnly';
  parentName?: string; // absent = child of the cloud registry
  syncTokenName: string;
  clientTokenNames: string[];
  schedule?: string; // cron, 5 fields
  syncWindow?: string; // ISO-8601 duration
  messageTtl: string; // ISO-8601 duration
  notificationsList?: string[];
  logLevel?: 'Debug' | 'Information' | 'Warning' | 'Error' | 'None';
  createdAt: string;
  runtime: ConnectedRegistryRuntime;
}

export interface ScenarioRegistry {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string; // e.g. westeurope
  sku: 'Basic' | 'Standard' | 'Premium';
  dataEndpointEnabled: boolean;
  adminUserEnabled: boolean;
  createdAt: string;
  tags?: Record<string, string>;
  /** User-defined scope maps only; the emulator adds the five system-defined maps. */
  scopeMaps: ScenarioScopeMap[];
  tokens: ScenarioToken[];
  connectedRegistries: ScenarioConnectedRegistry[];
}

export interface ScenarioData {
  name: ScenarioName;
  tenants: ScenarioTenant[];
  subscriptions: ScenarioSubscription[];
  personas: ScenarioPersona[];
  clients: ScenarioClient[];
  roleAssignments: ScenarioRoleAssignment[];
  registries: ScenarioRegistry[];
}

export type ScenarioFactory = (context: { now: Date }) => ScenarioData;
