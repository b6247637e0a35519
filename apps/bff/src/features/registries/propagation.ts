/**
 * When what a connected registry syncs or accepts last changed: the newest
 * succeeded console change (audit outcome) or change observed in Azure, on
 * the connected registry itself, its sync token, its client tokens, or their
 * scope maps. The domain's propagationOf compares it with lastSyncTime.
 */
import {
  childId,
  propagationOf,
  type ConnectedRegistryView,
  type Propagation,
  type RegistryOverview,
  type RegistryPath,
} from '@latchkey/domain';
import type { AuditLog } from '../../storage';

/** The newest relevant change (epoch ms) to any of `targets` (ARM ids). */
export type LastChangeAt = (targets: string[]) => Promise<number | undefined>;

/** Changes on the connected registry's own id that do not reach the device by sync. */
const NOT_SYNCED = new Set(['connectedRegistry.deactivate', 'connectedRegistry.connectionString']);
/** Enough to find the newest succeeded one behind a failed attempt or two. */
const PER_TARGET = 10;

export function lastChangeFromAudit(audit: AuditLog): LastChangeAt {
  return async (targets) => {
    const pages = await Promise.all(
      targets.map((target) => audit.list({ target, limit: PER_TARGET })),
    );
    let newest: number | undefined;
    for (const r of pages.flatMap((p) => p.records)) {
      const counts =
        (r.kind === 'observed' || (r.kind === 'outcome' && r.outcome === 'succeeded')) &&
        !NOT_SYNCED.has(r.action);
      if (counts) newest = Math.max(newest ?? 0, r.recordedAt.getTime());
    }
    return newest;
  };
}

/** The ids whose changes a connected registry receives at its next sync. */
export function propagationTargets(
  ref: RegistryPath,
  cr: ConnectedRegistryView,
  overview: Pick<RegistryOverview, 'tokens' | 'scopeMaps'>,
): string[] {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const tokenNames = [...(cr.syncTokenName ? [cr.syncTokenName] : []), ...cr.clientTokenNames];
  const tokens = overview.tokens.filter((t) => tokenNames.some((n) => same(n, t.name)));
  const maps = overview.scopeMaps.filter((m) =>
    tokens.some((t) => t.scopeMapName && same(t.scopeMapName, m.name)),
  );
  // Services record either the ARM id Azure returned or the one built from the path.
  const ids = [
    cr.id,
    childId(ref, 'connectedRegistries', cr.name),
    ...tokenNames.flatMap((n) => [
      childId(ref, 'tokens', n),
      ...tokens.filter((t) => same(t.name, n)).map((t) => t.id),
    ]),
    ...maps.flatMap((m) => [m.id, childId(ref, 'scopeMaps', m.name)]),
  ];
  return [...new Set(ids.filter(Boolean))];
}

export async function propagationFor(
  ref: RegistryPath,
  cr: ConnectedRegistryView,
  overview: Pick<RegistryOverview, 'tokens' | 'scopeMaps'>,
  lastChangeAt: LastChangeAt,
): Promise<Propagation | undefined> {
  return propagationOf(cr, await lastChangeAt(propagationTargets(ref, cr, overview)));
}
