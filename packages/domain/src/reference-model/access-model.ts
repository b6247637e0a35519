import type { RegistryOverview } from '../dto';

/**
 * TEST-ONLY reference model of effective access, written from the
 * documentation's sentences (design/product.md "Rules the console explains or
 * enforces" and the ACR reference §3, quoted at each rule) and sharing no code
 * with the engine: its own reading of scope-map actions, its own wildcard
 * matching, its own walk of the hierarchy. It answers one question, cell by
 * cell: at place P, does token T hold permission X on target Y, and if its
 * scope map grants X but it does not work there, which documented rules
 * remove it? The engine's answers are compared with these in
 * reference-model.test.ts.
 *
 * Only the input's types are shared (the overview is the data both read).
 */

export const CLOUD = '(cloud)';

const REPOSITORY_PERMISSIONS = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
];
const GATEWAY_PERMISSIONS = ['config/read', 'config/write', 'message/read', 'message/write'];

/** A target of a cell: a repository name, or `gateway/<connected registry>`. */
export type ModelTarget = { kind: 'repository'; name: string } | { kind: 'gateway'; name: string };

export type ModelAcceptance = 'registry-token' | 'client' | `child-sync-token:${string}`;

export interface ModelCell {
  /** The scope map grants it (the rules match), whether or not it works at the place. */
  mapGrants: boolean;
  /** Documented rules that take it away at this place (empty: effective). */
  reasons: string[];
}

type Rule = { kind: 'repository' | 'gateway'; name: string; permission: string };

const lower = (s: string) => s.toLowerCase();

/**
 * "repositories/<repo>/<a> where <a> ∈ content/read, content/write,
 * content/delete, metadata/read, metadata/write. gateway/<connectedRegistryName>/<a>
 * where <a> ∈ config/read, config/write, message/read, message/write. The CLI
 * lower-cases both the repository or gateway name and the action."
 */
function readAction(raw: string): Rule | undefined {
  if (!readCache.has(raw)) readCache.set(raw, readActionOnce(raw));
  return readCache.get(raw);
}
// The model reads the same actions many times per comparison; its own memo keeps it quick.
const readCache = new Map<string, Rule | undefined>();

function readActionOnce(raw: string): Rule | undefined {
  const action = lower(raw.trim());
  const parts = action.split('/');
  if (parts.length < 4) return undefined;
  const permission = `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
  const name = parts.slice(1, -2).join('/');
  if (parts[0] === 'repositories' && REPOSITORY_PERMISSIONS.includes(permission)) {
    // "Wildcards: only as a trailing /* (samples/*) or as the whole name *
    // (registry-wide), with a single *; invalid forms include a/*/b, a* and a/*/b/*."
    const stars = name.split('').filter((c) => c === '*').length;
    const wildcardOk =
      stars === 0 || name === '*' || (stars === 1 && name.endsWith('/*') && name.length > 2);
    const segmentsOk = name === '*' || name.split('/').every((s) => s.length > 0);
    return wildcardOk && segmentsOk ? { kind: 'repository', name, permission } : undefined;
  }
  if (parts[0] === 'gateway' && parts.length === 4 && GATEWAY_PERMISSIONS.includes(permission)) {
    // Connected registry names are letters and digits only (reference §3 names table).
    return /^[a-z0-9]+$/.test(name) ? { kind: 'gateway', name, permission } : undefined;
  }
  return undefined;
}

/**
 * "a trailing /* matches by prefix" (scope-map grammar), "*" is registry-wide,
 * and "a rule applies to repositories that do not exist yet".
 */
function covers(ruleName: string, repository: string): boolean {
  if (ruleName === '*') return true;
  if (ruleName.endsWith('/*')) {
    const prefix = ruleName.slice(0, -1); // keeps the "/"
    return repository.startsWith(prefix) && repository.length > prefix.length;
  }
  return ruleName === repository;
}

/** "permissions are additive across matching rules": the set of permissions any matching rule gives. */
export function granted(actions: readonly string[] | undefined, target: ModelTarget): Set<string> {
  const out = new Set<string>();
  for (const a of actions ?? []) {
    const r = readAction(a);
    if (!r || r.kind !== target.kind) continue;
    const hit =
      r.kind === 'repository' ? covers(r.name, lower(target.name)) : r.name === lower(target.name);
    if (hit) out.add(r.permission);
  }
  return out;
}

export class AccessModel {
  private readonly tokens: Map<string, RegistryOverview['tokens'][number]>;
  private readonly maps: Map<string, readonly string[]>;
  private readonly crs: Map<string, RegistryOverview['connectedRegistries'][number]>;

  constructor(private readonly overview: RegistryOverview) {
    this.tokens = new Map(overview.tokens.map((t) => [lower(t.name), t]));
    this.maps = new Map(overview.scopeMaps.map((m) => [lower(m.name), m.actions]));
    this.crs = new Map(overview.connectedRegistries.map((c) => [lower(c.name), c]));
  }

  /** Every place: the cloud registry, then each connected registry. */
  places(): string[] {
    return [CLOUD, ...this.overview.connectedRegistries.map((c) => c.name)];
  }

  private actionsOf(tokenName: string | null | undefined): readonly string[] | undefined {
    const t = tokenName ? this.tokens.get(lower(tokenName)) : undefined;
    return t?.scopeMapName ? this.maps.get(lower(t.scopeMapName)) : undefined;
  }

  /** The model's own walk up the parent links (ARM names compare case-insensitively). */
  private parentsOf(place: string): string[] {
    const out: string[] = [];
    const seen = new Set([lower(place)]);
    let p = this.crs.get(lower(place))?.parentName;
    while (p && !seen.has(lower(p)) && this.crs.has(lower(p))) {
      seen.add(lower(p));
      out.push(p);
      p = this.crs.get(lower(p))?.parentName;
    }
    return out;
  }

  /**
   * "Who a place accepts: the cloud registry accepts every token of the
   * registry; a connected registry accepts its client tokens and the sync
   * tokens of its direct child connected registries ('a sync token accesses
   * the endpoint of the parent registry, which is either another connected
   * registry endpoint or the cloud registry itself')."
   */
  acceptance(place: string, tokenName: string): ModelAcceptance[] {
    if (!this.tokens.has(lower(tokenName))) return [];
    if (place === CLOUD) return ['registry-token'];
    const cr = this.crs.get(lower(place));
    if (!cr) return [];
    const out: ModelAcceptance[] = [];
    if (cr.clientTokenNames.some((n) => lower(n) === lower(tokenName))) out.push('client');
    for (const child of this.overview.connectedRegistries) {
      const isChild = child.parentName !== null && lower(child.parentName) === lower(place);
      if (isChild && child.syncTokenName && lower(child.syncTokenName) === lower(tokenName)) {
        out.push(`child-sync-token:${child.name}`);
      }
    }
    return out;
  }

  /**
   * "You can disable a connected registry by setting the status of the sync
   * token to disabled" / "A disabled sync token disables its connected
   * registry: nothing is effective there until it is enabled again."
   */
  private disabled(place: string): boolean {
    const cr = this.crs.get(lower(place));
    const sync = cr?.syncTokenName ? this.tokens.get(lower(cr.syncTokenName)) : undefined;
    return sync?.status === 'disabled';
  }

  /**
   * "A client token reaches on a connected registry only the repositories that
   * the connected registry syncs (its sync token's scope map)": synced means
   * its sync scope map grants content/read. Content comes down the hierarchy
   * ("A sync token accesses the endpoint of the parent registry"), so a
   * repository an ancestor does not sync never arrives.
   */
  private syncsItself(place: string, repository: string): boolean {
    const cr = this.crs.get(lower(place));
    return granted(this.actionsOf(cr?.syncTokenName), { kind: 'repository', name: repository }).has(
      'content/read',
    );
  }

  private readonly cells = new Map<string, ModelCell>();

  cell(place: string, tokenName: string, target: ModelTarget, permission: string): ModelCell {
    const key = [place, lower(tokenName), target.kind, lower(target.name), permission].join('|');
    let c = this.cells.get(key);
    if (!c) {
      c = this.cellOnce(place, tokenName, target, permission);
      this.cells.set(key, c);
    }
    return c;
  }

  private cellOnce(
    place: string,
    tokenName: string,
    target: ModelTarget,
    permission: string,
  ): ModelCell {
    const token = this.tokens.get(lower(tokenName));
    const mapGrants = granted(this.actionsOf(tokenName), target).has(permission);
    const reasons: string[] = [];
    if (!token) return { mapGrants: false, reasons: ['not-accepted'] };
    if (this.acceptance(place, tokenName).length === 0) reasons.push('not-accepted');
    if (place !== CLOUD && this.disabled(place)) reasons.push('registry-disabled');
    // A token's status: "disabled" tokens authenticate nowhere (reference §2.3 status; product.md
    // "disables a token when a device is lost").
    if (token.status === 'disabled') reasons.push('token-disabled');
    // Decision (README, access review): a child's sync token at its parent meets the same place
    // rules as a client token: the parent's sync, upstream sync and mode apply to it too.
    if (place !== CLOUD && target.kind === 'repository') {
      if (!this.syncsItself(place, target.name)) reasons.push('not-synced');
      else if (this.parentsOf(place).some((p) => !this.syncsItself(p, target.name)))
        reasons.push('not-synced-upstream');
      // "ReadOnly connected registries serve pulls only: write or delete permissions on their
      // client tokens have no effect there" ("A ReadOnly connected registry allows only pull").
      const mode = this.crs.get(lower(place))?.mode;
      if (mode === 'ReadOnly' && !['content/read', 'metadata/read'].includes(permission))
        reasons.push('read-only-mode');
    }
    // Gateway permissions are not content: only acceptance and the two "disabled" rules apply.
    return { mapGrants, reasons };
  }

  permissionsFor(target: ModelTarget): string[] {
    return target.kind === 'repository' ? REPOSITORY_PERMISSIONS : GATEWAY_PERMISSIONS;
  }

  /** Connected registries that accept a token (the inventory's "accepted by"), sorted. */
  acceptedBy(tokenName: string): string[] {
    return this.overview.connectedRegistries
      .filter((c) => this.acceptance(c.name, tokenName).length > 0)
      .map((c) => c.name)
      .sort((a, b) => a.localeCompare(b));
  }
}
