import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from './dto';
import { gatewayAccess, repositoryAccess, rulesOf, type MapLike } from './effective-access';
import {
  DAY,
  HOUR,
  days,
  finding,
  findingThresholds,
  iso,
  type Finding,
} from './findings-catalogue';
import { gatewayPermissions } from './mutations';
import { indexOverview } from './overview-index';
import { type RepositoryRule } from './scope-map-actions';

// The findings about connected registries and their sync tokens (see the
// catalogue in findings-catalogue.ts): gateway permissions, the hierarchy,
// availability, rotation.

/** "Down since": the moment an Offline or Unhealthy state is measured from (see the catalogue). */
export function downSince(
  cr: Pick<
    ConnectedRegistryView,
    'activation' | 'connectionState' | 'lastActivityTime' | 'statusDetails'
  >,
): number | undefined {
  // A connected registry that was never deployed is not "down": it has not started.
  if (cr.activation === 'Inactive') return undefined;
  if (cr.connectionState === 'Offline') {
    // Offline: the device was last heard from at lastActivityTime.
    return cr.lastActivityTime ? Date.parse(cr.lastActivityTime) : undefined;
  }
  if (cr.connectionState === 'Unhealthy') {
    // Unhealthy devices keep heartbeating, so lastActivityTime stays fresh;
    // the earliest status detail says when the problem was first reported.
    const stamps = cr.statusDetails
      .map((d) => (d.timestamp ? Date.parse(d.timestamp) : NaN))
      .filter((n) => !Number.isNaN(n));
    if (stamps.length > 0) return Math.min(...stamps);
    return cr.lastActivityTime ? Date.parse(cr.lastActivityTime) : undefined;
  }
  return undefined;
}

export function connectedRegistryFindings(
  overview: RegistryOverview,
  cr: ConnectedRegistryView,
  now: number,
): Finding[] {
  return [
    ...connectedRegistryConfigurationFindings(overview, cr, now),
    ...connectedRegistryRuntimeFindings(overview, cr, now),
  ];
}

/**
 * A connected registry's findings that read its configuration alone, never
 * its runtime state (connection state, activity, sync, status details): a
 * page may keep them while a poll moves only runtime state. They are the
 * costly ones (gateway actions of its own and every ancestor's sync scope map).
 */
export function connectedRegistryConfigurationFindings(
  overview: RegistryOverview,
  cr: ConnectedRegistryView,
  now: number,
): Finding[] {
  const idx = indexOverview(overview);
  const out: Finding[] = [];
  const target = { kind: 'connected-registry' as const, name: cr.name };
  const syncToken = cr.syncTokenName ? idx.token(cr.syncTokenName) : undefined;
  const syncMap: ScopeMapView | null = idx.context(cr).syncScopeMap as ScopeMapView | null;

  if (syncToken) {
    const missing = missingGateway(syncMap, cr.name);
    if (missing.length > 0) {
      out.push(
        finding(
          'sync-token.missing-gateway-permissions',
          { kind: 'token', name: syncToken.name, connectedRegistry: cr.name },
          'scope-map.edit',
          [
            syncMap ? `scope map ${syncMap.name}` : 'no scope map',
            ...missing.map((a) => `missing ${a}`),
          ],
        ),
      );
    }
    out.push(...neverRotated(syncToken, cr, now));
  }

  out.push(...ancestorGateways(overview, cr));
  out.push(...disabledBySyncToken(cr, syncToken, idx.children(cr)));

  const parent = cr.parentName ? idx.connectedRegistry(cr.parentName) : undefined;
  if (parent && syncMap) {
    const parentMap = idx.context(parent).syncScopeMap;
    const childRules = rulesOf(syncMap.actions).filter(
      (r): r is RepositoryRule => r.kind === 'repository' && r.permission === 'content/read',
    );
    const gaps = childRules.filter(
      (r) =>
        !parentMap ||
        !repositoryAccess(parentMap.actions, r.repository).some(
          (g) => g.permission === 'content/read',
        ),
    );
    if (gaps.length > 0) {
      out.push(
        finding(
          'connected-registry.child-syncs-unsynced-repository',
          target,
          'connected-registry.repositories',
          [
            ...gaps.map((r) => r.action),
            `parent ${parent.name} syncs through ${parentMap ? `scope map ${parentMap.name}` : 'no scope map'}, which grants no content/read on ${gaps.map((r) => r.repository).join(', ')}`,
          ],
        ),
      );
    }
  }
  return out;
}

/** A connected registry's findings that read its runtime state: never activated, down over 24 hours. */
export function connectedRegistryRuntimeFindings(
  overview: RegistryOverview,
  cr: ConnectedRegistryView,
  now: number,
): Finding[] {
  const out: Finding[] = [];
  const target = { kind: 'connected-registry' as const, name: cr.name };
  const syncToken = cr.syncTokenName ? indexOverview(overview).token(cr.syncTokenName) : undefined;
  out.push(...neverActivated(cr, syncToken, now));

  const since = downSince(cr);
  if (since !== undefined && now - since > findingThresholds.downHours * HOUR) {
    const details = cr.statusDetails.map((d) =>
      `${d.type ?? 'status'} ${d.code ?? ''} at ${d.timestamp ?? 'unknown time'}`.trim(),
    );
    out.push(
      finding('connected-registry.down-over-24-hours', target, 'connected-registry.open', [
        `${cr.connectionState} since ${iso(since)} (${Math.floor((now - since) / HOUR)} hours)`,
        ...(cr.lastActivityTime ? [`last activity ${cr.lastActivityTime}`] : []),
        ...details,
      ]),
    );
  }
  return out;
}

/** The gateway actions for connected registry `name` that a sync scope map lacks, in catalogue order. */
function missingGateway(map: MapLike | null, name: string): string[] {
  const held = map ? gatewayAccess(map.actions, name).map((g) => g.permission) : [];
  return gatewayPermissions
    .filter((p) => !held.includes(p))
    .map((p) => `gateway/${name.toLowerCase()}/${p}`);
}

/**
 * Every ancestor's sync scope map must carry the descendant's four gateway
 * actions (reference §3: "For a child, every ancestor's sync scope map gains
 * gateway/<child>/…"). One finding per ancestor that lacks some, on the
 * ancestor's sync token, scoped to the descendant. An ancestor without a sync
 * token is not reported here: nothing there could hold the actions.
 */
function ancestorGateways(overview: RegistryOverview, cr: ConnectedRegistryView): Finding[] {
  const idx = indexOverview(overview);
  const out: Finding[] = [];
  for (const a of idx.context(cr).ancestors ?? []) {
    const ancestor = idx.connectedRegistry(a.name);
    const token = ancestor?.syncTokenName ? idx.token(ancestor.syncTokenName) : undefined;
    if (!token) continue;
    const missing = missingGateway(a.syncScopeMap, cr.name);
    if (missing.length === 0) continue;
    out.push(
      finding(
        'sync-token.ancestor-missing-gateway-permissions',
        { kind: 'token', name: token.name, connectedRegistry: cr.name },
        'scope-map.edit',
        [
          `ancestor ${a.name} syncs through ${a.syncScopeMap ? `scope map ${a.syncScopeMap.name}` : 'no scope map'}`,
          `descendant ${cr.name}`,
          ...missing.map((x) => `missing ${x}`),
        ],
      ),
    );
  }
  return out;
}

function disabledBySyncToken(
  cr: ConnectedRegistryView,
  syncToken: TokenView | undefined,
  childViews: readonly ConnectedRegistryView[],
): Finding[] {
  if (syncToken?.status !== 'disabled') return [];
  const children = childViews.map((c) => c.name);
  return [
    finding(
      'connected-registry.disabled-by-sync-token',
      { kind: 'connected-registry', name: cr.name },
      'connected-registry.open',
      [
        `sync token ${syncToken.name} is disabled`,
        `${cr.clientTokenNames.length} client tokens without effect there`,
        ...(children.length > 0 ? [`children ${children.join(', ')} cannot sync through it`] : []),
      ],
    ),
  ];
}

function neverActivated(
  cr: ConnectedRegistryView,
  syncToken: TokenView | undefined,
  now: number,
): Finding[] {
  // Never activated: Inactive and no activity ever reported (a deactivated one keeps its last activity).
  const created = cr.createdAt ?? syncToken?.creationDate;
  if (cr.activation !== 'Inactive' || cr.lastActivityTime || !created) return [];
  const age = now - Date.parse(created);
  if (age <= findingThresholds.neverActivatedDays * DAY) return [];
  return [
    finding(
      'connected-registry.never-activated',
      { kind: 'connected-registry', name: cr.name },
      'connected-registry.open',
      [
        `${cr.createdAt ? 'created' : `sync token ${syncToken?.name} created`} ${created} (${days(age)} days ago)`,
        'activation Inactive',
        'no activity reported',
      ],
    ),
  ];
}

function neverRotated(t: TokenView, cr: ConnectedRegistryView, now: number): Finding[] {
  if (!t.creationDate) return [];
  const created = Date.parse(t.creationDate);
  if (now - created <= findingThresholds.oldPasswordDays * DAY) return [];
  const present = t.passwords.filter((p) => p.present);
  if (present.length === 0) return [];
  const firstOnly = present.every(
    (p) =>
      p.creationTime !== undefined &&
      Date.parse(p.creationTime) - created <= findingThresholds.sameAsCreationHours * HOUR,
  );
  if (!firstOnly) return [];
  return [
    finding(
      'sync-token.password-never-rotated',
      { kind: 'token', name: t.name, connectedRegistry: cr.name },
      'connected-registry.connection-string',
      [
        `token created ${t.creationDate}`,
        ...present.map((p) => `${p.name} created ${p.creationTime ?? 'unknown'}`),
      ],
    ),
  ];
}
