import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { FilterSearch } from '../../../components/filter-select';
import { LockClosedKey20Regular } from '@fluentui/react-icons';
import type { ScopeMapView } from '@latchkey/domain';
import { useDeferredValue, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { RouterLink } from '../../../components/router-link';
import { SystemMapBadge } from '../../../components/status-badges';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import { plural } from '../../../lib/format';
import { useOverview } from '../../../lib/queries/get-overview';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { Can } from '../../../components/can';
import { CreateScopeMapAction } from '../components/create-scope-map-action';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';

const useStyles = makeStyles({
  table: { maxHeight: 'max(20rem, calc(100vh - 19rem))' },
  ellipsis: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  search: { maxWidth: '28rem', marginBottom: tokens.spacingVerticalM },
  count: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    marginBottom: tokens.spacingVerticalS,
  },
});

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function ScopeMapsPage() {
  const styles = useStyles();
  const registry = useRegistryParams();
  const overview = useOverview(registry);
  const [q, setQ] = useState('');
  const deferredQ = useDeferredValue(q.trim().toLowerCase());

  const maps = useMemo(() => {
    const all = [...(overview.data?.scopeMaps ?? [])];
    // User-defined maps first (they are the ones people edit), then the system ones.
    all.sort((a, b) =>
      a.type === b.type ? collator.compare(a.name, b.name) : a.type === 'UserDefined' ? -1 : 1,
    );
    return deferredQ
      ? all.filter(
          (m) =>
            m.name.toLowerCase().includes(deferredQ) ||
            (m.description ?? '').toLowerCase().includes(deferredQ),
        )
      : all;
  }, [overview.data, deferredQ]);

  const columns: VirtualColumn<ScopeMapView>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(10rem, 1.2fr)',
      cell: (m) => (
        <RouterLink
          className={styles.ellipsis}
          title={m.name}
          to="/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps/$scopeMapName"
          params={{ ...registry, scopeMapName: m.name }}
        >
          {m.name}
        </RouterLink>
      ),
    },
    {
      id: 'type',
      header: 'Type',
      width: '11rem',
      cell: (m) => (m.type === 'SystemDefined' ? <SystemMapBadge /> : 'User-defined'),
    },
    {
      id: 'description',
      header: 'Description',
      width: 'minmax(12rem, 2fr)',
      cell: (m) => (
        <span className={styles.ellipsis} title={m.description}>
          {m.description || <span className={styles.muted}>—</span>}
        </span>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '7rem',
      cell: (m) => plural(m.actions.length, 'action'),
    },
    {
      id: 'usedBy',
      header: 'Used by',
      width: '8rem',
      cell: (m) =>
        m.usedBy.length === 0 ? (
          <span className={styles.muted}>No token</span>
        ) : (
          plural(m.usedBy.length, 'token')
        ),
    },
  ];

  const total = overview.data?.scopeMaps.length ?? 0;
  return (
    <>
      <PageHeader
        context={<RegistryBreadcrumb registry={registry} page="scope-maps" />}
        title="Scope maps"
        description="The permission sets tokens point at. System-defined maps are managed by Azure and read-only."
        actions={
          overview.data ? (
            <>
              <SnapshotRefresh registry={registry} />
              <Can action="scopeMap.write">
                <CreateScopeMapAction registry={registry} existing={overview.data.scopeMaps} />
              </Can>
            </>
          ) : undefined
        }
      />
      {overview.isPending ? (
        <TableSkeleton label="Loading scope maps" />
      ) : overview.isError ? (
        <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />
      ) : total === 0 ? (
        <EmptyState title="No scope maps" icon={<LockClosedKey20Regular />}>
          This registry has no scope maps.
        </EmptyState>
      ) : (
        <>
          <FilterSearch
            label="Search scope maps"
            className={styles.search}
            value={q}
            onChange={setQ}
            placeholder="Name or description"
          />
          <Text className={styles.count} role="status" aria-live="polite">
            {maps.length === total
              ? plural(total, 'scope map')
              : `${maps.length} of ${total} scope maps match`}
          </Text>
          <VirtualTable
            label="Scope maps"
            rows={maps}
            columns={columns}
            rowKey={(m) => m.name}
            rowHeight={44}
            className={styles.table}
          />
        </>
      )}
    </>
  );
}
