import { z } from 'zod/mini';
import { type RegistryOverview, type TokenView } from '../dto';
import { gatewayColumns, matrixColumns } from '../access-views';
import {
  accessOnConnectedRegistry,
  describeAcceptance,
  gatewayAccessOnConnectedRegistry,
  gatewaysOf,
  removalReasons,
  rulesOf,
  tokenAccess,
  tokenGatewayAccess,
  type Acceptance,
  type PermissionGrant,
  type RemovedGrant,
} from '../effective-access';
import { gatewayPermissions, repositoryPermissions } from '../mutations';
import { indexOverview } from '../overview-index';
import { type RepositoryRule } from '../scope-map-actions';
import { exportStampSchema, cellList } from './common';

// ---------------------------------------------------------------- effective access

const grantSchema = z.object({
  /** A repository permission, or a gateway permission on a gateway entry. */
  permission: z.enum([...repositoryPermissions, ...gatewayPermissions]),
  rules: z.array(z.string()),
});
const acceptanceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registry-token') }),
  z.object({ type: z.literal('client') }),
  z.object({ type: z.literal('child-sync-token'), child: z.string() }),
]);
const effectiveAccessEntrySchema = z.object({
  /** "cloud" or the connected registry's name. */
  place: z.string(),
  placeKind: z.enum(['cloud', 'connected-registry']),
  mode: z.nullable(z.enum(['ReadWrite', 'ReadOnly'])),
  token: z.string(),
  tokenKind: z.enum(['sync', 'client', 'unattached']),
  tokenStatus: z.enum(['enabled', 'disabled']),
  /** How the place accepts the token (the cloud: every token; a connected registry: clients and children's sync tokens). */
  acceptedAs: z.array(acceptanceSchema),
  scopeMap: z.nullable(z.string()),
  /** What the entry is about: a repository (or pattern) or a connected registry's gateway. */
  targetKind: z.enum(['repository', 'gateway']),
  /** A repository name or pattern a rule names (the matrix's columns); null on a gateway entry. */
  repository: z.nullable(z.string()),
  /** The connected registry whose gateway the rules name; null on a repository entry. */
  gateway: z.nullable(z.string()),
  granted: z.array(grantSchema),
  /** Granted by the scope map but without effect at this place, with the reason. */
  removed: z.array(
    z.extend(grantSchema, { reason: z.enum(removalReasons), explanation: z.string() }),
  ),
});
export type EffectiveAccessEntry = z.infer<typeof effectiveAccessEntrySchema>;

export const effectiveAccessExportSchema = z.object({
  stamp: exportStampSchema,
  /** The repositories and patterns considered (every one some token's scope map names). */
  repositories: z.array(z.string()),
  /** The gateways considered (every connected registry some token's gateway rule names). */
  gateways: z.array(z.string()),
  entries: z.array(effectiveAccessEntrySchema),
});
export type EffectiveAccessExport = z.infer<typeof effectiveAccessExportSchema>;

export const effectiveAccessColumns = [
  'place',
  'placeKind',
  'mode',
  'token',
  'tokenKind',
  'tokenStatus',
  'scopeMap',
  'repository',
  'permissions',
  'grantedBy',
  'ineffective',
  'ineffectiveBecause',
  'acceptedAs',
  'gateway',
] as const;
export type EffectiveAccessRow = Record<(typeof effectiveAccessColumns)[number], string>;

type Answer = {
  scopeMap: string | null;
  acceptedAs: Acceptance[];
  granted: PermissionGrant<string>[];
  removed: RemovedGrant<string>[];
};
type Place = Pick<EffectiveAccessEntry, 'place' | 'placeKind' | 'mode'>;

/**
 * Token × target × place, where a target is a repository (or pattern) or a
 * connected registry's gateway: on the cloud registry every token, on each
 * connected registry the tokens it accepts (its client tokens and its
 * children's sync tokens). A pair appears when the token's scope map names
 * anything for that target, effective or not, so "ineffective" grants
 * (ReadOnly mode, not synced, disabled token or registry) are evidence too.
 * `connectedRegistry` limits the places to that one (the name must exist).
 */
export function effectiveAccessEntries(
  overview: RegistryOverview,
  connectedRegistry?: string,
): { repositories: string[]; gateways: string[]; entries: EffectiveAccessEntry[] } {
  const lazy = effectiveAccessEntryStream(overview, connectedRegistry);
  return { ...lazy, entries: [...lazy.entries] };
}

/**
 * `effectiveAccessEntries` with the entries produced one at a time, in the
 * same order, as they are read: a streamed export of a large registry (tens
 * of MB) never holds them all. An unknown `connectedRegistry` throws here, not
 * on the first read.
 */
export function effectiveAccessEntryStream(
  overview: RegistryOverview,
  connectedRegistry?: string,
): { repositories: string[]; gateways: string[]; entries: Iterable<EffectiveAccessEntry> } {
  const idx = indexOverview(overview);
  const repositories = matrixColumns(overview);
  const gateways = gatewayColumns(overview);
  const entry = (
    place: Place,
    t: TokenView,
    target: Pick<EffectiveAccessEntry, 'targetKind' | 'repository' | 'gateway'>,
    a: Answer,
  ): EffectiveAccessEntry[] => {
    if (a.granted.length + a.removed.length === 0) return [];
    return [
      {
        ...place,
        token: t.name,
        tokenKind: t.kind.type,
        tokenStatus: t.status,
        acceptedAs: a.acceptedAs,
        scopeMap: a.scopeMap,
        ...target,
        granted: a.granted.map(({ permission, rules }) => ({ permission, rules })),
        removed: a.removed.map(({ permission, rules, reason, explanation }) => ({
          permission,
          rules,
          reason,
          explanation,
        })),
      } as EffectiveAccessEntry,
    ];
  };
  const relevant = relevantColumns(repositories);
  function* place(p: Place, tokens: TokenView[], repoAccess: RepoAccess, gwAccess: GwAccess) {
    for (const t of [...tokens].sort((a, b) => a.name.localeCompare(b.name))) {
      const map = idx.scopeMapOf(t);
      if (!map) continue;
      for (const repo of relevant(map.actions)) {
        const a = repoAccess(t, map, repo);
        yield* entry(
          p,
          t,
          { targetKind: 'repository', repository: a.repository, gateway: null },
          a,
        );
      }
      for (const { connectedRegistry: g } of gatewaysOf(map.actions)) {
        yield* entry(
          p,
          t,
          { targetKind: 'gateway', repository: null, gateway: g },
          gwAccess(t, map, g),
        );
      }
    }
  }
  const crs = connectedRegistry
    ? [idx.connectedRegistry(connectedRegistry)].filter((c) => c !== undefined)
    : [...overview.connectedRegistries].sort((a, b) => a.name.localeCompare(b.name));
  if (connectedRegistry && crs.length === 0) {
    throw new Error(`no connected registry named ${connectedRegistry}`);
  }
  function* all(): Generator<EffectiveAccessEntry> {
    if (!connectedRegistry) {
      yield* place(
        { place: 'cloud', placeKind: 'cloud', mode: null },
        idx.acceptedAt().map((a) => a.token),
        tokenAccess,
        tokenGatewayAccess,
      );
    }
    for (const cr of crs) {
      const ctx = idx.context(cr);
      yield* place(
        { place: cr.name, placeKind: 'connected-registry', mode: cr.mode },
        idx.acceptedAt(cr).map((a) => a.token),
        (t, map, repo) => accessOnConnectedRegistry(ctx, t, map, repo),
        (t, map, g) => gatewayAccessOnConnectedRegistry(ctx, t, map, g),
      );
    }
  }
  return { repositories, gateways, entries: { [Symbol.iterator]: all } };
}

type MapOf = NonNullable<ReturnType<ReturnType<typeof indexOverview>['scopeMapOf']>>;
type RepoAccess = (t: TokenView, map: MapOf, repo: string) => Answer & { repository: string };
type GwAccess = (t: TokenView, map: MapOf, gateway: string) => Answer;

/**
 * The columns (sorted) that some repository rule of a scope map can cover: a
 * superset of where it grants anything, found by name and prefix instead of
 * trying every column (a large registry names thousands). The engine then
 * answers each candidate exactly.
 */
function relevantColumns(columns: readonly string[]) {
  const names = new Set(columns);
  const firstAtLeast = (key: string) => {
    let lo = 0;
    let hi = columns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (columns[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const memo = new WeakMap<readonly string[], readonly string[]>();
  return (actions: readonly string[]): readonly string[] => {
    const known = memo.get(actions);
    if (known) return known;
    const rules = rulesOf(actions).filter((r): r is RepositoryRule => r.kind === 'repository');
    let out: readonly string[];
    if (rules.some((r) => r.pattern.type === 'all')) out = columns;
    else {
      const hit = new Set<string>();
      for (const { pattern } of rules) {
        if (pattern.type === 'exact' && names.has(pattern.name)) hit.add(pattern.name);
        if (pattern.type !== 'prefix') continue;
        for (let i = firstAtLeast(pattern.prefix); columns[i]?.startsWith(pattern.prefix); i++) {
          hit.add(columns[i]!);
        }
      }
      out = columns.filter((c) => hit.has(c));
    }
    memo.set(actions, out);
    return out;
  };
}

export function effectiveAccessRows(
  entries: readonly EffectiveAccessEntry[],
): EffectiveAccessRow[] {
  return entries.map(effectiveAccessRow);
}

/** `effectiveAccessRows` one row at a time, for a streamed CSV. */
export function* effectiveAccessRowStream(
  entries: Iterable<EffectiveAccessEntry>,
): Generator<EffectiveAccessRow> {
  for (const e of entries) yield effectiveAccessRow(e);
}

function effectiveAccessRow(e: EffectiveAccessEntry): EffectiveAccessRow {
  return {
    place: e.place,
    placeKind: e.placeKind,
    mode: e.mode ?? '',
    token: e.token,
    tokenKind: e.tokenKind,
    tokenStatus: e.tokenStatus,
    scopeMap: e.scopeMap ?? '',
    repository: e.repository ?? '',
    permissions: e.granted.map((g) => g.permission).join(' '),
    grantedBy: cellList([...new Set(e.granted.flatMap((g) => g.rules))]),
    ineffective: e.removed.map((g) => g.permission).join(' '),
    ineffectiveBecause: cellList([...new Set(e.removed.map((g) => g.explanation))]),
    acceptedAs: cellList(e.acceptedAs.map(describeAcceptance)),
    gateway: e.gateway ?? '',
  };
}
