import { apiPaths, credentialResultSchema, type CreateTokenRequest } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export type CreateTokenBody = CreateTokenRequest;

/** POST → 201 with the token, the step report and the first password (shown once). */
export const createToken = (p: RegistryParams, body: CreateTokenBody) =>
  apiRequest(apiPaths.tokens(toRegistryPath(p)), credentialResultSchema, {
    method: 'POST',
    body,
  });

/**
 * The answer carries a password: it lives only in this mutation's state, shown
 * by the reveal-once dialog, and `reset()` on close drops it. `gcTime: 0`
 * removes the finished mutation from the mutation cache as soon as nothing
 * observes it, instead of keeping it (and the password) for five minutes.
 */
export function useCreateToken(p: RegistryParams) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => createToken(p, body),
    gcTime: 0,
    // Also after a failure: a multi-step create may have left a scope map or token behind.
    onSettled: () => invalidateRegistry(queryClient, p),
  });
}
