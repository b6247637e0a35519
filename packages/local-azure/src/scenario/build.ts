/**
 * Small helpers the scenario factories share: time offsets from "now", and the
 * sync scope maps the az CLI would have produced for a connected-registry tree.
 */
import { GATEWAY_PERMISSIONS } from '../arm/rules/actions';
import type { ScenarioPassword } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TimeHelpers {
  /** ISO time `ms` before now. */
  ago(ms: number): string;
  /** ISO time `ms` after now. */
  ahead(ms: number): string;
}

export function timeHelpers(now: Date): TimeHelpers {
  const t = now.getTime();
  return {
    ago: (ms) => new Date(t - ms).toISOString(),
    ahead: (ms) => new Date(t + ms).toISOString(),
  };
}

/** As the CLI's REPO_SCOPES_BY_MODE. */
export const SYNC_REPOSITORY_PERMISSIONS = {
  ReadWrite: ['content/read', 'content/write', 'content/delete', 'metadata/read', 'metadata/write'],
  ReadOnly: ['content/read', 'metadata/read'],
} as const;

export function repositoryActions(repositories: readonly string[], permissions: readonly string[]) {
  return repositories.flatMap((repo) =>
    permissions.map((p) => `repositories/${repo.toLowerCase()}/${p}`),
  );
}

export function gatewayActions(connectedRegistryName: string): string[] {
  return GATEWAY_PERMISSIONS.map((p) => `gateway/${connectedRegistryName.toLowerCase()}/${p}`);
}

export interface SyncPlan {
  name: string;
  mode: 'ReadWrite' | 'ReadOnly';
  parentName?: string;
  /** Repositories this connected registry was created with (`--repository`). */
  repositories: readonly string[];
}

/**
 * The sync scope map actions of each connected registry, as the CLI builds
 * them: its own repositories in its mode plus its gateway actions, and, for
 * every descendant, the descendant's gateway actions and repositories in the
 * descendant's mode (`_update_ancestor_permissions`).
 */
export function syncScopeMapActions(plans: readonly SyncPlan[]): Map<string, string[]> {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const result = new Map<string, Set<string>>();
  for (const plan of plans) {
    result.set(
      plan.name,
      new Set([
        ...repositoryActions(plan.repositories, SYNC_REPOSITORY_PERMISSIONS[plan.mode]),
        ...gatewayActions(plan.name),
      ]),
    );
  }
  for (const plan of plans) {
    const own = [
      ...gatewayActions(plan.name),
      ...repositoryActions(plan.repositories, SYNC_REPOSITORY_PERMISSIONS[plan.mode]),
    ];
    const seen = new Set<string>([plan.name]);
    let parent = plan.parentName;
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent);
      const set = result.get(parent);
      if (set === undefined) break;
      for (const action of own) set.add(action);
      parent = byName.get(parent)?.parentName;
    }
  }
  return new Map([...result].map(([name, set]) => [name, [...set]]));
}

/** A password slot; `expiresInMs` undefined means it never expires. */
export function password(
  time: TimeHelpers,
  name: 'password1' | 'password2',
  createdAgoMs: number,
  expiresInMs?: number,
): ScenarioPassword {
  const p: ScenarioPassword = { name, creationTime: time.ago(createdAgoMs) };
  if (expiresInMs !== undefined) {
    p.expiry = expiresInMs >= 0 ? time.ahead(expiresInMs) : time.ago(-expiresInMs);
  }
  return p;
}

/** mulberry32: a tiny seeded PRNG, so generated scenarios are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
