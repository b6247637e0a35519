import { apiPaths, scopeMapDetailSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export const scopeMapQueryOptions = (p: RegistryParams, scopeMapName: string) =>
  queryOptions({
    queryKey: [...registryKey(p), 'scope-maps', scopeMapName] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.scopeMap(toRegistryPath(p), scopeMapName), scopeMapDetailSchema, {
        signal,
      }),
  });

export function useScopeMap(p: RegistryParams, scopeMapName: string) {
  return useQuery(scopeMapQueryOptions(p, scopeMapName));
}
