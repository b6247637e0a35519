import type { ConnectedRegistryView, ScopeMapView, TokenView } from './dto';
import { gatewayPermissions, repositoryPermissions } from './mutations';
import {
  parseRepositoryTarget,
  parseScopeMapActions,
  patternCovers,
  patternText,
  type GatewayPermission,
  type GatewayRule,
  type RepositoryPermission,
  type ScopeMapRule,
} from './scope-map-actions';

/**
 * Effective access: what a token may do at one place (the cloud registry or a
 * connected registry), on a repository or on a connected registry's gateway,
 * and which scope-map rules say so.
 *
 * - Permissions add up across every rule that matches (reference §3).
 * - Rules cover repositories that do not exist yet: nothing here looks at a
 *   repository catalog (tokens cannot list one anyway).
 * - A "repository" argument may also be a pattern (`x/*`, `*`): the answer is
 *   then what holds on *every* repository the pattern covers (the matrix's
 *   pattern columns).
 * - Password state is not part of access: an expired or missing password is a
 *   finding, while access describes what the token's rules allow.
 * - Who a place accepts (see `acceptanceAt`): the cloud registry every token;
 *   a connected registry its client tokens and the sync tokens of its direct
 *   children. A grant that does not work at a place is never dropped: it is
 *   listed as removed, with the first reason that applies.
 */

export interface PermissionGrant<P extends string = RepositoryPermission> {
  permission: P;
  /** The actions (lower-cased) that grant it, in scope-map order. */
  rules: string[];
}

/**
 * Why a grant does not work at a place, in the order they are checked (the
 * first that applies is the one given).
 */
export const removalReasons = [
  /** The place does not accept the token (neither a client token nor a child's sync token). */
  'not-accepted',
  /** The connected registry's own sync token is disabled, which disables it. */
  'registry-disabled',
  'token-disabled',
  /** The connected registry syncs it, but an ancestor does not, so no content arrives. */
  'not-synced-upstream',
  /** The connected registry's sync token grants no content/read on the repository. */
  'not-synced',
  /** ReadOnly connected registries serve pulls only. */
  'read-only-mode',
] as const;
export type RemovalReason = (typeof removalReasons)[number];

export interface RemovedGrant<P extends string = RepositoryPermission> extends PermissionGrant<P> {
  reason: RemovalReason;
  explanation: string;
}

/** How a place accepts a token. */
export type Acceptance =
  /** The cloud registry accepts every token of the registry. */
  | { type: 'registry-token' }
  | { type: 'client' }
  /** The sync token of a direct child connected registry, which syncs through this place. */
  | { type: 'child-sync-token'; child: string };

export function describeAcceptance(a: Acceptance): string {
  switch (a.type) {
    case 'registry-token':
      return 'token of the registry';
    case 'client':
      return 'client token';
    case 'child-sync-token':
      return `sync token of child ${a.child}`;
  }
}

export interface AccessAnswer<P extends string = RepositoryPermission> {
  /** The repository (or pattern) asked about, lower-cased. */
  repository: string;
  /** What the token can do there, in canonical permission order. */
  granted: PermissionGrant<P>[];
  /** What its scope map grants but does not work there, and why. */
  removed: RemovedGrant<P>[];
}

export interface TokenAccess extends AccessAnswer {
  token: string;
  scopeMap: string | null;
  /** How the place accepts the token; empty when it does not (every grant is then removed). */
  acceptedAs: Acceptance[];
}

/** A token's permissions on one connected registry's gateway (config and messages), at one place. */
export interface TokenGatewayAccess {
  token: string;
  scopeMap: string | null;
  acceptedAs: Acceptance[];
  /** The connected registry whose gateway the permissions name, lower-cased. */
  gateway: string;
  granted: PermissionGrant<GatewayPermission>[];
  removed: RemovedGrant<GatewayPermission>[];
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

const gatewayCache = new WeakMap<ActionList, Map<string, GatewayRule[]>>();

/** Gateway rules by connected registry, memoized per array (findings ask per ancestor × descendant). */
function gatewayRulesOf(actions: ActionList): Map<string, GatewayRule[]> {
  let byName = gatewayCache.get(actions);
  if (!byName) {
    byName = new Map();
    for (const r of rulesOf(actions)) {
      if (r.kind !== 'gateway') continue;
      const list = byName.get(r.connectedRegistry) ?? [];
      list.push(r);
      byName.set(r.connectedRegistry, list);
    }
    gatewayCache.set(actions, byName);
  }
  return byName;
}

/** Gateway permissions that `actions` give on one connected registry's gateway. */
export function gatewayAccess(
  actions: ActionList,
  connectedRegistry: string,
): PermissionGrant<GatewayPermission>[] {
  const rules = gatewayRulesOf(actions).get(connectedRegistry.toLowerCase()) ?? [];
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

export type TokenLike = Pick<TokenView, 'name' | 'status' | 'scopeMapName'>;
export type MapLike = Pick<ScopeMapView, 'name' | 'actions'>;
type Removal = [RemovalReason, string];

/** Splits grants into what works and what does not, by the first reason each one meets. */
function decide<P extends string>(
  grants: PermissionGrant<P>[],
  removal: (g: PermissionGrant<P>) => Removal | undefined,
): { granted: PermissionGrant<P>[]; removed: RemovedGrant<P>[] } {
  const granted: PermissionGrant<P>[] = [];
  const removed: RemovedGrant<P>[] = [];
  for (const g of grants) {
    const r = removal(g);
    if (r) removed.push({ ...g, reason: r[0], explanation: r[1] });
    else granted.push(g);
  }
  return { granted, removed };
}

const cloudAcceptance: Acceptance[] = [{ type: 'registry-token' }];

/** On the cloud registry only the token's own status can take a grant away. */
const cloudRemoval = (token: TokenLike): Removal | undefined =>
  token.status === 'disabled' ? ['token-disabled', `token ${token.name} is disabled`] : undefined;

/** A token's access on the cloud registry: its scope map's grants, none when disabled. */
export function tokenAccess(
  token: TokenLike,
  scopeMap: MapLike | null,
  repository: string,
): TokenAccess {
  const repo = patternText(parseRepositoryTarget(repository));
  const grants = scopeMap ? repositoryAccess(scopeMap.actions, repo) : [];
  const removal = cloudRemoval(token);
  return {
    token: token.name,
    scopeMap: scopeMap?.name ?? null,
    acceptedAs: cloudAcceptance,
    repository: repo,
    ...decide(grants, () => removal),
  };
}

/** A token's gateway permissions on the cloud registry (every token is accepted there). */
export function tokenGatewayAccess(
  token: TokenLike,
  scopeMap: MapLike | null,
  gateway: string,
): TokenGatewayAccess {
  const grants = scopeMap ? gatewayAccess(scopeMap.actions, gateway) : [];
  const removal = cloudRemoval(token);
  return {
    token: token.name,
    scopeMap: scopeMap?.name ?? null,
    acceptedAs: cloudAcceptance,
    gateway: gateway.toLowerCase(),
    ...decide(grants, () => removal),
  };
}

export const writeOrDelete: ReadonlySet<RepositoryPermission> = new Set([
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
  /** The sync tokens of its direct children: it accepts them as well as its client tokens. */
  childSyncTokens?: ReadonlyArray<{ child: string; token: string }>;
  /** Its own sync token's name when that token is disabled: the connected registry is disabled. */
  disabledBySyncToken?: string;
}

/** How a connected registry accepts a token: as a client, as a child's sync token, both, or not at all. */
export function acceptanceAt(ctx: ConnectedRegistryContext, tokenName: string): Acceptance[] {
  const name = tokenName.toLowerCase();
  const out: Acceptance[] = [];
  if (ctx.connectedRegistry.clientTokenNames.some((n) => n.toLowerCase() === name)) {
    out.push({ type: 'client' });
  }
  for (const c of ctx.childSyncTokens ?? []) {
    if (c.token.toLowerCase() === name) out.push({ type: 'child-sync-token', child: c.child });
  }
  return out;
}

// Per context (contexts are built once per overview and never changed) and repository: every
// token a place accepts asks the same question, and sync maps of large sites are long.
const syncCache = new WeakMap<ConnectedRegistryContext, Map<string, SyncStatus>>();

/** Whether a connected registry (and every ancestor) syncs a repository, and by which rules. */
export function syncStatus(ctx: ConnectedRegistryContext, repository: string): SyncStatus {
  let byRepo = syncCache.get(ctx);
  if (!byRepo) syncCache.set(ctx, (byRepo = new Map()));
  let status = byRepo.get(repository);
  if (!status) byRepo.set(repository, (status = computeSyncStatus(ctx, repository)));
  return status;
}

function computeSyncStatus(ctx: ConnectedRegistryContext, repository: string): SyncStatus {
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

/** The place rules every permission family shares: acceptance, a disabled registry, a disabled token. */
function placeRemoval(
  ctx: ConnectedRegistryContext,
  token: TokenLike,
  acceptedAs: readonly Acceptance[],
): Removal | undefined {
  const cr = ctx.connectedRegistry.name;
  if (acceptedAs.length === 0) {
    return [
      'not-accepted',
      `${cr} does not accept ${token.name}: it is neither a client token of ${cr} nor the sync token of one of its children`,
    ];
  }
  if (ctx.disabledBySyncToken) {
    return [
      'registry-disabled',
      `${cr} is disabled: its sync token ${ctx.disabledBySyncToken} is disabled`,
    ];
  }
  return cloudRemoval(token);
}

/**
 * A token's access on a connected registry: its scope map's grants, less
 * everything when the place does not accept it, is disabled by its sync token,
 * or the token is disabled; less everything on a repository the connected
 * registry (or an ancestor) does not sync; less write and delete when the
 * connected registry is ReadOnly. Client tokens and the sync tokens of its
 * children follow the same rules. Each removed permission carries the first
 * reason that applies (`removalReasons` order).
 */
export function accessOnConnectedRegistry(
  ctx: ConnectedRegistryContext,
  token: TokenLike,
  scopeMap: MapLike | null,
  repository: string,
): ConnectedRegistryTokenAccess {
  const cr = ctx.connectedRegistry;
  const repo = patternText(parseRepositoryTarget(repository));
  const grants = scopeMap ? repositoryAccess(scopeMap.actions, repo) : [];
  const sync = syncStatus(ctx, repo);
  const acceptedAs = acceptanceAt(ctx, token.name);
  const place = placeRemoval(ctx, token, acceptedAs);
  const syncMapName = ctx.syncScopeMap?.name ?? '(none)';
  const contentRemoval: Removal | undefined =
    !sync.synced && sync.missingUpstream
      ? [
          'not-synced-upstream',
          `${cr.name} syncs ${repo} but its ancestor ${sync.missingUpstream} does not, so no content reaches it`,
        ]
      : !sync.synced
        ? [
            'not-synced',
            `${cr.name} does not sync ${repo}: its sync scope map ${syncMapName} grants no content/read on it`,
          ]
        : undefined;
  const decided = decide(
    grants,
    (g) =>
      place ??
      contentRemoval ??
      (cr.mode === 'ReadOnly' && writeOrDelete.has(g.permission)
        ? ['read-only-mode', `${cr.name} is ReadOnly: it serves pulls only`]
        : undefined),
  );
  return {
    token: token.name,
    scopeMap: scopeMap?.name ?? null,
    acceptedAs,
    repository: repo,
    connectedRegistry: cr.name,
    mode: cr.mode,
    sync,
    ...decided,
  };
}

/**
 * A token's gateway permissions on a connected registry. Only the place rules
 * apply (acceptance, a disabled registry, a disabled token): gateway messages
 * are not content, so sync and ReadOnly mode do not limit them.
 */
export function gatewayAccessOnConnectedRegistry(
  ctx: ConnectedRegistryContext,
  token: TokenLike,
  scopeMap: MapLike | null,
  gateway: string,
): TokenGatewayAccess {
  const grants = scopeMap ? gatewayAccess(scopeMap.actions, gateway) : [];
  const acceptedAs = acceptanceAt(ctx, token.name);
  const place = placeRemoval(ctx, token, acceptedAs);
  return {
    token: token.name,
    scopeMap: scopeMap?.name ?? null,
    acceptedAs,
    gateway: gateway.toLowerCase(),
    ...decide(grants, () => place),
  };
}
