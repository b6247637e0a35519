import { apiPaths } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** 204: no body, which the client reads as undefined. */
const noContentSchema = z.undefined();

export const deleteToken = (p: RegistryParams, tokenName: string) =>
  apiRequest(apiPaths.tokenResource(toRegistryPath(p), tokenName), noContentSchema, {
    method: 'DELETE',
  });

export function useDeleteToken(p: RegistryParams, tokenName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteToken(p, tokenName),
    // The detail page is still mounted until the caller navigates away: refetching it would flash a 404.
    onSuccess: () => invalidateRegistry(queryClient, p, [...registryKey(p), 'tokens', tokenName]),
  });
}
