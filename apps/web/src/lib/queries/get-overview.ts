import { apiPaths, registryOverviewSchema, type RegistryOverview } from '@latchkey/domain';
import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { apiSend, parseBody } from '../api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../registry-ref';
import { readOverviewStream, type OverviewProgress } from './overview-stream';

/** Per registry: the ETag of the overview held, and the snapshot age the BFF last gave (with when). */
const tags = new Map<string, string>();
const ages = new Map<string, { ageSeconds: number; at: number }>();
/** Per registry: the rows of a cold read still streaming (see useOverviewProgress). */
const progress = new Map<string, OverviewProgress>();
const listeners = new Set<() => void>();
const setProgress = (id: string, value: OverviewProgress | undefined) => {
  if (value) progress.set(id, value);
  else progress.delete(id);
  for (const listen of listeners) listen();
};

const idOf = (p: RegistryParams) => JSON.stringify(registryKey(p));
const overviewKey = (p: RegistryParams) => [...registryKey(p), 'overview'] as const;

function remember(id: string, response: Response, ageSeconds: number | undefined): void {
  const etag = response.headers.get('etag');
  if (etag) tags.set(id, etag);
  ages.set(id, {
    ageSeconds: ageSeconds ?? Number(response.headers.get('age') ?? 0),
    at: Date.now(),
  });
}

/**
 * The overview, as cheaply as it can be had. Held already (a poll, a
 * refetch): a conditional read that answers 304, and keeps the very same
 * object, when nothing changed, so nothing downstream recomputes. Not held:
 * the progressive stream, whose rows show while a cold read goes on.
 */
async function loadOverview(
  p: RegistryParams,
  client: QueryClient,
  signal: AbortSignal,
): Promise<RegistryOverview> {
  const id = idOf(p);
  const held = client.getQueryData<RegistryOverview>(overviewKey(p));
  const etag = tags.get(id);
  if (held && etag) {
    const response = await apiSend(apiPaths.overview(toRegistryPath(p)), {
      signal,
      headers: { 'if-none-match': etag },
    });
    if (response.status === 304) {
      remember(id, response, undefined);
      return held;
    }
    const overview = await parseBody(response, registryOverviewSchema);
    remember(id, response, overview.snapshot?.ageSeconds);
    return overview;
  }
  try {
    const { overview, etag: tag } = await readOverviewStream(
      apiPaths.overviewStream(toRegistryPath(p)),
      { signal },
      (rows) => setProgress(id, rows),
    );
    if (tag) tags.set(id, tag);
    ages.set(id, { ageSeconds: overview.snapshot?.ageSeconds ?? 0, at: Date.now() });
    return overview;
  } finally {
    setProgress(id, undefined);
  }
}

/**
 * The registry overview (connected registries, tokens, scope maps) feeds the
 * hierarchy, tokens and scope-map pages, so it lives here rather than in one feature.
 */
export const overviewQueryOptions = (p: RegistryParams) =>
  queryOptions({
    queryKey: overviewKey(p),
    queryFn: ({ signal, client }) => loadOverview(p, client, signal),
  });

export interface OverviewQueryTuning {
  /** Poll interval in ms; the hierarchy polls for connection state. */
  refetchInterval?: number;
}

export function useOverview(p: RegistryParams, tuning: OverviewQueryTuning = {}) {
  return useQuery({
    ...overviewQueryOptions(p),
    // A poll keeps the current data on screen until the new answer arrives, and
    // structural sharing keeps unchanged rows referentially equal: no flicker.
    // (No placeholder across registries: another registry's data would mislead.)
    refetchInterval: tuning.refetchInterval ?? false,
    refetchIntervalInBackground: false,
  });
}

/**
 * The rows of a cold read while it streams (undefined otherwise): pages that
 * can work on part of the lists (the tokens grid) show them with a progress
 * indicator; the others wait for the whole overview.
 */
export function useOverviewProgress(p: RegistryParams): OverviewProgress | undefined {
  const id = idOf(p);
  return useSyncExternalStore(
    (listen) => {
      listeners.add(listen);
      return () => listeners.delete(listen);
    },
    () => progress.get(id),
  );
}

/** The snapshot's age now, in seconds: what the BFF last said, counted on since. */
export function snapshotAgeSeconds(p: RegistryParams, now: number): number | undefined {
  const age = ages.get(idOf(p));
  return age ? age.ageSeconds + Math.max(0, (now - age.at) / 1000) : undefined;
}

/**
 * A fresh read from ARM instead of the shared snapshot (`Cache-Control:
 * no-cache`), put where every page of the registry reads the overview.
 */
export function useRefreshOverview(p: RegistryParams) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const response = await apiSend(apiPaths.overview(toRegistryPath(p)), {
        headers: { 'cache-control': 'no-cache' },
      });
      const overview = await parseBody(response, registryOverviewSchema);
      remember(idOf(p), response, overview.snapshot?.ageSeconds);
      return overview;
    },
    onSuccess: (data) => {
      queryClient.setQueryData(overviewQueryOptions(p).queryKey, data);
      // A detail page (one token, one scope map) reads its own query: Refresh rereads it too.
      void queryClient.invalidateQueries({
        queryKey: registryKey(p),
        predicate: (q) => q.queryKey[4] !== 'overview',
      });
    },
  });
}
