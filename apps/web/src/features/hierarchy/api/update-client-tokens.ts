import {
  apiPaths,
  connectedRegistryMutationResultSchema,
  type UpdateClientTokensRequest,
} from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** POST → 200 with the connected registry read back (its client tokens as Azure now has them). */
export const updateClientTokens = (
  p: RegistryParams,
  connectedRegistry: string,
  body: UpdateClientTokensRequest,
) =>
  apiRequest(
    apiPaths.connectedRegistryClientTokens(toRegistryPath(p), connectedRegistry),
    connectedRegistryMutationResultSchema,
    { method: 'POST', body },
  );

export function useUpdateClientTokens(p: RegistryParams, connectedRegistry: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClientTokensRequest) => updateClientTokens(p, connectedRegistry, body),
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
