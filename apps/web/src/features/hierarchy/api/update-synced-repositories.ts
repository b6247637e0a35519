import {
  apiPaths,
  connectedRegistryMutationResultSchema,
  type UpdateSyncedRepositoriesRequest,
} from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** POST → 200 with the steps (one per sync scope map written) and the connected registry read back. */
export const updateSyncedRepositories = (
  p: RegistryParams,
  connectedRegistry: string,
  body: UpdateSyncedRepositoriesRequest,
) =>
  apiRequest(
    apiPaths.connectedRegistrySyncedRepositories(toRegistryPath(p), connectedRegistry),
    connectedRegistryMutationResultSchema,
    { method: 'POST', body },
  );

export function useUpdateSyncedRepositories(p: RegistryParams, connectedRegistry: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSyncedRepositoriesRequest) =>
      updateSyncedRepositories(p, connectedRegistry, body),
    // A failure may have left maps changed (or restored): refetch either way.
    onSettled: () => invalidateRegistry(queryClient, p),
  });
}
