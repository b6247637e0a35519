import { apiPaths, auditPageSchema } from '@latchkey/domain';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { AuditSearch } from '../utils/audit-search';

const pageSize = 100;

function auditUrl(filters: AuditSearch, cursor: string | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(pageSize));
  return `${apiPaths.audit}?${q.toString()}`;
}

/** The audit log, newest first, one page per "Load older"; the key carries the filters. */
export const auditQueryOptions = (filters: AuditSearch) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'list', filters] as const,
    queryFn: ({ pageParam, signal }) =>
      apiRequest(auditUrl(filters, pageParam), auditPageSchema, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useAuditLog(filters: AuditSearch) {
  return useInfiniteQuery(auditQueryOptions(filters));
}
