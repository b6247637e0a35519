import { apiPaths, registriesResponseSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';

/**
 * The registries the signed-in person can see. Shared (the access-review
 * chooser lists them too); same key as the registries page's own query, so
 * both read one cache entry.
 */
export const registriesListQueryOptions = () =>
  queryOptions({
    queryKey: ['registries', 'list'] as const,
    queryFn: ({ signal }) => apiRequest(apiPaths.registries, registriesResponseSchema, { signal }),
  });

export function useRegistriesList() {
  return useQuery(registriesListQueryOptions());
}
