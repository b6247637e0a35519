import {
  apiPaths,
  mergeRuntime,
  registryRuntimeSchema,
  type RegistryOverview,
  type RegistryRuntime,
} from '@latchkey/domain';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { apiSend, parseBody } from '../api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../registry-ref';
import { overviewQueryOptions } from './get-overview';

/** Per registry: the ETag of the runtime answer held. */
const tags = new Map<string, string>();
/**
 * The structure version (everything but runtime state) each overview object
 * was read at, as the first runtime answer after it said. An overview made by
 * merging runtime state inherits its source's. An overview read in between
 * answers of a structure change is therefore compared from the next answer on.
 */
const versions = new WeakMap<RegistryOverview, string>();

/**
 * For an overview made by merging runtime state: the overview it was made
 * from first. Both hold the same configuration (mergeRuntime changes runtime
 * fields only), so what is computed from configuration alone can be keyed on it.
 */
const sources = new WeakMap<RegistryOverview, RegistryOverview>();

/** The overview `overview` was merged from (itself when it was read as it is): a memo key for configuration-only work. */
export const configurationOf = (overview: RegistryOverview): RegistryOverview =>
  sources.get(overview) ?? overview;

const runtimeKey = (p: RegistryParams) => [...registryKey(p), 'runtime'] as const;

/**
 * Puts a runtime answer into the cached overview: only the connected
 * registries whose runtime state moved are new objects, so the tree and the
 * memos keyed on the rest keep theirs. When the answer says something other
 * than runtime state changed, the overview itself is read again (a
 * conditional read of the whole lists, as before).
 */
export function applyRuntime(
  p: RegistryParams,
  client: QueryClient,
  runtime: RegistryRuntime,
): void {
  const key = overviewQueryOptions(p).queryKey;
  const overview = client.getQueryData<RegistryOverview>(key);
  if (!overview) return;
  const known = versions.get(overview);
  if (known !== undefined && known !== runtime.version) {
    void client.invalidateQueries({ queryKey: key, exact: true });
    return;
  }
  const merged = mergeRuntime(overview, runtime);
  if (merged === overview) {
    versions.set(overview, runtime.version);
    return;
  }
  // What the cache holds is not `merged` itself: structural sharing stores a copy
  // of it (made of the unchanged parts of the old one and the moved rows), and
  // that copy is what the page reads, so the memo keys go on it.
  const stored = client.setQueryData<RegistryOverview>(key, merged) ?? merged;
  versions.set(stored, runtime.version);
  sources.set(stored, configurationOf(overview));
}

async function loadRuntime(
  p: RegistryParams,
  client: QueryClient,
  signal: AbortSignal,
): Promise<RegistryRuntime | null> {
  const id = JSON.stringify(registryKey(p));
  const held = client.getQueryData<RegistryRuntime | null>(runtimeKey(p));
  const etag = held ? tags.get(id) : undefined;
  const response = await apiSend(apiPaths.overviewRuntime(toRegistryPath(p)), {
    signal,
    headers: etag ? { 'if-none-match': etag } : {},
  });
  if (response.status === 304 && held) {
    // Nothing moved since the answer held; an overview read since then learns its version from it.
    const overview = client.getQueryData<RegistryOverview>(overviewQueryOptions(p).queryKey);
    if (overview && !versions.has(overview)) versions.set(overview, held.version);
    return held;
  }
  const runtime = await parseBody(response, registryRuntimeSchema);
  const tag = response.headers.get('etag');
  if (tag) tags.set(id, tag);
  applyRuntime(p, client, runtime);
  return runtime;
}

/**
 * The hierarchy's poll: connected registries' runtime state every
 * `intervalMs` (a few KB), merged into the overview, instead of the whole
 * overview again. It starts once the overview is held.
 */
export function useRuntimePoll(p: RegistryParams, intervalMs: number, enabled: boolean) {
  return useQuery({
    queryKey: runtimeKey(p),
    queryFn: ({ signal, client }) => loadRuntime(p, client, signal),
    enabled,
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
  });
}
