import { apiPaths, tokenMutationResultSchema, type SetTokenStatusRequest } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export type SetTokenStatusBody = SetTokenStatusRequest;

/** PATCH → 200 with the token read back. */
export const setTokenStatus = (p: RegistryParams, tokenName: string, body: SetTokenStatusBody) =>
  apiRequest(apiPaths.tokenResource(toRegistryPath(p), tokenName), tokenMutationResultSchema, {
    method: 'PATCH',
    body,
  });

export function useSetTokenStatus(p: RegistryParams, tokenName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetTokenStatusBody) => setTokenStatus(p, tokenName, body),
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
