import { apiPaths, findingsResponseSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/**
 * The registry's findings, computed by the BFF at its own clock (so every
 * reviewer sees the same list as the export). Under the registry key, so the
 * admin actions' prefix invalidation refreshes it after a fix.
 */
export const findingsQueryOptions = (p: RegistryParams) =>
  queryOptions({
    queryKey: [...registryKey(p), 'findings'] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.findings(toRegistryPath(p)), findingsResponseSchema, { signal }),
  });

export function useFindings(p: RegistryParams) {
  return useQuery(findingsQueryOptions(p));
}
