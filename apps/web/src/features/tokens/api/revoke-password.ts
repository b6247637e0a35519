import { apiPaths, tokenMutationResultSchema, type PasswordSlotName } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** DELETE has no body; the slot is in the path. */
export interface RevokePasswordBody {
  slot: PasswordSlotName;
}

/** DELETE → 200 with the token read back. */
export const revokePassword = (
  p: RegistryParams,
  tokenName: string,
  { slot }: RevokePasswordBody,
) =>
  apiRequest(
    apiPaths.tokenPassword(toRegistryPath(p), tokenName, slot),
    tokenMutationResultSchema,
    {
      method: 'DELETE',
    },
  );

export function useRevokePassword(p: RegistryParams, tokenName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RevokePasswordBody) => revokePassword(p, tokenName, body),
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
