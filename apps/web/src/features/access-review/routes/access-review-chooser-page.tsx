import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ServerMultiple20Regular } from '@fluentui/react-icons';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { RouterLink } from '../../../components/router-link';
import { useRegistriesList } from '../../../lib/queries/get-registries';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  wrap: { overflowX: 'auto' },
  name: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * Findings are per registry, so the top-level access review is a list of the
 * registries the person can see, each leading to its own review. Always the
 * list, even for one registry: the same page every time.
 */
export function AccessReviewChooserPage() {
  const styles = useStyles();
  const query = useRegistriesList();
  return (
    <div className={styles.stack}>
      <PageHeader
        title="Access review"
        description="Choose a registry to review its findings, who can access what and where, and to export evidence."
      />
      {query.isPending ? (
        <TableSkeleton label="Loading registries" />
      ) : query.isError ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.registries.length === 0 ? (
        <EmptyState title="No registry to review" icon={<ServerMultiple20Regular />}>
          Your Azure role gives you no container registry to read.
        </EmptyState>
      ) : (
        <div className={styles.wrap}>
          <Table aria-label="Registries to review" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Registry</TableHeaderCell>
                <TableHeaderCell>Subscription</TableHeaderCell>
                <TableHeaderCell>Resource group</TableHeaderCell>
                <TableHeaderCell>SKU</TableHeaderCell>
                <TableHeaderCell>Connected registries</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.registries.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    <RouterLink
                      className={styles.name}
                      to="/registries/$subscriptionId/$resourceGroup/$registryName/access-review"
                      params={{
                        subscriptionId: r.subscriptionId,
                        resourceGroup: r.resourceGroup,
                        registryName: r.name,
                      }}
                    >
                      {r.name}
                    </RouterLink>
                  </TableCell>
                  <TableCell>{r.subscriptionName ?? r.subscriptionId}</TableCell>
                  <TableCell>{r.resourceGroup}</TableCell>
                  <TableCell>{r.sku}</TableCell>
                  <TableCell>
                    {r.supportsConnectedRegistries ? 'Possible' : 'Not possible'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
