import {
  acceptedBy,
  gatewayPermissions,
  maxActionsPerScopeMap,
  repositoryPermissions,
  validateScopeMapActions,
  type ConnectedRegistryView,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import { parseActions } from '../../../lib/scope-map-actions';
import type { ActionDiff } from './scope-map-diff';
import type {
  GatewayRow,
  InlineScopeMapErrors,
  RepositoryRow,
} from '../../../lib/inline-scope-map';

/** The editable form of a scope map's actions. */
export interface ScopeMapDraftRows {
  repositories: RepositoryRow[];
  gateways: GatewayRow[];
  /** Actions the editor does not understand: kept verbatim, never dropped. */
  other: string[];
}

/** Loaded actions → editor rows, one row per repository / connected registry. */
export function rowsFromActions(
  actions: readonly string[],
  newKey: () => string,
): ScopeMapDraftRows {
  const parsed = parseActions(actions);
  return {
    repositories: parsed.repositories.map((r) => ({
      key: newKey(),
      repository: r.target,
      permissions: repositoryPermissions.filter((p) => r.granted.has(p)),
    })),
    gateways: parsed.gateways.map((g) => ({
      key: newKey(),
      connectedRegistry: g.target,
      permissions: gatewayPermissions.filter((p) => g.granted.has(p)),
    })),
    other: [...parsed.other],
  };
}

/** Where each action of `actionsFromRows` came from, so a problem lands under its row. */
export type ActionOrigin =
  { kind: 'repository'; key: string } | { kind: 'gateway'; key: string } | { kind: 'other' };

/** Editor rows → the action list (in row order, duplicates dropped), with each action's row. */
export function actionsFromRows(rows: ScopeMapDraftRows): {
  actions: string[];
  origins: ActionOrigin[];
} {
  const actions: string[] = [];
  const origins: ActionOrigin[] = [];
  const seen = new Set<string>();
  const push = (action: string, origin: ActionOrigin) => {
    const k = action.toLowerCase();
    if (seen.has(k)) return;
    seen.add(k);
    actions.push(action);
    origins.push(origin);
  };
  for (const r of rows.repositories) {
    for (const p of repositoryPermissions.filter((x) => r.permissions.includes(x))) {
      push(`repositories/${r.repository.trim()}/${p}`, { kind: 'repository', key: r.key });
    }
  }
  for (const g of rows.gateways) {
    for (const p of gatewayPermissions.filter((x) => g.permissions.includes(x))) {
      push(`gateway/${g.connectedRegistry.trim()}/${p}`, { kind: 'gateway', key: g.key });
    }
  }
  for (const o of rows.other) push(o, { kind: 'other' });
  return { actions, origins };
}

const targetRules = new Set([
  'action.empty',
  'action.missing-name',
  'action.wildcard-position',
  'action.repository-name',
  'action.gateway-name',
]);

/**
 * Live validation with the console's validator (`validateScopeMapActions`):
 * each problem is shown under the row that produced it.
 */
export function validateRows(rows: ScopeMapDraftRows): {
  actions: string[];
  errors: InlineScopeMapErrors;
  valid: boolean;
} {
  const errors: InlineScopeMapErrors = {
    repository: {},
    repositoryPermissions: {},
    connectedRegistry: {},
    gatewayPermissions: {},
    form: [],
  };
  for (const r of rows.repositories) {
    if (r.repository.trim() === '') {
      errors.repository[r.key] =
        'Enter a repository, a prefix ending in /*, or * for every repository.';
    }
    if (r.permissions.length === 0) errors.repositoryPermissions[r.key] = 'Choose a permission.';
  }
  for (const g of rows.gateways) {
    if (g.connectedRegistry.trim() === '') {
      errors.connectedRegistry[g.key] = 'Enter a connected registry name.';
    }
    if (g.permissions.length === 0) errors.gatewayPermissions[g.key] = 'Choose a permission.';
  }
  const { actions, origins } = actionsFromRows(rows);
  for (const problem of validateScopeMapActions(actions)) {
    const origin = origins[problem.index];
    const text = `${problem.message} (${problem.rule})`;
    if (problem.rule === 'action.too-many' || !origin || origin.kind === 'other') {
      errors.form.push(text);
      continue;
    }
    const onTarget = targetRules.has(problem.rule);
    const bucket =
      origin.kind === 'repository'
        ? onTarget
          ? errors.repository
          : errors.repositoryPermissions
        : onTarget
          ? errors.connectedRegistry
          : errors.gatewayPermissions;
    bucket[origin.key] ??= text;
  }
  if (actions.length === 0) errors.form.push('Add at least one repository or gateway permission.');
  if (actions.length > maxActionsPerScopeMap && !errors.form.some((f) => f.includes('too-many'))) {
    errors.form.push(`A scope map holds at most ${maxActionsPerScopeMap} actions.`);
  }
  const valid =
    errors.form.length === 0 &&
    [
      errors.repository,
      errors.repositoryPermissions,
      errors.connectedRegistry,
      errors.gatewayPermissions,
    ].every((m) => Object.keys(m).length === 0);
  return { actions, errors, valid };
}

/**
 * A three-way merge of an edit onto a version someone else saved meanwhile:
 * my additions and removals (the draft against the version I loaded) applied
 * to theirs, so their changes survive unless mine touch the same action.
 */
export function rebaseActions(
  loaded: readonly string[],
  draft: readonly string[],
  theirs: readonly string[],
): string[] {
  const key = (a: string) => a.toLowerCase();
  const loadedKeys = new Set(loaded.map(key));
  const draftKeys = new Set(draft.map(key));
  const merged = theirs.filter((a) => loadedKeys.has(key(a)) === false || draftKeys.has(key(a)));
  const have = new Set(merged.map(key));
  for (const a of draft) {
    if (loadedKeys.has(key(a)) || have.has(key(a))) continue;
    merged.push(a);
    have.add(key(a));
  }
  return merged;
}

const writeOrDelete = /\/(content\/write|content\/delete|metadata\/write)$/;

/** Whether the diff grants repository write or delete somewhere. */
export const addsWriteOrDelete = (diff: ActionDiff) =>
  diff.added.some((a) => a.startsWith('repositories/') && writeOrDelete.test(a));

export interface BlastRadiusToken {
  name: string;
  status: TokenView['status'];
  /**
   * Connected registries this token's map reaches: those that accept it (as a
   * client token, or as the sync token of one of their children) and, for a
   * sync token, the connected registry it syncs.
   */
  connectedRegistries: Array<{ name: string; mode: ConnectedRegistryView['mode'] | 'unknown' }>;
  /** Write/delete added while a ReadOnly connected registry accepts the token: no effect there. */
  ineffectiveOn: string[];
}

/**
 * Who a change to the map reaches: the tokens using it and the connected
 * registries that accept those tokens (the engine's acceptance: client tokens
 * and children's sync tokens), with the ReadOnly ones where added write/delete
 * has no effect.
 */
export function blastRadius(
  users: readonly TokenView[],
  connectedRegistries: readonly ConnectedRegistryView[],
  diff: ActionDiff,
): { tokens: BlastRadiusToken[]; connectedRegistries: string[] } {
  const modes = new Map(connectedRegistries.map((c) => [c.name, c.mode]));
  const writes = addsWriteOrDelete(diff);
  const all = new Set<string>();
  // Acceptance needs only the tokens and the hierarchy; the registry and the
  // scope maps play no part in who a place accepts.
  const acceptance: RegistryOverview = {
    registry: undefined as unknown as RegistryOverview['registry'],
    tokens: [...users],
    scopeMaps: [],
    connectedRegistries: [...connectedRegistries],
    fetchedAt: new Date(0).toISOString(),
  };
  const tokens = users.map((t) => {
    const accepting = [...new Set(acceptedBy(acceptance, t.name).map((p) => p.connectedRegistry))];
    const names = new Set(accepting);
    if (t.kind.type === 'sync') names.add(t.kind.connectedRegistry);
    const crs = [...names].sort().map((name) => {
      all.add(name);
      return { name, mode: modes.get(name) ?? ('unknown' as const) };
    });
    return {
      name: t.name,
      status: t.status,
      connectedRegistries: crs,
      ineffectiveOn: writes ? accepting.filter((n) => modes.get(n) === 'ReadOnly').sort() : [],
    };
  });
  return { tokens, connectedRegistries: [...all].sort() };
}
