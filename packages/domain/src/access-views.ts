import type { ConnectedRegistryView, RegistryOverview, TokenView } from './dto';
import {
  accessOnConnectedRegistry,
  gatewayAccessOnConnectedRegistry,
  rulesOf,
  syncStatus,
  tokenAccess,
  tokenGatewayAccess,
  writeOrDelete,
  type ConnectedRegistryContext,
  type SyncStatus,
  type TokenAccess,
  type TokenGatewayAccess,
} from './effective-access';
import { gatewayPermissions, repositoryPermissions } from './mutations';
import { indexOverview, type OverviewIndex } from './overview-index';
import {
  parseRepositoryTarget,
  patternCovers,
  patternText,
  type GatewayPermission,
  type GatewayRule,
  type RepositoryPermission,
  type RepositoryRule,
} from './scope-map-actions';

// The access review's questions over one overview: who can access a
// repository or a gateway at a place, and the token × repository (and
// gateway) matrix. Each answers from `acceptedAt` and the per-token functions
// of effective-access.ts, so every view agrees.

/** The place asked about, when it is a connected registry. */
export interface PlaceSummary {
  name: string;
  mode: ConnectedRegistryView['mode'];
  /** Its sync token's name when that token is disabled: nothing is effective there. */
  disabledBySyncToken?: string;
}

function placeOf(
  idx: OverviewIndex,
  name: string | undefined,
): { cr: ConnectedRegistryView; ctx: ConnectedRegistryContext } | undefined {
  if (name === undefined) return undefined;
  const cr = idx.connectedRegistry(name);
  if (!cr) throw new Error(`no connected registry named ${name}`);
  return { cr, ctx: idx.context(cr) };
}

function summary(p: { cr: ConnectedRegistryView; ctx: ConnectedRegistryContext }): PlaceSummary {
  const s: PlaceSummary = { name: p.cr.name, mode: p.cr.mode };
  if (p.ctx.disabledBySyncToken) s.disabledBySyncToken = p.ctx.disabledBySyncToken;
  return s;
}

/** Effective access first, then grants that do not work there; by name. */
const byEffectThenName = (
  a: { granted: unknown[]; token: string },
  b: { granted: unknown[]; token: string },
) => Number(b.granted.length > 0) - Number(a.granted.length > 0) || a.token.localeCompare(b.token);

export interface WhoCanAccess {
  repository: string;
  /** Present when the question is about one connected registry. */
  connectedRegistry?: PlaceSummary & { sync: SyncStatus };
  /**
   * Tokens the place accepts whose scope map names the repository: those with
   * effective access first, then those whose grants do not work there (with
   * reasons); by name.
   */
  tokens: Array<TokenAccess & { kind: TokenView['kind'] }>;
}

/**
 * "Who can access repository X [on connected registry Y]". On the cloud
 * registry every token counts; on a connected registry its client tokens and
 * the sync tokens of its direct children.
 */
export function whoCanAccess(
  overview: RegistryOverview,
  repository: string,
  connectedRegistryName?: string,
): WhoCanAccess {
  const idx = indexOverview(overview);
  const repo = patternText(parseRepositoryTarget(repository));
  const place = placeOf(idx, connectedRegistryName);
  const rows: WhoCanAccess['tokens'] = [];
  for (const { token: t } of idx.acceptedAt(place?.cr)) {
    const map = idx.scopeMapOf(t);
    const a = place
      ? accessOnConnectedRegistry(place.ctx, t, map, repo)
      : tokenAccess(t, map, repo);
    if (a.granted.length + a.removed.length === 0) continue;
    // The connected-registry fields are on the answer once, not on every row.
    const { token, scopeMap, acceptedAs, repository: r, granted, removed } = a;
    rows.push({ token, scopeMap, acceptedAs, repository: r, granted, removed, kind: t.kind });
  }
  rows.sort(byEffectThenName);
  const answer: WhoCanAccess = { repository: repo, tokens: rows };
  if (place) answer.connectedRegistry = { ...summary(place), sync: syncStatus(place.ctx, repo) };
  return answer;
}

export interface WhoCanAccessGateway {
  /** The connected registry whose gateway (config and messages) is asked about, lower-cased. */
  gateway: string;
  connectedRegistry?: PlaceSummary;
  tokens: Array<TokenGatewayAccess & { kind: TokenView['kind'] }>;
}

/** "Who holds gateway permissions for connected registry G [at place Y]", as `whoCanAccess`. */
export function whoCanAccessGateway(
  overview: RegistryOverview,
  gateway: string,
  connectedRegistryName?: string,
): WhoCanAccessGateway {
  const idx = indexOverview(overview);
  const place = placeOf(idx, connectedRegistryName);
  const rows: WhoCanAccessGateway['tokens'] = [];
  for (const { token: t } of idx.acceptedAt(place?.cr)) {
    const map = idx.scopeMapOf(t);
    const a = place
      ? gatewayAccessOnConnectedRegistry(place.ctx, t, map, gateway)
      : tokenGatewayAccess(t, map, gateway);
    if (a.granted.length + a.removed.length > 0) rows.push({ ...a, kind: t.kind });
  }
  rows.sort(byEffectThenName);
  const answer: WhoCanAccessGateway = { gateway: gateway.toLowerCase(), tokens: rows };
  if (place) answer.connectedRegistry = summary(place);
  return answer;
}

// Same contract as indexOverview's cache: an overview is a snapshot, never mutated.
const columnsCache = new WeakMap<RegistryOverview, { repos: string[]; gateways: string[] }>();

function columnsOf(overview: RegistryOverview) {
  const cached = columnsCache.get(overview);
  if (cached) return cached;
  const idx = indexOverview(overview);
  const repos = new Set<string>();
  const gateways = new Set<string>();
  for (const t of overview.tokens) {
    const map = idx.scopeMapOf(t);
    if (!map) continue;
    for (const r of rulesOf(map.actions)) {
      if (r.kind === 'repository') repos.add((r as RepositoryRule).repository);
      else gateways.add((r as GatewayRule).connectedRegistry);
    }
  }
  const out = { repos: [...repos].sort(), gateways: [...gateways].sort() };
  columnsCache.set(overview, out);
  return out;
}

/**
 * The matrix's columns: every repository name or pattern named by a rule of a
 * scope map some token uses, sorted (patterns sort beside their names).
 */
export function matrixColumns(overview: RegistryOverview): string[] {
  return [...columnsOf(overview).repos];
}

/** The matrix's gateway columns: every connected registry a gateway rule of a used scope map names. */
export function gatewayColumns(overview: RegistryOverview): string[] {
  return [...columnsOf(overview).gateways];
}

// Most cells of the gateway columns are empty: 5,000 tokens × 300 gateways on `large`.
const noGateway: readonly GatewayPermission[] = Object.freeze([]);

export interface AccessMatrix {
  connectedRegistry?: string;
  /** Set when the connected registry is disabled by its sync token (every cell is then empty). */
  disabledBySyncToken?: string;
  columns: string[];
  /** Connected registries whose gateway some rule names (lower-cased). */
  gatewayColumns: string[];
  rows: Array<{
    token: string;
    status: TokenView['status'];
    kind: TokenView['kind'];
    scopeMap: string | null;
    acceptedAs: TokenAccess['acceptedAs'];
    /** Effective permissions per column, in column order. */
    cells: RepositoryPermission[][];
    /** Effective gateway permissions per gateway column (read-only: empty cells share one array). */
    gatewayCells: ReadonlyArray<readonly GatewayPermission[]>;
  }>;
}

/**
 * Token × repository (and × gateway) matrix over finite column lists
 * (default: `matrixColumns`, `gatewayColumns`). Rows are the tokens the place
 * accepts (`acceptedAt`); cells are what works there. Rule details for a
 * cell: `tokenAccess` / `accessOnConnectedRegistry` (or their gateway twins).
 */
export function accessMatrix(
  overview: RegistryOverview,
  options: {
    repositories?: readonly string[];
    gateways?: readonly string[];
    connectedRegistry?: string;
  } = {},
): AccessMatrix {
  const idx = indexOverview(overview);
  const columns = (options.repositories ?? matrixColumns(overview)).map((c) =>
    patternText(parseRepositoryTarget(c)),
  );
  const gateways = (options.gateways ?? gatewayColumns(overview)).map((g) => g.toLowerCase());
  const place = placeOf(idx, options.connectedRegistry);
  const ctx = place?.ctx;
  // The same answers as the per-cell functions (a test checks it), computed
  // with the columns parsed and the place's rules taken once: 20,000 tokens ×
  // hundreds of columns.
  const targets = columns.map(parseRepositoryTarget);
  const syncedColumn = ctx ? columns.map((c) => syncStatus(ctx, c).synced) : undefined;
  const readOnly = place?.cr.mode === 'ReadOnly';
  const placeOff = !!ctx?.disabledBySyncToken;
  const rows = idx.acceptedAt(place?.cr).map(({ token: t, acceptedAs }) => {
    const map = idx.scopeMapOf(t);
    const all = map ? rulesOf(map.actions) : [];
    const repoRules = all.filter((r): r is RepositoryRule => r.kind === 'repository');
    const off = placeOff || t.status === 'disabled';
    const cells = targets.map((target, i) => {
      if (off || (syncedColumn && !syncedColumn[i])) return [];
      const perms = new Set<RepositoryPermission>();
      for (const r of repoRules) {
        if (readOnly && writeOrDelete.has(r.permission)) continue;
        if (patternCovers(r.pattern, target)) perms.add(r.permission);
      }
      return repositoryPermissions.filter((p) => perms.has(p));
    });
    // Gateway rules by name first: most tokens hold none, and a large registry has hundreds of gateways.
    const held = new Map<string, Set<GatewayPermission>>();
    for (const r of off ? [] : all) {
      if (r.kind !== 'gateway') continue;
      const perms = held.get(r.connectedRegistry) ?? new Set();
      perms.add(r.permission);
      held.set(r.connectedRegistry, perms);
    }
    const gatewayCells = gateways.map((g) => {
      const perms = held.get(g);
      return perms ? gatewayPermissions.filter((p) => perms.has(p)) : noGateway;
    });
    return {
      token: t.name,
      status: t.status,
      kind: t.kind,
      scopeMap: map?.name ?? null,
      acceptedAs,
      cells,
      gatewayCells,
    };
  });
  const matrix: AccessMatrix = { columns, gatewayColumns: gateways, rows };
  if (place) matrix.connectedRegistry = place.cr.name;
  if (ctx?.disabledBySyncToken) matrix.disabledBySyncToken = ctx.disabledBySyncToken;
  return matrix;
}
