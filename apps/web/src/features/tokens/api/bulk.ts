import {
  apiPaths,
  bulkJobSchema,
  bulkPasswordsSchema,
  bulkTokenPreviewSchema,
  type BulkTokenSelection,
} from '@latchkey/domain';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** POST → what the bulk action would change, per token (nothing changes). */
export function useBulkPreview(p: RegistryParams, body: BulkTokenSelection, enabled: boolean) {
  return useQuery({
    queryKey: ['bulk-preview', p, body],
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.bulkTokensPreview(toRegistryPath(p)), bulkTokenPreviewSchema, {
        method: 'POST',
        body,
        signal,
      }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export const startBulk = (p: RegistryParams, body: BulkTokenSelection & { confirm: string }) =>
  apiRequest(apiPaths.bulkTokens(toRegistryPath(p)), bulkJobSchema, { method: 'POST', body });

/** The job's progress, polled every second until it ends. */
export function useBulkJob(p: RegistryParams, id: string | undefined) {
  return useQuery({
    queryKey: ['bulk-job', p, id],
    queryFn: ({ signal }) =>
      apiRequest(apiPaths.bulkJob(toRegistryPath(p), id!), bulkJobSchema, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.finishedAt ? false : 1000),
    gcTime: 0,
  });
}

export const cancelBulk = (p: RegistryParams, id: string) =>
  apiRequest(apiPaths.bulkJobCancel(toRegistryPath(p), id), bulkJobSchema, { method: 'POST' });

/** The new passwords, once: never cached (the answer is no-store and kept in no query). */
export const revealBulkPasswords = (p: RegistryParams, id: string) =>
  apiRequest(apiPaths.bulkJobPasswords(toRegistryPath(p), id), bulkPasswordsSchema, {
    method: 'POST',
  });
