import { apiPaths, auditFacetsSchema } from '@latchkey/domain';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The actors and targets the log holds, for the filters' pickers; a minute old is fine. */
export function useAuditFacets() {
  return useQuery({
    queryKey: ['audit', 'facets'],
    queryFn: ({ signal }) => apiRequest(apiPaths.auditFacets, auditFacetsSchema, { signal }),
    staleTime: 60_000,
  });
}
