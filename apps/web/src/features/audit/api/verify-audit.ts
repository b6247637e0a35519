import { apiPaths, auditVerificationSchema } from '@latchkey/domain';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/**
 * Recomputes the whole hash chain on the BFF. A GET without side effects, but
 * run on demand (it reads every record), so it is driven like a mutation: one
 * answer per click, never cached or refetched behind the person's back.
 */
export function useVerifyAudit() {
  return useMutation({
    mutationKey: ['audit', 'verify'],
    mutationFn: () => apiRequest(apiPaths.auditVerify, auditVerificationSchema),
  });
}
