import { apiPaths, registriesResponseSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const registriesQueryOptions = () =>
  queryOptions({
    queryKey: ['registries', 'list'] as const,
    queryFn: ({ signal }) => apiRequest(apiPaths.registries, registriesResponseSchema, { signal }),
  });

export function useRegistries() {
  return useQuery(registriesQueryOptions());
}
