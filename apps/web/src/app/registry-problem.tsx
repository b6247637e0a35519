import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { HrefLink } from '../components/href-link';
import { PageBreadcrumb } from '../components/page-breadcrumb';
import { PageHeader } from '../components/page-header';
import { usePageTitle } from '../lib/page-title';
import type { RegistryAddressProblem } from '../lib/registry-validity';

/** The one page a mistyped registry address gets (its own chunk: rarely needed). */
export function RegistryProblem({ problem }: { problem: RegistryAddressProblem }) {
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
