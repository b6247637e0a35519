import { z } from 'zod/mini';
import {
  connectedRegistryViewSchema,
  type ConnectedRegistryView,
  type RegistryOverview,
} from './dto';

/**
 * The connected-registry fields that move at the devices' rate (heartbeats,
 * syncs, health): what the hierarchy's 30-second poll asks for instead of the
 * whole overview. Everything else in the overview changes only when someone
 * changes the registry.
 */
export const runtimeFields = [
  'connectionState',
  'lastActivityTime',
  'lastSyncTime',
  'statusDetails',
] as const satisfies readonly (keyof ConnectedRegistryView)[];

export const connectedRegistryRuntimeSchema = z.pick(connectedRegistryViewSchema, {
  name: true,
  connectionState: true,
  lastActivityTime: true,
  lastSyncTime: true,
  statusDetails: true,
});
export type ConnectedRegistryRuntime = z.infer<typeof connectedRegistryRuntimeSchema>;

export const registryRuntimeSchema = z.object({
  /** When the lists were read from ARM (the snapshot's read time when served from one). */
  fetchedAt: z.string(),
  /**
   * Names everything in the overview except the runtime fields: when it moves,
   * a registry change happened (a token, scope map or connected registry added,
   * removed or edited) and the overview itself must be read again.
   */
  version: z.string(),
  items: z.array(connectedRegistryRuntimeSchema),
});
export type RegistryRuntime = z.infer<typeof registryRuntimeSchema>;

/** The runtime fields of one connected registry (absent optional fields stay absent). */
export function runtimeOf(cr: ConnectedRegistryView): ConnectedRegistryRuntime {
  const out: ConnectedRegistryRuntime = {
    name: cr.name,
    connectionState: cr.connectionState,
    statusDetails: cr.statusDetails,
  };
  if (cr.lastActivityTime !== undefined) out.lastActivityTime = cr.lastActivityTime;
  if (cr.lastSyncTime !== undefined) out.lastSyncTime = cr.lastSyncTime;
  return out;
}

/** A connected registry with its runtime fields taken out (what `version` covers). */
export function withoutRuntime(
  cr: ConnectedRegistryView,
): Omit<ConnectedRegistryView, (typeof runtimeFields)[number]> {
  const {
    connectionState: _s,
    lastActivityTime: _a,
    lastSyncTime: _y,
    statusDetails: _d,
    ...rest
  } = cr;
  return rest;
}

const sameRuntime = (cr: ConnectedRegistryView, r: ConnectedRegistryRuntime) =>
  cr.connectionState === r.connectionState &&
  cr.lastActivityTime === r.lastActivityTime &&
  cr.lastSyncTime === r.lastSyncTime &&
  JSON.stringify(cr.statusDetails) === JSON.stringify(r.statusDetails);

/**
 * The overview with the runtime fields of `runtime` merged in. Unchanged
 * connected registries keep their object, and when nothing moved the very
 * same overview comes back, so nothing keyed on them recomputes. Connected
 * registries the runtime answer does not name are left as they are (a
 * change of the lists moves `version`, and the overview is read again).
 */
export function mergeRuntime(
  overview: RegistryOverview,
  runtime: RegistryRuntime,
): RegistryOverview {
  const byName = new Map(runtime.items.map((r) => [r.name.toLowerCase(), r]));
  let changed = false;
  const connectedRegistries = overview.connectedRegistries.map((cr) => {
    const r = byName.get(cr.name.toLowerCase());
    if (!r || sameRuntime(cr, r)) return cr;
    changed = true;
    const { lastActivityTime: _a, lastSyncTime: _y, ...rest } = cr;
    return { ...rest, ...r, name: cr.name };
  });
  return changed ? { ...overview, connectedRegistries } : overview;
}

// A connected registry's findings split the same way as its fields: those that
// read runtime state, and those a runtime-only change leaves as they are.
export {
  connectedRegistryConfigurationFindings,
  connectedRegistryRuntimeFindings,
} from './findings-hierarchy';
