/**
 * The emulator's resource state: registries with their scope maps, tokens and
 * connected registries, held in maps keyed by lower-cased name (ARM matching is
 * case-insensitive) while each record keeps the casing it was created with.
 * Ids are derived, never stored, so a record cannot disagree with its path.
 */
import type {
  AzureRole,
  ConnectedRegistryRuntime,
  ScenarioData,
  ScenarioRegistry,
  ScenarioSubscription,
} from '../scenario/types';

export type ProvisioningState =
  'Creating' | 'Updating' | 'Deleting' | 'Succeeded' | 'Failed' | 'Canceled';

export interface SystemDataRec {
  createdBy?: string;
  createdByType?: string;
  createdAt: string;
  lastModifiedBy?: string;
  lastModifiedByType?: string;
  lastModifiedAt: string;
}

export interface ScopeMapRec {
  name: string;
  description?: string;
  actions: string[];
  systemData: SystemDataRec;
  provisioningState: ProvisioningState;
}

export interface PasswordRec {
  name: 'password1' | 'password2';
  creationTime: string;
  expiry?: string;
}

export interface TokenRec {
  name: string;
  /** Name of a scope map in the same registry (user or system defined). */
  scopeMapName?: string;
  status: 'enabled' | 'disabled';
  passwords: PasswordRec[];
  systemData: SystemDataRec;
  provisioningState: ProvisioningState;
  /** When `status` last changed: the timestamp of the "sync token disabled" status detail. */
  statusChangedAt?: string;
}

export interface ConnectedRegistryRec {
  name: string;
  mode: 'ReadWrite' | 'ReadOnly';
  parentName?: string;
  syncTokenName: string;
  /** undefined = never sent (the key is then left out of responses, as Azure does). */
  clientTokenNames?: string[];
  schedule?: string;
  syncWindow?: string;
  messageTtl: string;
  notificationsList?: string[];
  logging: { logLevel: string; auditLogStatus: string };
  garbageCollection?: { enabled?: boolean; schedule?: string };
  systemData: SystemDataRec;
  provisioningState: ProvisioningState;
  /** Scenario timeline; absent for registries created through the API (never activated). */
  runtime?: ConnectedRegistryRuntime;
  deactivatedAt?: string;
}

export interface RegistryRec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: 'Basic' | 'Standard' | 'Premium' | 'Classic';
  dataEndpointEnabled: boolean;
  adminUserEnabled: boolean;
  tags: Record<string, string>;
  systemData: SystemDataRec;
  provisioningState: ProvisioningState;
  scopeMaps: Map<string, ScopeMapRec>;
  tokens: Map<string, TokenRec>;
  connectedRegistries: Map<string, ConnectedRegistryRec>;
}

export interface RoleGrant {
  role: AzureRole;
  /** Lower-cased scope without a trailing slash. */
  scope: string;
  /** Lower-cased actions this grant excludes. */
  notActions: string[];
}

export const lower = (s: string): string => s.toLowerCase();

export function registryId(r: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}): string {
  return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`;
}

export function registryKey(subscriptionId: string, resourceGroup: string, name: string): string {
  return lower(`${subscriptionId}/${resourceGroup}/${name}`);
}

/** Everything the emulator knows, with the indexes requests need. */
export class ArmState {
  readonly scenario: ScenarioData;
  readonly registries = new Map<string, RegistryRec>();
  readonly subscriptions = new Map<string, ScenarioSubscription>();
  readonly resourceGroups = new Map<string, string>();
  readonly grants = new Map<string, RoleGrant[]>();

  constructor(scenario: ScenarioData, registries: RegistryRec[]) {
    this.scenario = scenario;
    for (const s of scenario.subscriptions) this.subscriptions.set(lower(s.subscriptionId), s);
    for (const a of scenario.roleAssignments) {
      const list = this.grants.get(lower(a.principalId)) ?? [];
      list.push({
        role: a.role,
        scope: lower(a.scope).replace(/\/+$/, ''),
        notActions: (a.notActions ?? []).map(lower),
      });
      this.grants.set(lower(a.principalId), list);
    }
    for (const r of registries) this.addRegistry(r);
  }

  addRegistry(r: RegistryRec): void {
    this.registries.set(registryKey(r.subscriptionId, r.resourceGroup, r.name), r);
    this.resourceGroups.set(lower(`${r.subscriptionId}/${r.resourceGroup}`), r.resourceGroup);
  }

  registry(subscriptionId: string, resourceGroup: string, name: string): RegistryRec | undefined {
    return this.registries.get(registryKey(subscriptionId, resourceGroup, name));
  }

  hasResourceGroup(subscriptionId: string, resourceGroup: string): boolean {
    return this.resourceGroups.has(lower(`${subscriptionId}/${resourceGroup}`));
  }
}

// ---------------------------------------------------------------------------
// Loading a scenario

function scenarioSystemData(
  createdAt: string,
  creator: { id: string; type: string } | undefined,
): SystemDataRec {
  return {
    ...(creator ? { createdBy: creator.id, createdByType: creator.type } : {}),
    createdAt,
    ...(creator ? { lastModifiedBy: creator.id, lastModifiedByType: creator.type } : {}),
    lastModifiedAt: createdAt,
  };
}

/**
 * Scenario resources were "created" by someone: the first persona holding a
 * write role on the registry's subscription, so audits show a plausible name.
 */
function creatorOf(
  scenario: ScenarioData,
  reg: ScenarioRegistry,
): { id: string; type: string } | undefined {
  const sub = lower(`/subscriptions/${reg.subscriptionId}`);
  for (const a of scenario.roleAssignments) {
    if (a.role === 'Reader' || lower(a.scope).replace(/\/+$/, '') !== sub) continue;
    const persona = scenario.personas.find((p) => lower(p.oid) === lower(a.principalId));
    if (persona) return { id: persona.username, type: 'User' };
  }
  return undefined;
}

export function registriesFromScenario(scenario: ScenarioData): RegistryRec[] {
  return scenario.registries.map((reg) => {
    const creator = creatorOf(scenario, reg);
    const sd = (at: string): SystemDataRec => scenarioSystemData(at, creator);
    const rec: RegistryRec = {
      subscriptionId: reg.subscriptionId,
      resourceGroup: reg.resourceGroup,
      name: reg.name,
      location: reg.location,
      sku: reg.sku,
      dataEndpointEnabled: reg.dataEndpointEnabled,
      adminUserEnabled: reg.adminUserEnabled,
      tags: { ...(reg.tags ?? {}) },
      systemData: sd(reg.createdAt),
      provisioningState: 'Succeeded',
      scopeMaps: new Map(),
      tokens: new Map(),
      connectedRegistries: new Map(),
    };
    for (const m of reg.scopeMaps) {
      rec.scopeMaps.set(lower(m.name), {
        name: m.name,
        ...(m.description !== undefined ? { description: m.description } : {}),
        actions: [...m.actions],
        systemData: sd(m.createdAt),
        provisioningState: 'Succeeded',
      });
    }
    for (const t of reg.tokens) {
      rec.tokens.set(lower(t.name), {
        name: t.name,
        ...(t.scopeMapName !== undefined ? { scopeMapName: t.scopeMapName } : {}),
        status: t.status,
        passwords: t.passwords.map((p) => ({ ...p })),
        systemData: sd(t.createdAt),
        provisioningState: 'Succeeded',
      });
    }
    for (const c of reg.connectedRegistries) {
      rec.connectedRegistries.set(lower(c.name), {
        name: c.name,
        mode: c.mode,
        ...(c.parentName !== undefined ? { parentName: c.parentName } : {}),
        syncTokenName: c.syncTokenName,
        ...(c.clientTokenNames.length > 0 ? { clientTokenNames: [...c.clientTokenNames] } : {}),
        ...(c.schedule !== undefined ? { schedule: c.schedule } : {}),
        ...(c.syncWindow !== undefined ? { syncWindow: c.syncWindow } : {}),
        messageTtl: c.messageTtl,
        ...(c.notificationsList !== undefined
          ? { notificationsList: [...c.notificationsList] }
          : {}),
        logging: { logLevel: c.logLevel ?? 'Information', auditLogStatus: 'Disabled' },
        systemData: sd(c.createdAt),
        provisioningState: 'Succeeded',
        runtime: c.runtime,
      });
    }
    return rec;
  });
}

// ---------------------------------------------------------------------------
// Serialisation (maps become arrays; the order of the arrays is the list order)

interface SerializedRegistry extends Omit<
  RegistryRec,
  'scopeMaps' | 'tokens' | 'connectedRegistries'
> {
  scopeMaps: ScopeMapRec[];
  tokens: TokenRec[];
  connectedRegistries: ConnectedRegistryRec[];
}

export interface SerializedState {
  version: 1;
  scenario: ScenarioData;
  registries: SerializedRegistry[];
}

/**
 * The state file as a string, fast at the `large` scenario: a stored record is
 * never mutated (changes replace it in its map), so each record's JSON is
 * cached by identity and a write re-serialises only what changed. Records are
 * frozen once cached, so an accidental in-place change fails loudly instead of
 * being lost.
 */
const recordJson = new WeakMap<object, string>();

function cachedJson(rec: object): string {
  let json = recordJson.get(rec);
  if (json === undefined) {
    json = JSON.stringify(rec);
    recordJson.set(rec, json);
    Object.freeze(rec);
  }
  return json;
}

export function stateToJson(state: ArmState): string {
  const registries = [...state.registries.values()].map((r) => {
    const { scopeMaps, tokens, connectedRegistries, ...scalars } = r;
    const head = JSON.stringify(scalars).slice(0, -1);
    const list = (m: Map<string, object>): string => [...m.values()].map(cachedJson).join(',');
    return `${head},"scopeMaps":[${list(scopeMaps)}],"tokens":[${list(tokens)}],"connectedRegistries":[${list(connectedRegistries)}]}`;
  });
  const scenario = JSON.stringify({ ...state.scenario, registries: [] });
  return `{"version":1,"scenario":${scenario},"registries":[${registries.join(',')}]}`;
}

export function deserializeState(data: SerializedState): ArmState {
  if (data.version !== 1)
    throw new Error(`unsupported emulator state version ${String(data.version)}`);
  const registries: RegistryRec[] = data.registries.map((r) => ({
    ...r,
    scopeMaps: new Map(r.scopeMaps.map((m) => [lower(m.name), m])),
    tokens: new Map(r.tokens.map((t) => [lower(t.name), t])),
    connectedRegistries: new Map(r.connectedRegistries.map((c) => [lower(c.name), c])),
  }));
  return new ArmState(data.scenario, registries);
}
