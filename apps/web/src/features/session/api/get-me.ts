import { apiPaths, meSchema } from '@latchkey/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['me'] as const,
    queryFn: ({ signal }) => apiRequest(apiPaths.me, meSchema, { signal }),
    // Roles change only at sign-in; no need to ask again while the page lives.
    staleTime: Infinity,
  });

export function useMe(options: { enabled?: boolean } = {}) {
  return useQuery({ ...meQueryOptions(), enabled: options.enabled ?? true });
}
