import { createHash } from 'node:crypto';
import type { ConnectedRegistry, Registry, ScopeMap, Token } from '@azure/arm-containerregistry';
import {
  childName,
  normalizeSlots,
  parseRegistryId,
  type ConnectedRegistryView,
  type RegistrySummary,
  type ScopeMapView,
  type TokenView,
} from '@latchkey/domain';

export type TokenRecord = Omit<TokenView, 'kind' | 'clientOf'>;
export type ScopeMapRecord = Omit<ScopeMapView, 'usedBy'>;

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toRegistrySummary(r: Registry, subscriptionName?: string): RegistrySummary {
  const ref = parseRegistryId(r.id ?? '');
  const sku = r.sku?.name ?? 'Unknown';
  return defined({
    id: r.id ?? '',
    name: r.name ?? ref?.registryName ?? '',
    subscriptionId: ref?.subscriptionId ?? '',
    subscriptionName,
    resourceGroup: ref?.resourceGroup ?? '',
    location: r.location ?? '',
    sku,
    loginServer: r.loginServer ?? '',
    dataEndpointEnabled: !!r.dataEndpointEnabled,
    supportsConnectedRegistries: sku === 'Premium' && !!r.dataEndpointEnabled,
  });
}

const MODES: Record<string, ConnectedRegistryView['mode']> = {
  readwrite: 'ReadWrite',
  registry: 'ReadWrite', // legacy alias
  readonly: 'ReadOnly',
  mirror: 'ReadOnly', // legacy alias
};

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

export function toConnectedRegistryView(cr: ConnectedRegistry): ConnectedRegistryView {
  const sync = cr.parent?.syncProperties;
  return defined({
    id: cr.id ?? '',
    name: cr.name ?? '',
    mode: MODES[(cr.mode ?? '').toLowerCase()] ?? 'ReadOnly',
    parentName: childName(cr.parent?.id, 'connectedRegistries') ?? null,
    connectionState: oneOf(
      cr.connectionState,
      ['Online', 'Offline', 'Syncing', 'Unhealthy'] as const,
      'Unknown',
    ),
    activation: oneOf(cr.activation?.status, ['Active', 'Inactive'] as const, 'Unknown'),
    provisioningState: cr.provisioningState,
    version: cr.version,
    lastActivityTime: iso(cr.lastActivityTime),
    createdAt: iso(cr.systemData?.createdAt),
    lastSyncTime: iso(sync?.lastSyncTime),
    syncSchedule: sync?.schedule,
    syncWindow: sync?.syncWindow,
    messageTtl: sync?.messageTtl,
    gatewayEndpoint: sync?.gatewayEndpoint,
    loginServerHost: cr.loginServer?.host || undefined,
    syncTokenName: childName(sync?.tokenId, 'tokens') ?? null,
    clientTokenNames: (cr.clientTokenIds ?? [])
      .map((id) => childName(id, 'tokens'))
      .filter((n): n is string => !!n),
    statusDetails: (cr.statusDetails ?? []).map((d) =>
      defined({
        type: d.type,
        code: d.code,
        description: d.description,
        timestamp: iso(d.timestamp),
      }),
    ),
  });
}

export function toTokenRecord(t: Token): TokenRecord {
  return defined({
    id: t.id ?? '',
    name: t.name ?? '',
    status: t.status === 'disabled' ? 'disabled' : 'enabled',
    scopeMapName: childName(t.scopeMapId, 'scopeMaps') ?? null,
    creationDate: iso(t.creationDate),
    provisioningState: t.provisioningState,
    // Only names and dates are copied: a password value must never leave this function.
    passwords: normalizeSlots(
      (t.credentials?.passwords ?? []).map((p) => ({
        name: p.name,
        creationTime: p.creationTime,
        expiry: p.expiry,
      })),
    ),
  });
}

/**
 * A scope map's content version: a hash of its description and actions. An
 * edit carries the version it started from, and a save over any other content
 * is refused, so no update is lost.
 */
export function scopeMapVersion(
  description: string | undefined,
  actions: readonly string[],
): string {
  return createHash('sha256')
    .update(JSON.stringify([description ?? '', actions]))
    .digest('base64url')
    .slice(0, 22);
}

export function toScopeMapRecord(s: ScopeMap): ScopeMapRecord {
  return defined({
    version: scopeMapVersion(s.description, s.actions ?? []),
    id: s.id ?? '',
    name: s.name ?? '',
    description: s.description,
    type: s.typePropertiesType === 'SystemDefined' ? 'SystemDefined' : 'UserDefined',
    actions: s.actions ?? [],
    creationDate: iso(s.creationDate),
  });
}
