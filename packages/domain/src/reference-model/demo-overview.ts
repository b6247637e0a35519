import { getScenario } from '@latchkey/local-azure';
import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from '../dto';
import { tokenKinds } from '../token-kind';

/**
 * TEST-ONLY: the `demo` scenario's production registry as an overview, built
 * from local Azure's scenario data (a dev dependency; the domain's runtime
 * code imports nothing of ours). Only what access and acceptance read is
 * filled in faithfully: names, modes, parents, sync and client tokens, token
 * status, scope maps (with the five system-defined maps every registry has,
 * reference §3). Runtime state (connection, activation) is not needed here.
 */

/** Reference §3 "System-defined scope maps": every action is prefixed `repositories/*\/`. */
const SYSTEM_MAPS: Record<string, string[]> = {
  _repositories_pull: ['content/read'],
  _repositories_pull_metadata_read: ['content/read', 'metadata/read'],
  _repositories_push: ['content/read', 'content/write'],
  _repositories_push_metadata_write: [
    'metadata/read',
    'metadata/write',
    'content/read',
    'content/write',
  ],
  _repositories_admin: [
    'metadata/read',
    'metadata/write',
    'content/read',
    'content/write',
    'content/delete',
  ],
};

export const DEMO_NOW = Date.parse('2026-06-01T00:00:00Z');

export function demoOverview(): RegistryOverview {
  const scenario = getScenario('demo', new Date(DEMO_NOW));
  const reg = scenario.registries.find((r) => r.name === 'contosoregistry');
  if (!reg) throw new Error('demo has no contosoregistry');
  const crs: ConnectedRegistryView[] = reg.connectedRegistries.map((c) => ({
    id: `/connectedRegistries/${c.name}`,
    name: c.name,
    mode: c.mode,
    parentName: c.parentName ?? null,
    connectionState: 'Online',
    activation: 'Active',
    syncTokenName: c.syncTokenName,
    clientTokenNames: [...c.clientTokenNames],
    statusDetails: [],
  }));
  const kinds = tokenKinds(
    reg.tokens.map((t) => t.name),
    crs,
  );
  const tokens: TokenView[] = reg.tokens.map((t) => {
    const slot = (name: 'password1' | 'password2') => {
      const p = t.passwords.find((x) => x.name === name);
      return p
        ? {
            name,
            present: true,
            creationTime: p.creationTime,
            ...(p.expiry ? { expiry: p.expiry } : {}),
          }
        : { name, present: false };
    };
    const k = kinds.get(t.name)!;
    return {
      id: `/tokens/${t.name}`,
      name: t.name,
      status: t.status,
      scopeMapName: t.scopeMapName ?? null,
      creationDate: t.createdAt,
      passwords: [slot('password1'), slot('password2')],
      kind: k.kind,
      clientOf: k.clientOf,
    };
  });
  const usedBy = (name: string) =>
    tokens.filter((t) => t.scopeMapName?.toLowerCase() === name.toLowerCase()).map((t) => t.name);
  const scopeMaps: ScopeMapView[] = [
    ...reg.scopeMaps.map((m): ScopeMapView => ({
      id: `/scopeMaps/${m.name}`,
      name: m.name,
      type: 'UserDefined',
      actions: [...m.actions],
      usedBy: usedBy(m.name),
    })),
    ...Object.entries(SYSTEM_MAPS).map(([name, perms]): ScopeMapView => ({
      id: `/scopeMaps/${name}`,
      name,
      type: 'SystemDefined',
      actions: perms.map((p) => `repositories/*/${p}`),
      usedBy: usedBy(name),
    })),
  ];
  return {
    registry: {
      id: `/registries/${reg.name}`,
      name: reg.name,
      subscriptionId: reg.subscriptionId,
      resourceGroup: reg.resourceGroup,
      location: reg.location,
      sku: reg.sku,
      loginServer: `${reg.name}.azurecr.io`,
      dataEndpointEnabled: reg.dataEndpointEnabled,
      supportsConnectedRegistries: true,
    },
    connectedRegistries: crs,
    tokens,
    scopeMaps,
    fetchedAt: new Date(DEMO_NOW).toISOString(),
  };
}
