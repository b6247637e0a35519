import { useQuery } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { Suspense } from 'react';
import { PageSpinner } from '../components/loading';
import { lazyNamed } from '../lib/lazy-named';
import { overviewQueryOptions } from '../lib/queries/get-overview';
import {
  isRegistryMissing,
  registryAddressProblem,
  registryMissingProblem,
} from '../lib/registry-validity';

const RegistryProblem = lazyNamed(() => import('./registry-problem'), 'RegistryProblem');
import { useRegistryParams } from '../lib/use-registry-params';

/**
 * Every registry page sits under this: a mistyped address (malformed, or a
 * registry Azure does not have) gets one clear page saying what is wrong,
 * instead of each page's own error naming a schema rule.
 */
export function RegistryLayout() {
  const registry = useRegistryParams();
  const malformed = registryAddressProblem(registry);
  // The same query every registry page reads (shared, fetched once): only watched here.
  const overview = useQuery({ ...overviewQueryOptions(registry), enabled: !malformed });
  const problem =
    malformed ?? (isRegistryMissing(overview.error) ? registryMissingProblem(registry) : undefined);
  if (problem)
    return (
      <Suspense fallback={<PageSpinner label="Loading" />}>
        <RegistryProblem problem={problem} />
      </Suspense>
    );
  return <Outlet />;
}
