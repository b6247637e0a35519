import { z } from 'zod';
import { type RegistryOverview, type TokenView } from '../dto';
import {
  clientAccessOnConnectedRegistry,
  indexOverview,
  matrixColumns,
  rulesOf,
  tokenAccess,
  type TokenAccess,
} from '../effective-access';
import { repositoryPermissions } from '../mutations';
import { type RepositoryRule } from '../scope-map-actions';
import { exportStampSchema, cellList } from './common';

// ---------------------------------------------------------------- effective access

const grantSchema = z.object({
  permission: z.enum(repositoryPermissions),
  rules: z.array(z.string()),
});
const effectiveAccessEntrySchema = z.object({
  /** "cloud" or the connected registry's name. */
  place: z.string(),
  placeKind: z.enum(['cloud', 'connected-registry']),
  mode: z.enum(['ReadWrite', 'ReadOnly']).nullable(),
  token: z.string(),
  tokenKind: z.enum(['sync', 'client', 'unattached']),
  tokenStatus: z.enum(['enabled', 'disabled']),
  scopeMap: z.string().nullable(),
  /** A repository name or pattern a rule names (the matrix's columns). */
  repository: z.string(),
  granted: z.array(grantSchema),
  /** Granted by the scope map but without effect at this place, with the reason. */
  removed: z.array(grantSchema.extend({ reason: z.string(), explanation: z.string() })),
});
export type EffectiveAccessEntry = z.infer<typeof effectiveAccessEntrySchema>;

export const effectiveAccessExportSchema = z.object({
  stamp: exportStampSchema,
  /** The repositories and patterns considered (every one some token's scope map names). */
  repositories: z.array(z.string()),
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
] as const;
export type EffectiveAccessRow = Record<(typeof effectiveAccessColumns)[number], string>;

/**
 * Token × repository (or pattern) × place: on the cloud registry every token,
 * on each connected registry its client tokens. A pair appears when the
 * token's scope map names anything for that repository, effective or not, so
 * "ineffective" grants (ReadOnly mode, not synced, disabled) are evidence too.
 * `connectedRegistry` limits the places to that one (the name must exist).
 */
export function effectiveAccessEntries(
  overview: RegistryOverview,
  connectedRegistry?: string,
): { repositories: string[]; entries: EffectiveAccessEntry[] } {
  const idx = indexOverview(overview);
  const repositories = matrixColumns(overview);
  const entries: EffectiveAccessEntry[] = [];
  const push = (
    place: Pick<EffectiveAccessEntry, 'place' | 'placeKind' | 'mode'>,
    t: TokenView,
    a: TokenAccess,
  ) => {
    if (a.granted.length + a.removed.length === 0) return;
    entries.push({
      ...place,
      token: t.name,
      tokenKind: t.kind.type,
      tokenStatus: t.status,
      scopeMap: a.scopeMap,
      repository: a.repository,
      granted: a.granted.map(({ permission, rules }) => ({ permission, rules })),
      removed: a.removed.map(({ permission, rules, reason, explanation }) => ({
        permission,
        rules,
        reason,
        explanation,
      })),
    });
  };
  const byName = (a: TokenView, b: TokenView) => a.name.localeCompare(b.name);
  const relevant = relevantColumns(repositories);
  if (!connectedRegistry) {
    for (const t of [...overview.tokens].sort(byName)) {
      const map = idx.scopeMapOf(t);
      if (!map) continue;
      for (const repo of relevant(map.actions)) {
        push({ place: 'cloud', placeKind: 'cloud', mode: null }, t, tokenAccess(t, map, repo));
      }
    }
  }
  const crs = connectedRegistry
    ? [idx.connectedRegistry(connectedRegistry)].filter((c) => c !== undefined)
    : [...overview.connectedRegistries].sort((a, b) => a.name.localeCompare(b.name));
  if (connectedRegistry && crs.length === 0) {
    throw new Error(`no connected registry named ${connectedRegistry}`);
  }
  for (const cr of crs) {
    const ctx = idx.context(cr);
    const clients = cr.clientTokenNames.flatMap((n) => idx.token(n) ?? []).sort(byName);
    for (const t of clients) {
      const map = idx.scopeMapOf(t);
      if (!map) continue;
      for (const repo of relevant(map.actions)) {
        push(
          { place: cr.name, placeKind: 'connected-registry', mode: cr.mode },
          t,
          clientAccessOnConnectedRegistry(ctx, t, map, repo),
        );
      }
    }
  }
  return { repositories, entries };
}

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
  return entries.map((e) => ({
    place: e.place,
    placeKind: e.placeKind,
    mode: e.mode ?? '',
    token: e.token,
    tokenKind: e.tokenKind,
    tokenStatus: e.tokenStatus,
    scopeMap: e.scopeMap ?? '',
    repository: e.repository,
    permissions: e.granted.map((g) => g.permission).join(' '),
    grantedBy: cellList([...new Set(e.granted.flatMap((g) => g.rules))]),
    ineffective: e.removed.map((g) => g.permission).join(' '),
    ineffectiveBecause: cellList([...new Set(e.removed.map((g) => g.explanation))]),
  }));
}
