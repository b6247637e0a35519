import { apiPaths, registryCapabilitiesSchema } from '@latchkey/domain';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../registry-ref';

/**
 * What Azure RBAC lets the signed-in person change on the registry. Kept
 * apart from the registry's own queries: a change to the registry does not
 * change the person's role, and the BFF keeps the answer a minute anyway.
 */
export function useCapabilities(p: RegistryParams | undefined) {
  return useQuery({
    queryKey: ['capabilities', ...(p ? registryKey(p) : [])] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.capabilities(toRegistryPath(p!)), registryCapabilitiesSchema, {
        signal,
      }),
    enabled: !!p,
    staleTime: 60_000,
    retry: false,
  });
}
