import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { History20Regular } from '@fluentui/react-icons';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Suspense, useCallback, useMemo } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { useNow } from '../../../lib/use-now';
import { useAuditLog } from '../api/get-audit';
import { useAuditFacets } from '../api/get-audit-facets';
import { AuditExportLinks } from '../components/audit-export-links';
import { AuditFilters } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';
import { VerifyChain } from '../components/verify-chain';
import { lazyNamed } from '../../../lib/lazy-named';
import { toAuditRows } from '../utils/audit-rows';
import { auditFilters, validateAuditSearch } from '../utils/audit-search';

// The open record (its comparison table and the drawer) loads when a record is first opened.
const AuditRecordPanel = lazyNamed(
  () => import('../components/audit-record-panel'),
  'AuditRecordPanel',
);

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The console's own audit log, across registries: filter, page back, export, verify. */
export function AuditPage() {
  const styles = useStyles();
  const pageSearch = useSearch({ from: '/audit', select: validateAuditSearch });
  const search = useMemo(() => auditFilters(pageSearch), [pageSearch]);
  const navigate = useNavigate({ from: '/audit' });
  const query = useAuditLog(search);
  const facets = useAuditFacets();
  const now = useNow();
  const rows = useMemo(
    () => toAuditRows(query.data?.pages.flatMap((p) => p.records) ?? []),
    [query.data],
  );
  const filtered = Object.values(search).some(Boolean);
  const selected = pageSearch.record ? rows.find((r) => r.key === pageSearch.record) : undefined;
  // The open record is in the URL: a link or a reload opens the same panel.
  const openRecord = useCallback(
    (record: string | undefined) =>
      void navigate({ search: (prev) => ({ ...prev, record }), replace: false }),
    [navigate],
  );

  return (
    <div className={styles.stack}>
      <PageHeader
        title="Audit log"
        description="Every change made through the console (who, what, where, before and after, outcome and Azure request ids) and every change observed in Azure that the console did not make, newest first. Append-only and hash-chained."
      />
      <div className={styles.bar}>
        <VerifyChain />
        <AuditExportLinks filters={search} />
      </div>
      <AuditFilters
        value={search}
        facets={facets.data}
        onApply={(next) => void navigate({ search: next })}
      />
      {query.isPending ? (
        <TableSkeleton label="Loading the audit log" />
      ) : !query.data ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? 'No record matches' : 'No changes yet'}
          icon={<History20Regular />}
        >
          {filtered
            ? 'No record matches these filters. Actor and target match any part of a username, name or resource id.'
            : 'The log starts with the first change made through Latchkey.'}
        </EmptyState>
      ) : (
        <>
          <Text className={styles.muted} role="status">
            {rows.length.toLocaleString()} {rows.length === 1 ? 'change' : 'changes'} shown
            {query.hasNextPage ? '; older ones follow' : ''}.
          </Text>
          <AuditTable
            rows={rows}
            now={now}
            selectedKey={pageSearch.record}
            onOpen={(key) => openRecord(key)}
          />
          {query.hasNextPage ? (
            <Button
              onClick={() => void query.fetchNextPage()}
              disabledFocusable={query.isFetchingNextPage}
              icon={query.isFetchingNextPage ? <Spinner size="tiny" aria-hidden /> : undefined}
            >
              {query.isFetchingNextPage ? 'Loading older…' : 'Load older'}
            </Button>
          ) : (
            <Text className={styles.muted}>
              This is the oldest record{filtered ? ' that matches' : ''}.
            </Text>
          )}
          {query.isFetchNextPageError ? (
            // The pages already loaded stay on screen; only the older page failed.
            <ErrorPanel error={query.error} title="Could not load older records" />
          ) : null}
        </>
      )}
      {/* Mounted only while open (see SidePanel). */}
      {pageSearch.record && !query.isPending ? (
        <Suspense fallback={null}>
          <AuditRecordPanel row={selected} now={now} onClose={() => openRecord(undefined)} />
        </Suspense>
      ) : null}
    </div>
  );
}
