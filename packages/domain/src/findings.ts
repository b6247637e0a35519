import { z } from 'zod/mini';
import type { ConnectedRegistryView, RegistryOverview, TokenView } from './dto';
import { rulesOf } from './effective-access';
import {
  DAY,
  days,
  finding,
  findingSchema,
  findingThresholds,
  type FixAction,
  type Finding,
} from './findings-catalogue';
import { severities, type Severity } from './finding-ids';
import { connectedRegistryFindings } from './findings-hierarchy';
export { connectedRegistryFindings } from './findings-hierarchy';
import { indexOverview } from './overview-index';
import { passwordState, type PasswordSlot } from './passwords';
import { patternsOverlap, type RepositoryRule } from './scope-map-actions';

export { findingIds, severities, type FindingId, type Severity } from './finding-ids';
export {
  findingCatalogue,
  findingSchema,
  findingTargetSchema,
  findingThresholds,
  fixActions,
  type Finding,
  type FindingTarget,
  type FixAction,
} from './findings-catalogue';
export { downSince } from './findings-hierarchy';

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

/** Every finding of the catalogue over one overview at `now`, sorted by severity then key. */
export function computeFindings(overview: RegistryOverview, now: number): Finding[] {
  return sortFindings([
    ...findingsBesideConnectedRegistries(overview, now),
    ...overview.connectedRegistries.flatMap((cr) => connectedRegistryFindings(overview, cr, now)),
  ]);
}

/**
 * The findings of tokens and scope maps: they read the connected registries'
 * configuration (sync and client tokens) but never their runtime state, so a
 * page may keep them while only runtime state moves and recompute the
 * connected registries' own findings (connectedRegistryFindings) alone.
 */
export function findingsBesideConnectedRegistries(
  overview: RegistryOverview,
  now: number,
): Finding[] {
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
  const syncTokens = new Set(
    overview.connectedRegistries.flatMap((c) => (c.syncTokenName ? [k(c.syncTokenName)] : [])),
  );
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
    // Gateway actions belong to sync tokens only; a token that is both (a sync
    // token reused as a client) needs them for its own connected registry.
    const gatewayRules = rulesOf(map.actions)
      .filter((r) => r.kind === 'gateway')
      .map((r) => r.action);
    if (gatewayRules.length > 0 && !syncTokens.has(k(t.name))) {
      out.push(
        finding(
          'client-token.gateway-permissions',
          { kind: 'token', name: t.name },
          'scope-map.edit',
          [
            `scope map ${map.name}`,
            ...gatewayRules,
            `client token of ${crs.map((c) => c.name).join(', ')}`,
          ],
        ),
      );
    }
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

  return out;
}

/** Sorted by severity, then key: the order every findings list is shown in. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = new Map(severities.map((s, i) => [s, i]));
  return findings.sort(
    (a, b) =>
      (rank.get(a.severity) ?? 0) - (rank.get(b.severity) ?? 0) || a.key.localeCompare(b.key),
  );
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
