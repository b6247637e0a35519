import { apiPaths, registryOverviewSchema } from '@latchkey/domain';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../registry-ref';

/**
 * The registry overview (connected registries, tokens, scope maps) feeds the
 * hierarchy, tokens and scope-map pages, so it lives here rather than in one feature.
 */
export const overviewQueryOptions = (p: RegistryParams) =>
  queryOptions({
    queryKey: [...registryKey(p), 'overview'] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.overview(toRegistryPath(p)), registryOverviewSchema, { signal }),
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
 * A fresh read from ARM instead of the shared snapshot (`Cache-Control:
 * no-cache`), put where every page of the registry reads the overview.
 */
export function useRefreshOverview(p: RegistryParams) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest(apiPaths.overview(toRegistryPath(p)), registryOverviewSchema, {
        headers: { 'cache-control': 'no-cache' },
      }),
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
