/**
 * Scope-map action grammar, as Azure (and the az CLI's `parse_scope_map_actions`)
 * accepts it: `repositories/<repo>/<permission>` and
 * `gateway/<connectedRegistry>/<permission>`. Pure: the ARM emulator uses it to
 * reject bad PUT/PATCH bodies, and scenarios use it to prove their data valid.
 */

export const REPOSITORY_PERMISSIONS = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
] as const;

export const GATEWAY_PERMISSIONS = [
  'config/read',
  'config/write',
  'message/read',
  'message/write',
] as const;

export type RepositoryPermission = (typeof REPOSITORY_PERMISSIONS)[number];
export type GatewayPermission = (typeof GATEWAY_PERMISSIONS)[number];

/** Azure's documented limit of actions (repository permissions) per scope map. */
export const MAX_SCOPE_MAP_ACTIONS = 500;

/** Stable rule ids, so callers (and tests) can branch on them rather than on wording. */
export type ActionRule =
  | 'action.not-string'
  | 'action.empty'
  | 'action.whitespace'
  | 'action.empty-segment'
  | 'action.unknown-prefix'
  | 'action.unknown-permission'
  | 'action.empty-name'
  | 'action.wildcard-position'
  | 'action.repository-name'
  | 'action.gateway-name';

export type ActionListRule = ActionRule | 'action.not-array' | 'action.empty-list' | 'action.limit';

export type ActionCheck =
  | {
      ok: true;
      normalized: string;
      kind: 'repositories' | 'gateway';
      target: string;
      permission: string;
    }
  | { ok: false; rule: string; message: string };

// Docker distribution's path-component grammar. Written with `-+` instead of
// Docker's `[-]*`: the languages are equal, but `[-]*` can match empty and makes
// JavaScript's backtracking engine exponential on a near-miss such as "aaaa…!".
const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// Gateway targets are connected-registry names (alphanumeric, 5 to 50) after lower-casing.
const GATEWAY_NAME = /^[a-z0-9]{5,50}$/;

const REPOSITORY_PERMISSION_SET: ReadonlySet<string> = new Set(REPOSITORY_PERMISSIONS);
const GATEWAY_PERMISSION_SET: ReadonlySet<string> = new Set(GATEWAY_PERMISSIONS);

function fail(rule: ActionRule, message: string): ActionCheck {
  return { ok: false, rule, message };
}

function show(action: string): string {
  return JSON.stringify(action);
}

export function checkScopeMapAction(action: string): ActionCheck {
  if (typeof action !== 'string') {
    return fail('action.not-string', `Scope map action ${String(action)} must be a string.`);
  }
  if (action.length === 0) return fail('action.empty', 'A scope map action must not be empty.');
  if (/\s/.test(action)) {
    return fail(
      'action.whitespace',
      `Scope map action ${show(action)} contains whitespace; actions are written without spaces, e.g. "repositories/samples/hello/content/read".`,
    );
  }
  // ARM and the CLI store names and actions lower-cased.
  const lower = action.toLowerCase();
  if (lower.startsWith('/') || lower.endsWith('/') || lower.includes('//')) {
    return fail(
      'action.empty-segment',
      `Scope map action ${show(action)} has an empty path segment (a leading, trailing or doubled "/").`,
    );
  }
  const segments = lower.split('/');
  const prefix = segments[0];
  if (prefix !== 'repositories' && prefix !== 'gateway') {
    return fail(
      'action.unknown-prefix',
      `Scope map action ${show(action)} must start with "repositories/" or "gateway/".`,
    );
  }
  const allowed = prefix === 'repositories' ? REPOSITORY_PERMISSIONS : GATEWAY_PERMISSIONS;
  const allowedSet = prefix === 'repositories' ? REPOSITORY_PERMISSION_SET : GATEWAY_PERMISSION_SET;
  const permission = segments.length >= 3 ? segments.slice(-2).join('/') : '';
  if (!allowedSet.has(permission)) {
    return fail(
      'action.unknown-permission',
      `Scope map action ${show(action)} must end with one of the ${prefix} permissions: ${allowed.join(', ')}.`,
    );
  }
  const nameSegments = segments.slice(1, -2);
  if (nameSegments.length === 0) {
    return fail(
      'action.empty-name',
      `Scope map action ${show(action)} names no ${prefix === 'repositories' ? 'repository' : 'connected registry'} between "${prefix}/" and the permission.`,
    );
  }
  const target = nameSegments.join('/');

  if (prefix === 'gateway') {
    if (nameSegments.length !== 1 || !GATEWAY_NAME.test(target)) {
      return fail(
        'action.gateway-name',
        `Scope map action ${show(action)} must name one connected registry (5 to 50 letters and digits, no wildcard) after "gateway/".`,
      );
    }
    return { ok: true, normalized: lower, kind: 'gateway', target, permission };
  }

  // Wildcards: the whole name `*` (registry-wide) or a single trailing `/*` (`samples/*`).
  const starCount = target.split('*').length - 1;
  if (starCount > 0) {
    const wholeRegistry = target === '*';
    const trailing =
      starCount === 1 && nameSegments.length >= 2 && nameSegments[nameSegments.length - 1] === '*';
    if (!wholeRegistry && !trailing) {
      return fail(
        'action.wildcard-position',
        `Scope map action ${show(action)} uses "*" where it is not allowed: a wildcard may only be the whole repository name ("*") or one trailing "/*" (e.g. "samples/*").`,
      );
    }
  }
  const components = starCount > 0 ? nameSegments.slice(0, -1) : nameSegments;
  for (const component of components) {
    if (!REPOSITORY_COMPONENT.test(component)) {
      return fail(
        'action.repository-name',
        `Scope map action ${show(action)} has an invalid repository name component ${show(component)}: use lower-case letters and digits, separated by ".", "_", "__" or dashes.`,
      );
    }
  }
  return { ok: true, normalized: lower, kind: 'repositories', target, permission };
}

export function checkScopeMapActions(
  actions: unknown,
):
  | { ok: true; normalized: string[] }
  | { ok: false; index?: number; rule: string; message: string } {
  if (!Array.isArray(actions)) {
    return {
      ok: false,
      rule: 'action.not-array',
      message: 'Scope map actions must be an array of strings.',
    };
  }
  if (actions.length === 0) {
    return {
      ok: false,
      rule: 'action.empty-list',
      message: 'A scope map needs at least one action.',
    };
  }
  const seen = new Set<string>();
  const normalized: string[] = [];
  for (let index = 0; index < actions.length; index++) {
    const action: unknown = actions[index];
    if (typeof action !== 'string') {
      return {
        ok: false,
        index,
        rule: 'action.not-string',
        message: `Scope map action #${index + 1} must be a string.`,
      };
    }
    const checked = checkScopeMapAction(action);
    if (!checked.ok) return { ok: false, index, rule: checked.rule, message: checked.message };
    // Duplicates (including ones that differ only in case) collapse, as the CLI's merge does.
    if (!seen.has(checked.normalized)) {
      seen.add(checked.normalized);
      normalized.push(checked.normalized);
    }
  }
  // The limit counts what the map would hold, i.e. distinct actions.
  if (normalized.length > MAX_SCOPE_MAP_ACTIONS) {
    return {
      ok: false,
      rule: 'action.limit',
      message: `A scope map holds at most ${MAX_SCOPE_MAP_ACTIONS} actions; this one has ${normalized.length}.`,
    };
  }
  return { ok: true, normalized };
}
