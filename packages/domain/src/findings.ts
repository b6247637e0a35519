import { z } from 'zod';
import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from './dto';
import { repositoryAccess, rulesOf, gatewayAccess } from './effective-access';
import { indexOverview } from './overview-index';
import { gatewayPermissions } from './mutations';
import { passwordState, type PasswordSlot } from './passwords';
import { patternsOverlap, type RepositoryRule } from './scope-map-actions';

/**
 * The audit engine: the findings catalogue of product.md, computed over one
 * RegistryOverview at an injected `now` (ms since epoch), so results are
 * reproducible and tests need no clock.
 *
 * Severities (one per finding id, so lists sort and filter predictably):
 * - critical: something is broken now for a whole connected registry;
 * - high: access is too wide, or clients break now or within a week;
 * - medium: hygiene with real risk (credentials that live too long, expiring
 *   within a month, content that can never arrive);
 * - low: ineffective or misleading configuration, unusable tokens;
 * - info: clutter worth a look.
 */

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Where a finding's fix link leads in the console (an admin action or the page to act on). */
export const fixActions = [
  'token.generate-password',
  'token.revoke-password',
  'token.set-status',
  'token.delete',
  'scope-map.edit',
  'scope-map.open',
  'connected-registry.detach-client',
  'connected-registry.repositories',
  'connected-registry.connection-string',
  'connected-registry.open',
] as const;
export type FixAction = (typeof fixActions)[number];

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

/** Thresholds the findings use, in one place so the UI can show them. */
export const findingThresholds = {
  expiringSoonDays: 7,
  expiringDays: 30,
  oldPasswordDays: 90,
  downHours: 24,
  /** A sync token password created within this long of the token counts as its first one. */
  sameAsCreationHours: 24,
} as const;

interface CatalogueEntry {
  id: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  /** The time window the finding uses, when it has one. */
  window?: string;
}

/** The findings catalogue as data (ids are stable: exports and links use them). */
export const findingCatalogue = [
  {
    id: 'password.expired',
    severity: 'high',
    title: 'Expired password',
    why: 'Clients using this password can no longer sign in; for a sync token, its connected registry stops syncing. A dead password left in its slot also hides which slot is really in use.',
    fix: 'Generate a new password in this slot (for a sync token: generate the connection string and redeploy it), or revoke the slot if no client uses it.',
    window: 'expiry before now',
  },
  {
    id: 'password.expiring-7-days',
    severity: 'high',
    title: 'Password expiring within 7 days',
    why: 'Clients using this password stop working within a week.',
    fix: 'Rotate: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'expires within 7 days',
  },
  {
    id: 'password.expiring-30-days',
    severity: 'medium',
    title: 'Password expiring within 30 days',
    why: 'Clients using this password stop working within a month; rotation takes planning on devices.',
    fix: 'Plan the rotation: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'expires in more than 7 and at most 30 days',
  },
  {
    id: 'password.no-expiry',
    severity: 'medium',
    title: 'Password with no expiry',
    why: 'A leaked password that never expires stays valid until someone notices.',
    fix: 'Generate a password with an expiry (default 90 days) in the other slot, move the clients to it, then revoke this one.',
  },
  {
    id: 'password.older-than-90-days',
    severity: 'medium',
    title: 'Password older than 90 days',
    why: 'Long-lived credentials spread to more places over time and are more likely to have leaked.',
    fix: 'Rotate: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'created more than 90 days ago (not reported for an expired password)',
  },
  {
    id: 'token.enabled-without-password',
    severity: 'low',
    title: 'Enabled token with no password',
    why: 'The token cannot be used: nobody can sign in with it. For a sync token, its connected registry cannot be deployed.',
    fix: 'Generate a password (for a sync token: generate the connection string), or disable or delete the token if it is not needed.',
  },
  {
    id: 'scope-map.registry-wide-wildcard',
    severity: 'high',
    title: 'Registry-wide wildcard "*"',
    why: 'The rule covers every repository, including ones created later, so access grows without anyone granting it.',
    fix: 'Edit the scope map: replace "repositories/*/…" with the repositories (or "team/*" prefixes) the tokens need.',
  },
  {
    id: 'client-token.delete-permission',
    severity: 'high',
    title: 'Delete permission on a client token',
    why: 'Client tokens live on devices and on-premises hosts; a lost device with delete permission can remove images.',
    fix: 'Edit the scope map: remove content/delete, or give the client a map without it.',
  },
  {
    id: 'client-token.write-on-read-only',
    severity: 'low',
    title: 'Write or delete permission on a client token of a ReadOnly connected registry',
    why: 'A ReadOnly connected registry serves pulls only: the permission has no effect there, and suggests access that does not exist.',
    fix: 'Edit the scope map: remove content/write, content/delete and metadata/write, or give the client a read-only map.',
  },
  {
    id: 'client-token.unsynced-repository',
    severity: 'low',
    title: 'Client token granted repositories its connected registry does not sync',
    why: 'A client reaches on a connected registry only what it syncs: the grant has no effect there and misleads reviewers.',
    fix: "Add the repository to the connected registry's synced repositories, or edit the scope map to remove it.",
  },
  {
    id: 'client-token.disabled-attached',
    severity: 'low',
    title: 'Disabled token still attached as a client token',
    why: 'It uses one of the 20 client slots and comes back to life on the device as soon as someone re-enables it.',
    fix: 'Detach it from the connected registry (and delete it if it is not coming back).',
  },
  {
    id: 'scope-map.unused',
    severity: 'info',
    title: 'Scope map used by no token',
    why: 'Unused maps clutter reviews and can be attached later with permissions nobody re-checked.',
    fix: 'Delete the scope map, or review it before attaching it to a token.',
  },
  {
    id: 'token.no-scope-map',
    severity: 'low',
    title: 'Token with no scope map',
    why: 'The token grants nothing, so it is either broken or forgotten; whoever attaches a map later gives it access silently.',
    fix: 'Delete the token, or give it a scope map (az acr token update --scope-map).',
  },
  {
    id: 'sync-token.missing-gateway-permissions',
    severity: 'critical',
    title: 'Sync token missing its gateway permissions',
    why: 'A connected registry needs config/read, config/write, message/read and message/write on its own gateway to sync; without them it cannot sync or report status.',
    fix: 'Edit the sync scope map: add gateway/<connected registry>/config/read, config/write, message/read and message/write.',
  },
  {
    id: 'connected-registry.child-syncs-unsynced-repository',
    severity: 'medium',
    title: 'Child syncing a repository its parent does not sync',
    why: 'A connected registry syncs from its parent; content its parent does not hold never arrives, so clients pulling it fail.',
    fix: "Add the repository to the child through the connected registry's synced repositories (which also updates its ancestors), or remove it from the child.",
  },
  {
    id: 'connected-registry.down-over-24-hours',
    severity: 'high',
    title: 'Connected registry offline or unhealthy for over 24 hours',
    why: 'Clients on site get stale content or none, and changes to client tokens do not reach it.',
    fix: 'Check the device and the status details; redeploy or regenerate its connection string if its sync token changed.',
    window:
      'Offline: since its last activity; Unhealthy: since its earliest status detail; over 24 hours',
  },
  {
    id: 'sync-token.password-never-rotated',
    severity: 'medium',
    title: 'Sync token password never rotated',
    why: 'The connected registry has used the same password since it was created; if it leaked from the device or a deployment, it still works.',
    fix: 'Generate the connection string (rotates the sync token password) and redeploy it to the connected registry.',
    window: 'token older than 90 days, every password created within 24 hours of the token',
  },
] as const satisfies readonly CatalogueEntry[];

export type FindingId = (typeof findingCatalogue)[number]['id'];
export const findingIds = findingCatalogue.map((e) => e.id) as [FindingId, ...FindingId[]];

const catalogueById = new Map<string, CatalogueEntry>(findingCatalogue.map((e) => [e.id, e]));

export const findingTargetSchema = z.object({
  kind: z.enum(['token', 'scope-map', 'connected-registry']),
  name: z.string(),
  /** For password findings. */
  slot: z.enum(['password1', 'password2']).optional(),
  /** For a client token's finding on one connected registry. */
  connectedRegistry: z.string().optional(),
  /** Human label, e.g. "token line1-camera01 slot password1". */
  label: z.string(),
});
export type FindingTarget = z.infer<typeof findingTargetSchema>;

export const findingSchema = z.object({
  id: z.enum(findingIds),
  /** Unique within one result: id + target. */
  key: z.string(),
  severity: z.enum(severities),
  target: findingTargetSchema,
  title: z.string(),
  why: z.string(),
  fix: z.string(),
  fixAction: z.enum(fixActions),
  window: z.string().optional(),
  /** The rules, dates or states behind it. */
  evidence: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

function finding(
  id: FindingId,
  target: Omit<FindingTarget, 'label'>,
  fixAction: FixAction,
  evidence: string[],
): Finding {
  const e = catalogueById.get(id);
  if (!e) throw new Error(`unknown finding ${id}`);
  const label =
    `${target.kind === 'scope-map' ? 'scope map' : target.kind} ${target.name}` +
    (target.slot ? ` slot ${target.slot}` : '') +
    (target.connectedRegistry ? ` on ${target.connectedRegistry}` : '');
  const f: Finding = {
    id,
    key: [id, target.kind, target.name, target.slot ?? '', target.connectedRegistry ?? ''].join(
      ':',
    ),
    severity: e.severity,
    target: { ...target, label },
    title: e.title,
    why: e.why,
    fix: e.fix,
    fixAction,
    evidence,
  };
  if (e.window) f.window = e.window;
  return f;
}

const iso = (ms: number) => new Date(ms).toISOString();
const days = (ms: number) => Math.floor(ms / DAY);

function passwordFindings(t: TokenView, now: number): Finding[] {
  const out: Finding[] = [];
  const isSync = t.kind.type === 'sync';
  const regenerate: FixAction = isSync
    ? 'connected-registry.connection-string'
    : 'token.generate-password';
  for (const slot of t.passwords as readonly PasswordSlot[]) {
    if (!slot.present) continue;
    const target = { kind: 'token' as const, name: t.name, slot: slot.name };
    const state = passwordState(slot, now);
    const expiry = slot.expiry ? `expiry ${slot.expiry}` : 'no expiry';
    const created = slot.creationTime ? `created ${slot.creationTime}` : 'creation time unknown';
    if (state === 'expired') {
      out.push(finding('password.expired', target, regenerate, [expiry, created]));
      continue; // an expired password is not also "old": one fix covers both
    }
    if (state === 'expiring-7')
      out.push(finding('password.expiring-7-days', target, regenerate, [expiry]));
    if (state === 'expiring-30')
      out.push(finding('password.expiring-30-days', target, regenerate, [expiry]));
    if (state === 'no-expiry')
      out.push(finding('password.no-expiry', target, regenerate, [expiry, created]));
    if (slot.creationTime) {
      const age = now - Date.parse(slot.creationTime);
      if (age > findingThresholds.oldPasswordDays * DAY) {
        out.push(
          finding('password.older-than-90-days', target, regenerate, [
            `${created} (${days(age)} days ago)`,
          ]),
        );
      }
    }
  }
  if (t.status === 'enabled' && !t.passwords.some((p) => p.present)) {
    out.push(
      finding('token.enabled-without-password', { kind: 'token', name: t.name }, regenerate, [
        'status enabled',
        'password1 empty',
        'password2 empty',
      ]),
    );
  }
  return out;
}

/** "Down since": the moment an Offline or Unhealthy state is measured from (see the catalogue). */
export function downSince(cr: ConnectedRegistryView): number | undefined {
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

/** Every finding of the catalogue over one overview at `now`, sorted by severity then key. */
export function computeFindings(overview: RegistryOverview, now: number): Finding[] {
  const idx = indexOverview(overview);
  const out: Finding[] = [];
  const k = (s: string) => s.toLowerCase();

  const clientsOf = new Map<string, ConnectedRegistryView[]>();
  for (const cr of overview.connectedRegistries) {
    for (const n of cr.clientTokenNames) {
      const list = clientsOf.get(k(n)) ?? [];
      list.push(cr);
      clientsOf.set(k(n), list);
    }
  }
  const usedBy = new Map<string, string[]>();
  for (const t of overview.tokens) {
    if (!t.scopeMapName) continue;
    const list = usedBy.get(k(t.scopeMapName)) ?? [];
    list.push(t.name);
    usedBy.set(k(t.scopeMapName), list);
  }

  for (const t of overview.tokens) {
    out.push(...passwordFindings(t, now));
    const map = idx.scopeMapOf(t);
    if (!t.scopeMapName || !map) {
      out.push(
        finding('token.no-scope-map', { kind: 'token', name: t.name }, 'token.delete', [
          t.scopeMapName ? `scope map ${t.scopeMapName} not found` : 'no scope map',
        ]),
      );
    }
    const crs = clientsOf.get(k(t.name)) ?? [];
    if (crs.length === 0) continue;
    if (t.status === 'disabled') {
      for (const cr of crs) {
        out.push(
          finding(
            'client-token.disabled-attached',
            { kind: 'token', name: t.name, connectedRegistry: cr.name },
            'connected-registry.detach-client',
            ['status disabled', `client token of ${cr.name}`],
          ),
        );
      }
    }
    if (!map) continue;
    const repoRules = rulesOf(map.actions).filter(
      (r): r is RepositoryRule => r.kind === 'repository',
    );
    const deletes = repoRules.filter((r) => r.permission === 'content/delete').map((r) => r.action);
    if (deletes.length > 0) {
      out.push(
        finding(
          'client-token.delete-permission',
          { kind: 'token', name: t.name },
          'scope-map.edit',
          [
            `scope map ${map.name}`,
            ...deletes,
            `client token of ${crs.map((c) => c.name).join(', ')}`,
          ],
        ),
      );
    }
    for (const cr of crs) {
      const ctx = idx.context(cr);
      if (cr.mode === 'ReadOnly') {
        const writes = repoRules
          .filter((r) => r.permission !== 'content/read' && r.permission !== 'metadata/read')
          .map((r) => r.action);
        if (writes.length > 0) {
          out.push(
            finding(
              'client-token.write-on-read-only',
              { kind: 'token', name: t.name, connectedRegistry: cr.name },
              'scope-map.edit',
              [`scope map ${map.name}`, ...writes, `${cr.name} is ReadOnly`],
            ),
          );
        }
      }
      // A rule is ineffective there when it reaches no repository the
      // connected registry syncs. A wildcard that reaches some synced
      // repositories is doing its job (a pattern is meant to cover more).
      const syncReads = ctx.syncScopeMap
        ? rulesOf(ctx.syncScopeMap.actions).filter(
            (r): r is RepositoryRule => r.kind === 'repository' && r.permission === 'content/read',
          )
        : [];
      const unsynced = repoRules
        .filter((r) => !syncReads.some((s) => patternsOverlap(s.pattern, r.pattern)))
        .map((r) => r.action);
      if (unsynced.length > 0) {
        out.push(
          finding(
            'client-token.unsynced-repository',
            { kind: 'token', name: t.name, connectedRegistry: cr.name },
            'connected-registry.repositories',
            [
              `scope map ${map.name}`,
              ...unsynced,
              `${cr.name} syncs through ${ctx.syncScopeMap ? `scope map ${ctx.syncScopeMap.name}` : 'no scope map'}`,
            ],
          ),
        );
      }
    }
  }

  for (const m of overview.scopeMaps) {
    const users = usedBy.get(k(m.name)) ?? [];
    if (users.length === 0 && m.type === 'UserDefined') {
      out.push(
        finding('scope-map.unused', { kind: 'scope-map', name: m.name }, 'scope-map.open', [
          `${m.actions.length} actions`,
          'no token uses it',
        ]),
      );
    }
    // System maps exist on every registry and cannot change: report them only when used.
    if (m.type === 'SystemDefined' && users.length === 0) continue;
    const wild = rulesOf(m.actions)
      .filter((r) => r.kind === 'repository' && r.pattern.type === 'all')
      .map((r) => r.action);
    if (wild.length > 0) {
      out.push(
        finding(
          'scope-map.registry-wide-wildcard',
          { kind: 'scope-map', name: m.name },
          m.type === 'SystemDefined' ? 'scope-map.open' : 'scope-map.edit',
          [...wild, users.length > 0 ? `used by ${users.join(', ')}` : 'used by no token'],
        ),
      );
    }
  }

  for (const cr of overview.connectedRegistries) {
    out.push(...connectedRegistryFindings(overview, cr, now));
  }

  const rank = new Map(severities.map((s, i) => [s, i]));
  return out.sort(
    (a, b) =>
      (rank.get(a.severity) ?? 0) - (rank.get(b.severity) ?? 0) || a.key.localeCompare(b.key),
  );
}

function connectedRegistryFindings(
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
    const held = syncMap ? gatewayAccess(syncMap.actions, cr.name).map((g) => g.permission) : [];
    const missing = gatewayPermissions.filter((p) => !held.includes(p));
    if (missing.length > 0) {
      out.push(
        finding(
          'sync-token.missing-gateway-permissions',
          { kind: 'token', name: syncToken.name, connectedRegistry: cr.name },
          'scope-map.edit',
          [
            syncMap ? `scope map ${syncMap.name}` : 'no scope map',
            ...missing.map((p) => `missing gateway/${cr.name.toLowerCase()}/${p}`),
          ],
        ),
      );
    }
    out.push(...neverRotated(syncToken, cr, now));
  }

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

/** Counts per severity, for the reviewer's home. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export const findingsResponseSchema = z.object({
  registry: z.string(),
  computedAt: z.string(),
  findings: z.array(findingSchema),
});
export type FindingsResponse = z.infer<typeof findingsResponseSchema>;
