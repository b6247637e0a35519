import { apiPaths, connectedRegistryMutationResultSchema } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export interface DeactivateBody {
  confirmConnectedRegistryName: string;
}

/** POST → 200 with the connected registry read back (its activation after the change). */
export const deactivateConnectedRegistry = (
  p: RegistryParams,
  connectedRegistry: string,
  body: DeactivateBody,
) =>
  apiRequest(
    apiPaths.connectedRegistryDeactivate(toRegistryPath(p), connectedRegistry),
    connectedRegistryMutationResultSchema,
    { method: 'POST', body },
  );

export function useDeactivateConnectedRegistry(p: RegistryParams, connectedRegistry: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeactivateBody) => deactivateConnectedRegistry(p, connectedRegistry, body),
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
