import {
  apiPaths,
  scopeMapMutationResultSchema,
  scopeMapViewSchema,
  type CreateScopeMapRequest,
  type ScopeMapView,
  type UpdateScopeMapRequest,
} from '@latchkey/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiRequest, isApiError } from '../../../lib/api-client';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import { registryKey, toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

/** POST → 201 ScopeMapMutationResult. */
export const createScopeMap = (p: RegistryParams, body: CreateScopeMapRequest) =>
  apiRequest(apiPaths.scopeMaps(toRegistryPath(p)), scopeMapMutationResultSchema, {
    method: 'POST',
    body,
  });

/** PUT with the version the editor loaded → 200, or 409 `conflict` carrying `current`. */
export const updateScopeMap = (p: RegistryParams, name: string, body: UpdateScopeMapRequest) =>
  apiRequest(apiPaths.scopeMapResource(toRegistryPath(p), name), scopeMapMutationResultSchema, {
    method: 'PUT',
    body,
  });

const noContentSchema = z.undefined();

export const deleteScopeMap = (p: RegistryParams, name: string) =>
  apiRequest(apiPaths.scopeMapResource(toRegistryPath(p), name), noContentSchema, {
    method: 'DELETE',
  });

/** The scope map someone else saved meanwhile, when `error` is the PUT's 409 conflict. */
export function conflictCurrent(error: unknown): ScopeMapView | undefined {
  if (!isApiError(error) || error.code !== 'conflict') return undefined;
  const parsed = scopeMapViewSchema.safeParse(error.current);
  return parsed.success ? parsed.data : undefined;
}

export function useCreateScopeMap(p: RegistryParams) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScopeMapRequest) => createScopeMap(p, body),
    onSuccess: () => invalidateRegistry(queryClient, p),
  });
}

export function useUpdateScopeMap(p: RegistryParams, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateScopeMapRequest) => updateScopeMap(p, name, body),
    // Also after a conflict: the pages should show what Azure now holds.
    onSettled: () => invalidateRegistry(queryClient, p),
  });
}

export function useDeleteScopeMap(p: RegistryParams, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteScopeMap(p, name),
    // The detail page stays mounted until the caller navigates away: refetching it would 404.
    onSuccess: () => invalidateRegistry(queryClient, p, [...registryKey(p), 'scope-maps', name]),
  });
}
