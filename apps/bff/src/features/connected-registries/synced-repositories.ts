/**
 * Synced repositories of a connected registry: the request's rules and the
 * plan of sync scope-map changes (the registry, its ancestors when adding,
 * its descendants when removing), as `az acr connected-registry permissions
 * update` does. Pure; the service reads, writes, audits and undoes.
 */
import {
  ancestorsOf,
  descendantsOf,
  repositoryPermissions,
  syncRepositoryActions,
  type ConnectedRegistryView,
  type ErrorDetail,
} from '@latchkey/domain';
import { AppError } from '../../http/errors';

export const lower = (s: string) => s.toLowerCase();
// Docker distribution's path component; a synced repository is a plain name, never a pattern.
const repositoryComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function invalid(message: string, details: ErrorDetail[]): AppError {
  return new AppError('invalid_input', message, { details });
}

/** Case-insensitive list edits, keeping the current order and spelling (ARM compares names case-insensitively). */
export function applyActions(current: string[], add: string[], remove: string[]): string[] {
  const removed = new Set(remove.map(lower));
  const kept = current.filter((a) => !removed.has(lower(a)));
  const present = new Set(kept.map(lower));
  for (const a of add) {
    if (!present.has(lower(a))) {
      kept.push(a);
      present.add(lower(a));
    }
  }
  return kept;
}

export const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x, i) => lower(x) === lower(b[i] ?? ''));

/** Names of repositories to sync: lower-cased like the CLI, no wildcards, valid path components. */
export function syncedRepositoryNames(values: string[], field: string): string[] {
  return values.map((raw, i) => {
    const repo = raw.trim().toLowerCase();
    if (repo.includes('*')) {
      throw invalid(`"${raw}": a connected registry syncs named repositories, not patterns.`, [
        {
          field: `${field}.${i}`,
          rule: 'no-wildcard',
          message: 'give a repository name; wildcards are not allowed here',
        },
      ]);
    }
    if (!repo.split('/').every((c) => repositoryComponent.test(c))) {
      throw invalid(`"${raw}" is not a valid repository name.`, [
        {
          field: `${field}.${i}`,
          rule: 'repository-name',
          message:
            'use lower-case path components of letters and digits separated by ".", "_", "__" or "-", joined by "/"',
        },
      ]);
    }
    return repo;
  });
}

/** The index of the first value of `b` also in `a` (case-insensitive), or -1. */
export function firstOverlap(a: string[], b: string[]): number {
  const set = new Set(a.map(lower));
  return b.findIndex((x) => set.has(lower(x)));
}

/** A sync scope map and the change planned for it. */
export interface MapChange {
  connectedRegistry: string;
  role: 'target' | 'ancestor' | 'descendant';
  scopeMap: string;
  before: string[];
  after: string[];
}

/** The request's repositories, validated: names only, at least one, none both added and removed. */
export function syncedRepositoryRequest(body: { add: string[]; remove: string[] }): {
  add: string[];
  remove: string[];
} {
  const add = syncedRepositoryNames(body.add, 'add');
  const remove = syncedRepositoryNames(body.remove, 'remove');
  if (add.length === 0 && remove.length === 0) {
    throw invalid('Name at least one repository to add or remove.', [
      { field: 'add', rule: 'not-empty', message: 'add or remove at least one repository' },
    ]);
  }
  const both = firstOverlap(add, remove);
  if (both >= 0) {
    throw invalid(`${remove[both]} is both added and removed: choose one.`, [
      {
        field: `remove.${both}`,
        rule: 'not-in-both',
        message: 'a repository cannot be in both add and remove',
      },
    ]);
  }
  return { add, remove };
}

/** Which sync scope maps change and how, for one request on `cr` (its hierarchy in `all`). */
export function syncPlan(
  cr: ConnectedRegistryView,
  all: ConnectedRegistryView[],
  add: string[],
  remove: string[],
) {
  const ancestors = ancestorsOf(cr, all);
  const descendants = remove.length > 0 ? descendantsOf(cr, all) : [];
  const addActions = syncRepositoryActions(add, cr.mode);
  const removeActions = remove.flatMap((r) =>
    repositoryPermissions.map((p) => `repositories/${r}/${p}`),
  );
  const plan = [
    { cr, role: 'target' as const, add: addActions, remove: removeActions },
    ...(addActions.length
      ? ancestors.map((a) => ({ cr: a, role: 'ancestor' as const, add: addActions, remove: [] }))
      : []),
    ...descendants.map((c) => ({
      cr: c,
      role: 'descendant' as const,
      add: [],
      remove: removeActions,
    })),
  ];
  return plan;
}

/** How a step reads in the steps report and the error body. */
export function stepName(c: MapChange): string {
  return `Update scope map ${c.scopeMap} (${c.role === 'target' ? 'sync scope map' : c.role} ${c.connectedRegistry})`;
}
