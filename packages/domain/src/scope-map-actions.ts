import { gatewayPermissions, repositoryPermissions } from './mutations';

/**
 * The console's own reading of scope-map actions (reference §3, "Scope map
 * action grammar"):
 *
 *   repositories/<repo>/<content|metadata>/<read|write|delete>
 *   gateway/<connectedRegistryName>/<config|message>/<read|write>
 *
 * Names and permissions are lower-cased, as the CLI does. A repository is a
 * name, a trailing-`/*` pattern (`samples/*`), or `*` (registry-wide); any other
 * `*` is invalid (`a*`, `a/*\/b`, `a/*\/b/*`).
 *
 * Wildcard semantics (the reference says "a trailing `/*` matches by prefix"):
 * `samples/*` matches every repository whose name starts with `samples/`, i.e.
 * `samples/a` and `samples/a/b`, but neither `samples` itself nor
 * `samplesx/a`. Since repository names have no empty path segments, the string
 * prefix `samples/` is the same as a prefix of whole path segments.
 */

export type RepositoryPermission = (typeof repositoryPermissions)[number];
export type GatewayPermission = (typeof gatewayPermissions)[number];

/** The most actions one scope map may hold (reference §3, limits). */
export const maxActionsPerScopeMap = 500;

/** What a rule's repository part covers. */
export type RepositoryPattern =
  | { type: 'exact'; name: string }
  /** `prefix` ends with `/`: `samples/*` has prefix `samples/`. */
  | { type: 'prefix'; prefix: string }
  | { type: 'all' };

export interface RepositoryRule {
  kind: 'repository';
  /** The action as the console shows and compares it: lower-cased. */
  action: string;
  /** The repository part as written: a name, `x/*` or `*`. */
  repository: string;
  pattern: RepositoryPattern;
  permission: RepositoryPermission;
}

export interface GatewayRule {
  kind: 'gateway';
  action: string;
  connectedRegistry: string;
  permission: GatewayPermission;
}

export type ScopeMapRule = RepositoryRule | GatewayRule;

export const actionRuleIds = [
  'action.empty',
  'action.unknown-resource',
  'action.missing-name',
  'action.unknown-permission',
  'action.wildcard-position',
  'action.repository-name',
  'action.gateway-name',
  'action.too-many',
] as const;
export type ActionRuleId = (typeof actionRuleIds)[number];

export interface ActionProblem {
  /** Position in the list the person edited; for `action.too-many`, the first action over the limit. */
  index: number;
  action: string;
  rule: ActionRuleId;
  message: string;
}

export type ParseResult =
  { ok: true; rule: ScopeMapRule } | { ok: false; rule: ActionRuleId; message: string };

// Docker distribution's path component: lower-case alphanumerics joined by `.`, `_`, `__` or dashes.
const repositoryComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// Gateway names are connected-registry names (5–50 letters or digits), lower-cased.
const gatewayName = /^[a-z0-9]{5,50}$/;

const fail = (rule: ActionRuleId, message: string): ParseResult => ({ ok: false, rule, message });

function parsePattern(repo: string): RepositoryPattern | { error: ParseResult } {
  if (repo === '*') return { type: 'all' };
  const stars = repo.split('*').length - 1;
  if (stars > 0) {
    if (stars > 1 || !repo.endsWith('/*') || repo.length < 3) {
      return {
        error: fail(
          'action.wildcard-position',
          `"${repo}": a wildcard is allowed only as a trailing "/*" (e.g. "samples/*") or as the whole name "*"`,
        ),
      };
    }
    const base = repo.slice(0, -2);
    const bad = base.split('/').find((c) => !repositoryComponent.test(c));
    if (bad !== undefined) return { error: badRepository(repo, bad) };
    return { type: 'prefix', prefix: `${base}/` };
  }
  const bad = repo.split('/').find((c) => !repositoryComponent.test(c));
  if (bad !== undefined) return { error: badRepository(repo, bad) };
  return { type: 'exact', name: repo };
}

function badRepository(repo: string, component: string): ParseResult {
  return fail(
    'action.repository-name',
    component === ''
      ? `"${repo}": a repository name has no empty path segments`
      : `"${repo}": "${component}" is not a valid repository path segment (lower-case letters and digits, separated by ".", "_", "__" or "-")`,
  );
}

/** Parse one action; lower-cases it first, as the CLI does. */
export function parseAction(raw: string): ParseResult {
  const action = raw.trim().toLowerCase();
  if (action === '') return fail('action.empty', 'the action is empty');
  const parts = action.split('/');
  const [resource] = parts;
  if (resource === 'repositories') {
    if (parts.length < 4) {
      return fail(
        'action.missing-name',
        `"${action}": expected repositories/<repository>/<permission>, e.g. repositories/samples/app/content/read`,
      );
    }
    const permission = parts.slice(-2).join('/');
    if (!(repositoryPermissions as readonly string[]).includes(permission)) {
      return fail(
        'action.unknown-permission',
        `"${action}": "${permission}" is not a repository permission (${repositoryPermissions.join(', ')})`,
      );
    }
    const repository = parts.slice(1, -2).join('/');
    const pattern = parsePattern(repository);
    if ('error' in pattern) return pattern.error;
    return {
      ok: true,
      rule: {
        kind: 'repository',
        action,
        repository,
        pattern,
        permission: permission as RepositoryPermission,
      },
    };
  }
  if (resource === 'gateway') {
    if (parts.length !== 4) {
      return fail(
        'action.missing-name',
        `"${action}": expected gateway/<connected registry>/<permission>, e.g. gateway/edge01/config/read`,
      );
    }
    const permission = parts.slice(2).join('/');
    if (!(gatewayPermissions as readonly string[]).includes(permission)) {
      return fail(
        'action.unknown-permission',
        `"${action}": "${permission}" is not a gateway permission (${gatewayPermissions.join(', ')})`,
      );
    }
    const name = parts[1] ?? '';
    if (!gatewayName.test(name)) {
      return fail(
        'action.gateway-name',
        `"${action}": "${name}" is not a connected registry name (5–50 letters or digits; no wildcards)`,
      );
    }
    return {
      ok: true,
      rule: {
        kind: 'gateway',
        action,
        connectedRegistry: name,
        permission: permission as GatewayPermission,
      },
    };
  }
  return fail(
    'action.unknown-resource',
    `"${action}": an action starts with "repositories/" or "gateway/"`,
  );
}

/**
 * The valid rules of a scope map. Invalid actions are skipped: Azure refuses
 * them on write, so a stored map should hold none; `validateScopeMapActions`
 * reports them for edits.
 */
export function parseScopeMapActions(actions: readonly string[]): ScopeMapRule[] {
  const rules: ScopeMapRule[] = [];
  for (const a of actions) {
    const r = parseAction(a);
    if (r.ok) rules.push(r.rule);
  }
  return rules;
}

/** Every problem of a proposed action list, in order; empty when Azure would accept it. */
export function validateScopeMapActions(actions: readonly string[]): ActionProblem[] {
  const problems: ActionProblem[] = [];
  actions.forEach((action, index) => {
    const r = parseAction(action);
    if (!r.ok) problems.push({ index, action, rule: r.rule, message: r.message });
  });
  if (actions.length > maxActionsPerScopeMap) {
    problems.push({
      index: maxActionsPerScopeMap,
      action: actions[maxActionsPerScopeMap] ?? '',
      rule: 'action.too-many',
      message: `a scope map holds at most ${maxActionsPerScopeMap} actions; this one has ${actions.length}`,
    });
  }
  return problems;
}

/** Whether a rule's pattern matches one repository name (lower-cased). */
export function patternMatches(pattern: RepositoryPattern, repository: string): boolean {
  const repo = repository.toLowerCase();
  switch (pattern.type) {
    case 'all':
      return true;
    case 'exact':
      return pattern.name === repo;
    case 'prefix':
      return repo.length > pattern.prefix.length && repo.startsWith(pattern.prefix);
  }
}

/**
 * Whether `rule` covers every repository that `target` covers (a target is a
 * repository name or a pattern, as in the matrix's columns). For a name this
 * is `patternMatches`; for `x/*` it holds for `*` and for any `p/*` with `x/`
 * starting with `p/`; `*` is covered only by `*`.
 */
export function patternCovers(rule: RepositoryPattern, target: RepositoryPattern): boolean {
  switch (target.type) {
    case 'exact':
      return patternMatches(rule, target.name);
    case 'prefix':
      return (
        rule.type === 'all' || (rule.type === 'prefix' && target.prefix.startsWith(rule.prefix))
      );
    case 'all':
      return rule.type === 'all';
  }
}

/** Whether some repository is matched by both patterns. */
export function patternsOverlap(a: RepositoryPattern, b: RepositoryPattern): boolean {
  if (a.type === 'all' || b.type === 'all') return true;
  if (a.type === 'exact') return patternMatches(b, a.name);
  if (b.type === 'exact') return patternMatches(a, b.name);
  return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
}

/**
 * A repository name or pattern as a target of a question ("who can access
 * samples/*?"). Throws on an invalid one: callers pass names they validated.
 */
export function parseRepositoryTarget(target: string): RepositoryPattern {
  const p = parsePattern(target.trim().toLowerCase());
  if ('error' in p) {
    throw new Error(p.error.ok ? 'invalid repository' : p.error.message);
  }
  return p;
}

/** The repository part written back as text: `name`, `prefix/*` or `*`. */
export function patternText(pattern: RepositoryPattern): string {
  switch (pattern.type) {
    case 'all':
      return '*';
    case 'exact':
      return pattern.name;
    case 'prefix':
      return `${pattern.prefix}*`;
  }
}
