import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { RouterLink } from '../components/router-link';
import { usePageTitle } from '../lib/page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is nothing at this address">
        Go back to the <RouterLink to="/registries">registries</RouterLink>.
      </EmptyState>
    </>
  );
}
