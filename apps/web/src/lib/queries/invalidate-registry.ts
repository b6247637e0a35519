import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { registryKey, type RegistryParams } from '../registry-ref';

/**
 * After a change, every view of the registry (overview, token, scope map,
 * connected registry) refetches: the screens show what Azure now says, not
 * what the console assumed. `except` keeps a query that would 404 (the
 * resource just deleted, still on screen for a moment) from refetching; it is
 * only marked stale.
 */
export async function invalidateRegistry(
  queryClient: QueryClient,
  p: RegistryParams,
  except?: QueryKey,
): Promise<void> {
  const prefix = registryKey(p);
  if (!except) {
    await queryClient.invalidateQueries({ queryKey: prefix });
    return;
  }
  const same = (key: QueryKey) =>
    key.length === except.length && key.every((part, i) => part === except[i]);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: except, exact: true, refetchType: 'none' }),
    queryClient.invalidateQueries({ queryKey: prefix, predicate: (q) => !same(q.queryKey) }),
  ]);
}
