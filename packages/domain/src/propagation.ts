/**
 * Whether a change has reached a connected registry. Azure propagates client
 * token and sync scope map changes "automatically", which means at the
 * device's next sync: until its lastSyncTime passes the change, the change is
 * pending there. Pure; the BFF finds the latest change time in the audit log.
 */
import type { Propagation } from './dto';
import { downSince } from './findings-hierarchy';

/** The propagation of the latest change (epoch ms) to `cr`; undefined when no change is known. */
export function propagationOf(
  cr: Parameters<typeof downSince>[0] & { lastSyncTime?: string | undefined },
  changedAt: number | undefined,
): Propagation | undefined {
  if (changedAt === undefined || Number.isNaN(changedAt)) return undefined;
  // Never deployed: it receives everything at its first sync, so nothing is pending there.
  if (cr.activation === 'Inactive' && !cr.lastSyncTime) return undefined;
  const base = {
    changedAt: new Date(changedAt).toISOString(),
    ...(cr.lastSyncTime ? { lastSyncTime: cr.lastSyncTime } : {}),
  };
  const synced = cr.lastSyncTime ? Date.parse(cr.lastSyncTime) : NaN;
  if (!Number.isNaN(synced) && synced >= changedAt) return { state: 'synced', ...base };
  if (cr.connectionState === 'Offline') {
    const since = downSince(cr);
    return {
      state: 'offline',
      ...base,
      ...(since !== undefined ? { offlineSince: new Date(since).toISOString() } : {}),
    };
  }
  return { state: 'pending', ...base };
}

/** How the state reads in the console (sentence case). */
export function propagationLabel(p: Propagation, formatDate: (iso: string) => string): string {
  if (p.state === 'synced') return 'Synced';
  if (p.state === 'pending') return 'Pending until next sync';
  return p.offlineSince
    ? `Pending; registry offline since ${formatDate(p.offlineSince)}`
    : 'Pending; registry offline';
}
