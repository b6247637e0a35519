import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { HrefLink } from '../components/href-link';
import { PageBreadcrumb } from '../components/page-breadcrumb';
import { PageHeader } from '../components/page-header';
import { usePageTitle } from '../lib/page-title';
import { overviewQueryOptions } from '../lib/queries/get-overview';
import {
  isRegistryMissing,
  registryAddressProblem,
  registryMissingProblem,
  type RegistryAddressProblem,
} from '../lib/registry-validity';
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
  if (problem) return <RegistryProblem problem={problem} />;
  return <Outlet />;
}

function RegistryProblem({ problem }: { problem: RegistryAddressProblem }) {
  usePageTitle(problem.title);
  return (
    <>
      <PageHeader
        context={
          <PageBreadcrumb
            items={[{ label: 'Registries', href: '/registries' }, { label: 'Not found' }]}
          />
        }
        title={problem.title}
      />
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{problem.message}</MessageBarBody>
      </MessageBar>
      <p>
        <HrefLink href="/registries">Choose a registry</HrefLink>
      </p>
    </>
  );
}
