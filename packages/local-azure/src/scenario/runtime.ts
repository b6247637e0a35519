/**
 * The runtime state of a connected registry at a moment: a pure fold of its
 * scenario events, so the emulator can answer GETs for any clock value and
 * advancing the clock visibly changes state.
 */
import type {
  ConnectedRegistryRuntime,
  ConnectionState,
  RuntimeEvent,
  StatusDetail,
} from './types';

export interface RuntimeState {
  connectionState: ConnectionState;
  activation: 'Active' | 'Inactive';
  version?: string;
  statusDetails: StatusDetail[];
  lastActivityTime?: string;
  lastSyncTime?: string;
}

function isLive(state: ConnectionState): boolean {
  return state === 'Online' || state === 'Syncing';
}

export function runtimeAt(runtime: ConnectedRegistryRuntime, now: number): RuntimeState {
  // Sort defensively but stably, so events written out of order still fold by time.
  const events: { at: number; event: RuntimeEvent }[] = runtime.events
    .map((event, index) => ({ at: Date.parse(event.at), index, event }))
    .filter((e) => !Number.isNaN(e.at) && e.at <= now)
    .sort((a, b) => a.at - b.at || a.index - b.index);

  let connectionState: ConnectionState = 'Offline';
  let activation: 'Active' | 'Inactive' = 'Inactive';
  let version: string | undefined;
  let statusDetails: StatusDetail[] = [];
  let lastActivity: number | undefined;
  let lastSync: number | undefined;
  let liveSince: number | undefined;
  const everyMs = runtime.heartbeat?.everyMs;

  // Apply the heartbeats of the current live stretch that happened by `until`.
  const beat = (until: number): void => {
    if (liveSince === undefined || everyMs === undefined || everyMs <= 0) return;
    const steps = Math.floor((until - liveSince) / everyMs);
    if (steps < 1) return;
    const tick = liveSince + steps * everyMs;
    lastActivity = Math.max(lastActivity ?? tick, tick);
    lastSync = Math.max(lastSync ?? tick, tick);
  };

  for (const { at, event } of events) {
    beat(at);
    if (event.connectionState !== undefined) {
      const wasLive = isLive(connectionState);
      connectionState = event.connectionState;
      if (isLive(connectionState)) {
        if (!wasLive) liveSince = at;
      } else {
        liveSince = undefined;
      }
      // A device reporting Online, Syncing or Unhealthy is talking to its parent;
      // Offline is what the parent concludes from silence, so it is not activity.
      if (connectionState !== 'Offline') lastActivity = Math.max(lastActivity ?? at, at);
    }
    if (event.activation !== undefined) activation = event.activation;
    if (event.version !== undefined) version = event.version;
    if (event.statusDetails !== undefined)
      statusDetails = event.statusDetails.map((d) => ({ ...d }));
    if (event.synced) lastSync = Math.max(lastSync ?? at, at);
  }
  beat(now);

  const state: RuntimeState = { connectionState, activation, statusDetails };
  if (version !== undefined) state.version = version;
  if (lastActivity !== undefined) state.lastActivityTime = new Date(lastActivity).toISOString();
  if (lastSync !== undefined) state.lastSyncTime = new Date(lastSync).toISOString();
  return state;
}
