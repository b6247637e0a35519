import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Dismiss12Regular, Key20Regular } from '@fluentui/react-icons';
import type { BulkTokenAction, BulkTokenSelection } from '@latchkey/domain';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { ReadProgress } from '../../../components/read-progress';
import { useOverview, useOverviewProgress } from '../../../lib/queries/get-overview';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { Can, useCan } from '../../../components/can';
import type { RowSelection } from '../../../components/virtual-table';
import { BulkBar } from '../components/bulk-bar';
import {
  emptySelection,
  selectedCount,
  selectionBody,
  toggle,
  type TokenSelection,
} from '../utils/selection';
import { CreateTokenAction } from '../components/create-token-action';
import { TokensGrid } from '../components/tokens-grid';
import { TokensToolbar } from '../components/tokens-toolbar';
import { filterAndSort, toTokenRows } from '../utils/token-rows';
import { useFindingTargets, useFindingTitle } from '../utils/use-finding-targets';
import { lazyNamed } from '../../../lib/lazy-named';
import type { TokensSearch } from '../utils/tokens-search';
import { validateTokensSearch } from '../utils/tokens-search';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';

const useStyles = makeStyles({
  count: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    marginBottom: tokens.spacingVerticalS,
  },
  chip: { marginBottom: tokens.spacingVerticalS },
});

// The bulk dialog (preview, confirmation, progress) loads when an action is chosen.
const BulkDialog = lazyNamed(() => import('../components/bulk-dialog'), 'BulkDialog');

const route = '/registries/$subscriptionId/$resourceGroup/$registryName/tokens' as const;

export function TokensPage() {
  const styles = useStyles();
  const params = useRegistryParams();
  const search = useSearch({ from: route, select: validateTokensSearch });
  const navigate = useNavigate({ from: route });
  const now = useNow();
  const overview = useOverview(params);
  // A cold read streams: its rows show (and can be searched and sorted) before it ends.
  const streaming = useOverviewProgress(params);
  const data = overview.data ?? streaming?.overview;

  const rows = useMemo(() => (data ? toTokenRows(data, now) : []), [data, now]);
  // Typing stays responsive with thousands of rows: filtering follows at a lower priority.
  const deferred = useDeferredValue(search);
  // A findings group links here with `finding=<type>`: the same engine as the findings page.
  const findingTargets = useFindingTargets(deferred.finding, overview.data);
  const visible = useMemo(
    () => filterAndSort(rows, deferred, findingTargets),
    [rows, deferred, findingTargets],
  );
  // The chip names the finding type once the engine's module (with the catalogue) is in.
  const findingTitle = useFindingTitle(search.finding);

  const canBulk = useCan('token.write');
  const [sel, setSel] = useState<TokenSelection>(emptySelection);
  const [bulk, setBulk] = useState<BulkTokenSelection | undefined>();
  const visibleTokens = useMemo(() => visible.map((r) => r.token), [visible]);
  const selection = useMemo((): RowSelection | undefined => {
    // Bulk needs every token: not while a cold read is still streaming.
    if (!canBulk || !overview.data) return undefined;
    const count = selectedCount(sel, visibleTokens);
    const index = new Map(visibleTokens.map((t, i) => [t.name, i]));
    return {
      isSelected: (name) => sel.allMatching || sel.names.has(name),
      onToggle: (name, _i, range) =>
        setSel((prev) => toggle(prev, visibleTokens, index.get(name) ?? 0, range)),
      all: count === 0 ? false : count >= visibleTokens.length ? true : 'mixed',
      onToggleAll: () =>
        setSel((prev) =>
          selectedCount(prev, visibleTokens) > 0
            ? emptySelection
            : { ...emptySelection, allMatching: true },
        ),
      rowLabel: (name) => `Select token ${name}`,
      allLabel: 'Select all matching tokens',
    };
  }, [canBulk, overview.data, sel, visibleTokens]);
  const startBulk = (action: BulkTokenAction) =>
    setBulk(selectionBody(action, sel, visibleTokens, search));

  const update = useCallback(
    (next: Partial<TokensSearch>) =>
      void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true }),
    [navigate],
  );

  const total = data?.tokens.length ?? 0;
  const progress =
    !overview.data && streaming ? (
      <ReadProgress
        loaded={streaming.loaded.tokens}
        expected={streaming.expected?.tokens ?? null}
        noun="tokens"
      />
    ) : null;
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
      {progress}
      {overview.isPending && !(streaming && total > 0) ? (
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
              ? `${total.toLocaleString()} tokens${progress ? ' so far' : ''}`
              : `${visible.length.toLocaleString()} of ${total.toLocaleString()} tokens match${progress ? ' so far' : ''}`}
          </Text>
          {search.finding ? (
            <div className={styles.chip}>
              <Button
                size="small"
                shape="circular"
                icon={<Dismiss12Regular />}
                iconPosition="after"
                aria-label={`Remove the filter Finding: ${findingTitle ?? search.finding}`}
                onClick={() => update({ finding: undefined })}
              >
                Finding: {findingTitle ?? search.finding}
              </Button>
            </div>
          ) : null}
          {selection ? (
            <BulkBar
              selected={selectedCount(sel, visibleTokens)}
              matching={visibleTokens.length}
              allMatching={sel.allMatching}
              onSelectAll={() => setSel({ ...emptySelection, allMatching: true })}
              onClear={() => setSel(emptySelection)}
              onAction={startBulk}
            />
          ) : null}
          {bulk ? (
            <Suspense fallback={null}>
              <BulkDialog
                registry={params}
                body={bulk}
                onClose={() => {
                  setBulk(undefined);
                  setSel(emptySelection);
                }}
              />
            </Suspense>
          ) : null}
          {visible.length === 0 && search.finding && overview.data && !findingTargets ? (
            <TableSkeleton label="Loading tokens" />
          ) : visible.length === 0 ? (
            <EmptyState title="No token matches" headingLevel={2}>
              Change the search or clear the filters.
            </EmptyState>
          ) : (
            <TokensGrid
              registry={params}
              rows={visible}
              now={now}
              selection={selection}
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
