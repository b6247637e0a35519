import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from './dto';
import { gatewayPermissions, repositoryPermissions } from './mutations';
import {
  parseRepositoryTarget,
  parseScopeMapActions,
  patternCovers,
  patternText,
  type GatewayPermission,
  type GatewayRule,
  type RepositoryPermission,
  type RepositoryRule,
  type ScopeMapRule,
} from './scope-map-actions';

/**
 * Effective access: what a token may do on a repository, in the cloud registry
 * or on a connected registry, and which scope-map rules say so.
 *
 * - Permissions add up across every rule that matches (reference §3).
 * - Rules cover repositories that do not exist yet: nothing here looks at a
 *   repository catalog (tokens cannot list one anyway).
 * - A "repository" argument may also be a pattern (`x/*`, `*`): the answer is
 *   then what holds on *every* repository the pattern covers (the matrix's
 *   pattern columns).
 * - Password state is not part of access: an expired or missing password is a
 *   finding, while access describes what the token's rules allow.
 */

export interface PermissionGrant<P extends string = RepositoryPermission> {
  permission: P;
  /** The actions (lower-cased) that grant it, in scope-map order. */
  rules: string[];
}

export type RemovalReason =
  /** The token is not in the connected registry's client tokens. */
  | 'not-a-client'
  | 'token-disabled'
  /** The connected registry's sync token grants no content/read on the repository. */
  | 'not-synced'
  /** The connected registry syncs it, but an ancestor does not, so no content arrives. */
  | 'not-synced-upstream'
  /** ReadOnly connected registries serve pulls only. */
  | 'read-only-mode';

export interface RemovedGrant extends PermissionGrant {
  reason: RemovalReason;
  explanation: string;
}

export interface AccessAnswer {
  /** The repository (or pattern) asked about, lower-cased. */
  repository: string;
  /** What the token can do there, in canonical permission order. */
  granted: PermissionGrant[];
  /** What its scope map grants but does not work there, and why. */
  removed: RemovedGrant[];
}

export interface TokenAccess extends AccessAnswer {
  token: string;
  scopeMap: string | null;
}

export interface SyncStatus {
  synced: boolean;
  /** The sync scope map's content/read rules that make it synced (empty when not). */
  rules: string[];
  /** The first ancestor (parent first) that does not sync it, if any. */
  missingUpstream?: string;
}

export interface ConnectedRegistryTokenAccess extends TokenAccess {
  connectedRegistry: string;
  mode: ConnectedRegistryView['mode'];
  sync: SyncStatus;
}

type ActionList = readonly string[];
const parsedCache = new WeakMap<ActionList, ScopeMapRule[]>();

/** Parsed rules of an action list, memoized per array (large registries ask often). */
export function rulesOf(actions: ActionList): ScopeMapRule[] {
  let rules = parsedCache.get(actions);
  if (!rules) {
    rules = parseScopeMapActions(actions);
    parsedCache.set(actions, rules);
  }
  return rules;
}

const permOrder = new Map<string, number>(repositoryPermissions.map((p, i) => [p, i]));

/** Repository permissions of `actions` on one repository (or pattern), each with its rules. */
export function repositoryAccess(actions: ActionList, repository: string): PermissionGrant[] {
  const target = parseRepositoryTarget(repository);
  const byPerm = new Map<RepositoryPermission, string[]>();
  for (const rule of rulesOf(actions)) {
    if (rule.kind !== 'repository' || !patternCovers(rule.pattern, target)) continue;
    const list = byPerm.get(rule.permission) ?? [];
    if (!list.includes(rule.action)) list.push(rule.action);
    byPerm.set(rule.permission, list);
  }
  return [...byPerm]
    .map(([permission, rules]) => ({ permission, rules }))
    .sort((a, b) => (permOrder.get(a.permission) ?? 0) - (permOrder.get(b.permission) ?? 0));
}

/** Just the permission names of a grant list. */
export function permissionsOf<P extends string>(grants: ReadonlyArray<PermissionGrant<P>>): P[] {
  return grants.map((g) => g.permission);
}

/** Gateway permissions that `actions` give on one connected registry's gateway. */
export function gatewayAccess(
  actions: ActionList,
  connectedRegistry: string,
): PermissionGrant<GatewayPermission>[] {
  const name = connectedRegistry.toLowerCase();
  const rules = rulesOf(actions).filter(
    (r): r is GatewayRule => r.kind === 'gateway' && r.connectedRegistry === name,
  );
  return gatewayPermissions
    .map((permission) => ({
      permission,
      rules: rules.filter((r) => r.permission === permission).map((r) => r.action),
    }))
    .filter((g) => g.rules.length > 0);
}

/** Every gateway a scope map names, with its permissions. */
export function gatewaysOf(
  actions: ActionList,
): { connectedRegistry: string; grants: PermissionGrant<GatewayPermission>[] }[] {
  const names = [
    ...new Set(
      rulesOf(actions)
        .filter((r): r is GatewayRule => r.kind === 'gateway')
        .map((r) => r.connectedRegistry),
    ),
  ].sort();
  return names.map((n) => ({ connectedRegistry: n, grants: gatewayAccess(actions, n) }));
}

type TokenLike = Pick<TokenView, 'name' | 'status' | 'scopeMapName'>;
type MapLike = Pick<ScopeMapView, 'name' | 'actions'>;

/** A token's access on the cloud registry: its scope map's grants, none when disabled. */
export function tokenAccess(
  token: TokenLike,
  scopeMap: MapLike | null,
  repository: string,
): TokenAccess {
  const repo = patternText(parseRepositoryTarget(repository));
  const grants = scopeMap ? repositoryAccess(scopeMap.actions, repo) : [];
  const base = { token: token.name, scopeMap: scopeMap?.name ?? null, repository: repo };
  if (token.status === 'disabled') {
    return {
      ...base,
      granted: [],
      removed: grants.map((g) => ({
        ...g,
        reason: 'token-disabled',
        explanation: `token ${token.name} is disabled`,
      })),
    };
  }
  return { ...base, granted: grants, removed: [] };
}

const writeOrDelete: ReadonlySet<RepositoryPermission> = new Set([
  'content/write',
  'content/delete',
  'metadata/write',
]);

/** What a ReadOnly connected registry still serves. */
export const readOnlyPermissions: readonly RepositoryPermission[] = [
  'content/read',
  'metadata/read',
];

export interface ConnectedRegistryContext {
  connectedRegistry: Pick<ConnectedRegistryView, 'name' | 'mode' | 'clientTokenNames'>;
  /** Its sync token's scope map; null when it has none (then it syncs nothing). */
  syncScopeMap: MapLike | null;
  /** Ancestors, parent first, each with its sync scope map (cloud registry excluded). */
  ancestors?: ReadonlyArray<{ name: string; syncScopeMap: MapLike | null }>;
}

/** Whether a connected registry (and every ancestor) syncs a repository, and by which rules. */
export function syncStatus(ctx: ConnectedRegistryContext, repository: string): SyncStatus {
  const reads = (m: MapLike | null) =>
    m
      ? (repositoryAccess(m.actions, repository).find((g) => g.permission === 'content/read')
          ?.rules ?? [])
      : [];
  const rules = reads(ctx.syncScopeMap);
  if (rules.length === 0) return { synced: false, rules };
  const gap = (ctx.ancestors ?? []).find((a) => reads(a.syncScopeMap).length === 0);
  return gap ? { synced: false, rules, missingUpstream: gap.name } : { synced: true, rules };
}

/**
 * A client token's access on a connected registry: its scope map's grants,
 * less everything when it is not a client there or is disabled, less
 * everything on a repository the connected registry (or an ancestor) does not
 * sync, less write and delete when the connected registry is ReadOnly. Each
 * removed permission carries the first reason that applies.
 */
export function clientAccessOnConnectedRegistry(
  ctx: ConnectedRegistryContext,
  token: TokenLike,
  scopeMap: MapLike | null,
  repository: string,
): ConnectedRegistryTokenAccess {
  const cr = ctx.connectedRegistry;
  const repo = patternText(parseRepositoryTarget(repository));
  const grants = scopeMap ? repositoryAccess(scopeMap.actions, repo) : [];
  const sync = syncStatus(ctx, repo);
  const isClient = cr.clientTokenNames.some((n) => n.toLowerCase() === token.name.toLowerCase());
  const granted: PermissionGrant[] = [];
  const removed: RemovedGrant[] = [];
  const syncMapName = ctx.syncScopeMap?.name ?? '(none)';
  for (const g of grants) {
    const remove = (reason: RemovalReason, explanation: string) =>
      removed.push({ ...g, reason, explanation });
    if (!isClient) remove('not-a-client', `${token.name} is not a client token of ${cr.name}`);
    else if (token.status === 'disabled')
      remove('token-disabled', `token ${token.name} is disabled`);
    else if (!sync.synced && sync.missingUpstream)
      remove(
        'not-synced-upstream',
        `${cr.name} syncs ${repo} but its ancestor ${sync.missingUpstream} does not, so no content reaches it`,
      );
    else if (!sync.synced)
      remove(
        'not-synced',
        `${cr.name} does not sync ${repo}: its sync scope map ${syncMapName} grants no content/read on it`,
      );
    else if (cr.mode === 'ReadOnly' && writeOrDelete.has(g.permission))
      remove('read-only-mode', `${cr.name} is ReadOnly: it serves pulls only`);
    else granted.push(g);
  }
  return {
    token: token.name,
    scopeMap: scopeMap?.name ?? null,
    repository: repo,
    connectedRegistry: cr.name,
    mode: cr.mode,
    sync,
    granted,
    removed,
  };
}

/** Lookups over one overview by lower-cased name, built once per overview object. */
export interface OverviewIndex {
  token(name: string): TokenView | undefined;
  scopeMap(name: string | null | undefined): ScopeMapView | undefined;
  connectedRegistry(name: string): ConnectedRegistryView | undefined;
  /** Its sync scope map, parent chain and clients: what the connected-registry answers need. */
  context(cr: ConnectedRegistryView): ConnectedRegistryContext;
  scopeMapOf(token: TokenView): ScopeMapView | null;
}

const indexCache = new WeakMap<RegistryOverview, OverviewIndex>();

export function indexOverview(overview: RegistryOverview): OverviewIndex {
  const cached = indexCache.get(overview);
  if (cached) return cached;
  const k = (s: string) => s.toLowerCase();
  const tokens = new Map(overview.tokens.map((t) => [k(t.name), t]));
  const maps = new Map(overview.scopeMaps.map((m) => [k(m.name), m]));
  const crs = new Map(overview.connectedRegistries.map((c) => [k(c.name), c]));
  const scopeMap = (name: string | null | undefined) => (name ? maps.get(k(name)) : undefined);
  const syncMapOf = (cr: ConnectedRegistryView) =>
    scopeMap(cr.syncTokenName ? tokens.get(k(cr.syncTokenName))?.scopeMapName : null) ?? null;
  const contexts = new Map<string, ConnectedRegistryContext>();
  const index: OverviewIndex = {
    token: (name) => tokens.get(k(name)),
    scopeMap,
    connectedRegistry: (name) => crs.get(k(name)),
    scopeMapOf: (t) => scopeMap(t.scopeMapName) ?? null,
    context(cr) {
      let ctx = contexts.get(k(cr.name));
      if (ctx) return ctx;
      const ancestors: { name: string; syncScopeMap: MapLike | null }[] = [];
      const seen = new Set([k(cr.name)]);
      // Walk up to the cloud registry; `seen` guards against a malformed cycle.
      for (let p = cr.parentName; p && !seen.has(k(p));) {
        seen.add(k(p));
        const parent = crs.get(k(p));
        if (!parent) break;
        ancestors.push({ name: parent.name, syncScopeMap: syncMapOf(parent) });
        p = parent.parentName;
      }
      ctx = { connectedRegistry: cr, syncScopeMap: syncMapOf(cr), ancestors };
      contexts.set(k(cr.name), ctx);
      return ctx;
    },
  };
  indexCache.set(overview, index);
  return index;
}

export interface WhoCanAccess {
  repository: string;
  /** Present when the question is about one connected registry. */
  connectedRegistry?: { name: string; mode: ConnectedRegistryView['mode']; sync: SyncStatus };
  /**
   * Tokens whose scope map names the repository: those with effective access
   * first, then those whose grants do not work there (with reasons); by name.
   */
  tokens: Array<TokenAccess & { kind: TokenView['kind'] }>;
}

/**
 * "Who can access repository X [on connected registry Y]". On the cloud
 * registry every token counts; on a connected registry only its client tokens.
 */
export function whoCanAccess(
  overview: RegistryOverview,
  repository: string,
  connectedRegistryName?: string,
): WhoCanAccess {
  const idx = indexOverview(overview);
  const repo = patternText(parseRepositoryTarget(repository));
  const cr = connectedRegistryName ? idx.connectedRegistry(connectedRegistryName) : undefined;
  if (connectedRegistryName && !cr) {
    throw new Error(`no connected registry named ${connectedRegistryName}`);
  }
  const rows: WhoCanAccess['tokens'] = [];
  const ctx = cr ? idx.context(cr) : undefined;
  const candidates = cr ? cr.clientTokenNames.flatMap((n) => idx.token(n) ?? []) : overview.tokens;
  for (const t of candidates) {
    const map = idx.scopeMapOf(t);
    const a = ctx ? clientAccessOnConnectedRegistry(ctx, t, map, repo) : tokenAccess(t, map, repo);
    if (a.granted.length + a.removed.length === 0) continue;
    const row = { ...a, kind: t.kind };
    // Drop the connected-registry fields from rows: they are on the answer once.
    if (ctx) {
      const { token, scopeMap, repository: r, granted, removed, kind } = row;
      rows.push({ token, scopeMap, repository: r, granted, removed, kind });
    } else rows.push(row);
  }
  rows.sort(
    (a, b) =>
      Number(b.granted.length > 0) - Number(a.granted.length > 0) || a.token.localeCompare(b.token),
  );
  const answer: WhoCanAccess = { repository: repo, tokens: rows };
  if (cr && ctx) {
    answer.connectedRegistry = { name: cr.name, mode: cr.mode, sync: syncStatus(ctx, repo) };
  }
  return answer;
}

/**
 * The matrix's columns: every repository name or pattern named by a rule of a
 * scope map some token uses, sorted (patterns sort beside their names).
 */
export function matrixColumns(overview: RegistryOverview): string[] {
  const cached = columnsCache.get(overview);
  if (cached) return [...cached];
  const idx = indexOverview(overview);
  const cols = new Set<string>();
  for (const t of overview.tokens) {
    const map = idx.scopeMapOf(t);
    if (!map) continue;
    for (const r of rulesOf(map.actions)) {
      if (r.kind === 'repository') cols.add((r as RepositoryRule).repository);
    }
  }
  const sorted = [...cols].sort();
  columnsCache.set(overview, sorted);
  return [...sorted];
}
// Same contract as indexCache: an overview is a snapshot, never mutated.
const columnsCache = new WeakMap<RegistryOverview, readonly string[]>();

export interface AccessMatrix {
  connectedRegistry?: string;
  columns: string[];
  rows: Array<{
    token: string;
    status: TokenView['status'];
    kind: TokenView['kind'];
    scopeMap: string | null;
    /** Effective permissions per column, in column order. */
    cells: RepositoryPermission[][];
  }>;
}

/**
 * Token × repository matrix over a finite column list (default:
 * `matrixColumns`). On a connected registry, rows are its client tokens and
 * cells are what works there. Rule details for a cell: `tokenAccess` or
 * `clientAccessOnConnectedRegistry` on that pair.
 */
export function accessMatrix(
  overview: RegistryOverview,
  options: { repositories?: readonly string[]; connectedRegistry?: string } = {},
): AccessMatrix {
  const idx = indexOverview(overview);
  const columns = (options.repositories ?? matrixColumns(overview)).map((c) =>
    patternText(parseRepositoryTarget(c)),
  );
  const cr = options.connectedRegistry
    ? idx.connectedRegistry(options.connectedRegistry)
    : undefined;
  if (options.connectedRegistry && !cr) {
    throw new Error(`no connected registry named ${options.connectedRegistry}`);
  }
  const ctx = cr ? idx.context(cr) : undefined;
  const tokens = cr ? cr.clientTokenNames.flatMap((n) => idx.token(n) ?? []) : overview.tokens;
  // The same answers as tokenAccess / clientAccessOnConnectedRegistry per cell
  // (a test checks it), computed with the columns parsed and the connected
  // registry's sync status taken once: 20,000 tokens × hundreds of columns.
  const targets = columns.map(parseRepositoryTarget);
  const syncedColumn = ctx ? columns.map((c) => syncStatus(ctx, c).synced) : undefined;
  const readOnly = cr?.mode === 'ReadOnly';
  const rows = tokens.map((t) => {
    const map = idx.scopeMapOf(t);
    const rules = map
      ? rulesOf(map.actions).filter((r): r is RepositoryRule => r.kind === 'repository')
      : [];
    const cells = targets.map((target, i) => {
      if (t.status === 'disabled' || (syncedColumn && !syncedColumn[i])) return [];
      const perms = new Set<RepositoryPermission>();
      for (const r of rules) {
        if (readOnly && writeOrDelete.has(r.permission)) continue;
        if (patternCovers(r.pattern, target)) perms.add(r.permission);
      }
      return repositoryPermissions.filter((p) => perms.has(p));
    });
    return { token: t.name, status: t.status, kind: t.kind, scopeMap: map?.name ?? null, cells };
  });
  const matrix: AccessMatrix = { columns, rows };
  if (cr) matrix.connectedRegistry = cr.name;
  return matrix;
}
