import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { Key20Regular } from '@fluentui/react-icons';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useDeferredValue, useMemo } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { useOverview } from '../../../lib/queries/get-overview';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { Can } from '../../../components/can';
import { CreateTokenAction } from '../components/create-token-action';
import { TokensGrid } from '../components/tokens-grid';
import { TokensToolbar } from '../components/tokens-toolbar';
import { filterAndSort, toTokenRows } from '../utils/token-rows';
import type { TokensSearch } from '../utils/tokens-search';
import { validateTokensSearch } from '../utils/tokens-search';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';

const useStyles = makeStyles({
  count: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    marginBottom: tokens.spacingVerticalS,
  },
});

const route = '/registries/$subscriptionId/$resourceGroup/$registryName/tokens' as const;

export function TokensPage() {
  const styles = useStyles();
  const params = useRegistryParams();
  const search = useSearch({ from: route, select: validateTokensSearch });
  const navigate = useNavigate({ from: route });
  const now = useNow();
  const overview = useOverview(params);

  const rows = useMemo(
    () => (overview.data ? toTokenRows(overview.data, now) : []),
    [overview.data, now],
  );
  // Typing stays responsive with thousands of rows: filtering follows at a lower priority.
  const deferred = useDeferredValue(search);
  const visible = useMemo(() => filterAndSort(rows, deferred), [rows, deferred]);

  const update = useCallback(
    (next: Partial<TokensSearch>) =>
      void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true }),
    [navigate],
  );

  const total = overview.data?.tokens.length ?? 0;
  return (
    <>
      <PageHeader
        context={<RegistryBreadcrumb registry={params} page="tokens" />}
        title="Tokens"
        description="Every token of the registry: its role in the hierarchy, status, scope map and both password slots."
        actions={
          overview.data ? (
            <>
              <SnapshotRefresh registry={params} />
              <Can action="token.write">
                <CreateTokenAction registry={params} overview={overview.data} now={now} />
              </Can>
            </>
          ) : null
        }
      />
      {overview.isPending ? (
        <TableSkeleton label="Loading tokens" />
      ) : overview.isError ? (
        <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />
      ) : total === 0 ? (
        <EmptyState title="No tokens" icon={<Key20Regular />}>
          This registry has no tokens yet. Connected registries and on-premises clients authenticate
          with tokens; they appear here once created.
        </EmptyState>
      ) : (
        <>
          <TokensToolbar value={search} onChange={update} />
          <Text className={styles.count} role="status" aria-live="polite">
            {visible.length === total
              ? `${total} tokens`
              : `${visible.length} of ${total} tokens match`}
          </Text>
          {visible.length === 0 ? (
            <EmptyState title="No token matches" headingLevel={2}>
              Change the search or clear the filters.
            </EmptyState>
          ) : (
            <TokensGrid
              registry={params}
              rows={visible}
              sort={{ column: search.sort ?? 'name', direction: search.dir ?? 'asc' }}
              onSortChange={(column, direction) =>
                update({
                  sort: column === 'name' && direction === 'asc' ? undefined : column,
                  dir: direction === 'asc' ? undefined : direction,
                })
              }
            />
          )}
        </>
      )}
    </>
  );
}
