import { nameRules } from '@latchkey/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { isApiError } from './api-client';
import { overviewQueryOptions } from './queries/get-overview';
import type { RegistryParams } from './registry-ref';

export interface RegistryAddressProblem {
  title: string;
  message: string;
}

/**
 * What is wrong with a registry address typed or pasted into the URL, said once
 * in words (before asking Azure), or undefined when it is well formed.
 */
export function registryAddressProblem(p: RegistryParams): RegistryAddressProblem | undefined {
  if (!nameRules.subscriptionId.pattern.test(p.subscriptionId))
    return {
      title: 'This address has no valid subscription id',
      message: `The subscription id in the address, “${p.subscriptionId}”, is not a GUID (like 11111111-2222-4333-8444-555555555501). Check the address, or choose a registry from the list.`,
    };
  if (!nameRules.resourceGroup.pattern.test(p.resourceGroup))
    return {
      title: 'This address has no valid resource group',
      message: `The resource group in the address, “${p.resourceGroup}”, is not a resource group name (${nameRules.resourceGroup.rule}). Check the address, or choose a registry from the list.`,
    };
  if (!nameRules.registry.pattern.test(p.registryName))
    return {
      title: 'This address has no valid registry name',
      message: `The registry name in the address, “${p.registryName}”, is not a registry name (${nameRules.registry.rule}). Check the address, or choose a registry from the list.`,
    };
  return undefined;
}

/** The registry's overview answered 404: Azure has no such registry (or resource group, or subscription). */
export function isRegistryMissing(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

export function registryMissingProblem(p: RegistryParams): RegistryAddressProblem {
  return {
    title: `No registry ${p.registryName}`,
    message: `There is no registry ${p.registryName} in resource group ${p.resourceGroup} of subscription ${p.subscriptionId} that you can see. Check the name in the address, or choose a registry from the list.`,
  };
}

export type RegistryStanding = 'unknown' | 'found' | 'wrong';

/**
 * What the console knows of the registry in the URL: wrong (malformed, or
 * Azure said it does not exist), found (its overview loaded), or not yet
 * known. The shell shows a registry's name unless it is wrong, and remembers
 * it only once found, so a mistyped name never sticks.
 */
export function useRegistryStanding(p: RegistryParams | undefined): RegistryStanding {
  const queryClient = useQueryClient();
  const malformed = p ? registryAddressProblem(p) !== undefined : false;
  const key = p && !malformed ? overviewQueryOptions(p).queryKey : undefined;
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  const fromCache = useSyncExternalStore(subscribe, (): RegistryStanding => {
    if (!key) return 'unknown';
    const state = queryClient.getQueryState(key);
    if (isRegistryMissing(state?.error)) return 'wrong';
    return state?.data !== undefined ? 'found' : 'unknown';
  });
  return malformed ? 'wrong' : fromCache;
}
