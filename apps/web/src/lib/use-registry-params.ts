import { useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { RegistryParams } from './registry-ref';

/** The registry of the current registry-scoped route, referentially stable while it stays the same. */
export function useRegistryParams(): RegistryParams {
  const p = useParams({ from: '/registries/$subscriptionId/$resourceGroup/$registryName' });
  const { subscriptionId, resourceGroup, registryName } = p;
  return useMemo(
    () => ({ subscriptionId, resourceGroup, registryName }),
    [subscriptionId, resourceGroup, registryName],
  );
}
