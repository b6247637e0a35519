import { apiPaths, credentialResultSchema, type GeneratePasswordRequest } from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

export type GeneratePasswordBody = GeneratePasswordRequest;

/** POST → 200 with the token read back and the new password (shown once). */
export const generatePassword = (
  p: RegistryParams,
  tokenName: string,
  body: GeneratePasswordBody,
) =>
  apiRequest(apiPaths.tokenPasswords(toRegistryPath(p), tokenName), credentialResultSchema, {
    method: 'POST',
    body,
  });

/** Like create: the password stays in this mutation's state only, dropped on reset (gcTime 0). */
export function useGeneratePassword(p: RegistryParams, tokenName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GeneratePasswordBody) => generatePassword(p, tokenName, body),
    gcTime: 0,
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}
