import { apiPaths, tokenDetailSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export const tokenQueryOptions = (p: RegistryParams, tokenName: string) =>
  queryOptions({
    queryKey: [...registryKey(p), 'tokens', tokenName] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.token(toRegistryPath(p), tokenName), tokenDetailSchema, { signal }),
  });

export function useToken(p: RegistryParams, tokenName: string) {
  return useQuery(tokenQueryOptions(p, tokenName));
}
