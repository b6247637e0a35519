import {
  apiPaths,
  connectedRegistryCreateResultSchema,
  connectedRegistryDeleteResultSchema,
  connectedRegistryDetailSchema,
  type CreateConnectedRegistryRequest,
  type DeleteConnectedRegistryRequest,
} from '@latchkey/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** POST → 201 with the steps (scope map, token, ancestors' maps, connected registry). */
export function useCreateConnectedRegistry(p: RegistryParams) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConnectedRegistryRequest) =>
      apiRequest(
        apiPaths.connectedRegistries(toRegistryPath(p)),
        connectedRegistryCreateResultSchema,
        {
          method: 'POST',
          body,
        },
      ),
    // A failure undid its steps (or said what it could not): refetch either way.
    onSettled: () => invalidateRegistry(queryClient, p),
  });
}

/** DELETE with `{ cleanup, confirmName }` → the steps. */
export function useDeleteConnectedRegistry(p: RegistryParams, name: string) {
  const queryClient = useQueryClient();
  const detail = connectedRegistryDetailKey(p, name);
  return useMutation({
    mutationFn: (body: DeleteConnectedRegistryRequest) =>
      apiRequest(
        apiPaths.connectedRegistryResource(toRegistryPath(p), name),
        connectedRegistryDeleteResultSchema,
        { method: 'DELETE', body },
      ),
    // Its own detail would 404 now: marked stale, not refetched.
    onSettled: () => invalidateRegistry(queryClient, p, detail),
  });
}

const connectedRegistryDetailKey = (p: RegistryParams, name: string) =>
  [...registryKey(p), 'connected-registry', name.toLowerCase()] as const;

/** The node's detail; the panel reads its propagation status from it. */
export function useConnectedRegistryDetail(p: RegistryParams, name: string, pollMs: number) {
  return useQuery({
    queryKey: connectedRegistryDetailKey(p, name),
    queryFn: ({ signal }) =>
      apiRequest(
        apiPaths.connectedRegistry(toRegistryPath(p), name),
        connectedRegistryDetailSchema,
        {
          signal,
        },
      ),
    refetchInterval: pollMs,
    refetchIntervalInBackground: false,
  });
}
