import {
  apiPaths,
  connectionStringResultSchema,
  type ConnectionStringRequest,
} from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export type ConnectionStringBody = ConnectionStringRequest;

/** POST → 200 (no-store) with the connection string, which carries a new sync token password. */
export const generateConnectionString = (
  p: RegistryParams,
  connectedRegistry: string,
  body: ConnectionStringRequest,
) =>
  apiRequest(
    apiPaths.connectedRegistryConnectionString(toRegistryPath(p), connectedRegistry),
    connectionStringResultSchema,
    { method: 'POST', body },
  );

/**
 * The string lives only in this mutation's state: never a query, so no cache
 * keeps it; `gcTime: 0` and `reset()` on close drop it.
 */
export function useGenerateConnectionString(p: RegistryParams, connectedRegistry: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectionStringRequest) =>
      generateConnectionString(p, connectedRegistry, body),
    gcTime: 0,
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
