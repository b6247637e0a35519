import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { computeFindings } from '@latchkey/domain';
import { useCallback, useMemo, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { useOverview } from '../../../lib/queries/get-overview';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { HierarchyTree, ROOT_VALUE } from '../components/hierarchy-tree';
import { NodeDetailPanel } from '../components/node-detail-panel';
import { allNames, buildTree, type HierarchyNode } from '../utils/build-tree';
import { validateHierarchySearch } from '../utils/hierarchy-search';
import { findingsByConnectedRegistry, type NodeFindings } from '../utils/node-findings';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';

/** Connection state changes on the devices' schedule, not ours: a poll every 30 s is enough. */
const POLL_MS = 30_000;

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(20rem, 2fr)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    '@media (max-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  treeBox: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalS,
    overflowX: 'auto',
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    minHeight: '24px',
  },
  panelSticky: { position: 'sticky', top: tokens.spacingVerticalL },
});

function findNode(nodes: HierarchyNode[], name: string): HierarchyNode | undefined {
  for (const n of nodes) {
    if (n.registry.name === name) return n;
    const found = findNode(n.children, name);
    if (found) return found;
  }
  return undefined;
}

export function HierarchyPage() {
  const styles = useStyles();
  const params = useRegistryParams();
  const search = useSearch({
    from: '/registries/$subscriptionId/$resourceGroup/$registryName/hierarchy',
    select: validateHierarchySearch,
  });
  const navigate = useNavigate({
    from: '/registries/$subscriptionId/$resourceGroup/$registryName/hierarchy',
  });
  const now = useNow(30_000);
  const overview = useOverview(params, { refetchInterval: POLL_MS });

  // Track what the person collapsed (not what is open), so nodes that appear in a later poll show up expanded.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  const data = overview.data;
  const roots = useMemo(() => (data ? buildTree(data.connectedRegistries) : []), [data]);
  const tokensByName = useMemo(
    () => new Map((data?.tokens ?? []).map((t) => [t.name.toLowerCase(), t])),
    [data],
  );
  // Badges only: computed here from the overview (no second ARM read through the BFF), at an
  // hourly clock so a 30-second tick does not recompute them over thousands of tokens.
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const nodeFindings = useMemo(
    () =>
      data
        ? findingsByConnectedRegistry(data, computeFindings(data, hour))
        : new Map<string, NodeFindings>(),
    [data, hour],
  );
  const openItems = useMemo(
    () => new Set([ROOT_VALUE, ...allNames(roots)].filter((v) => !collapsed.has(v))),
    [roots, collapsed],
  );

  const selected = search.node ?? ROOT_VALUE;
  const onSelect = useCallback(
    (value: string) =>
      void navigate({
        // Another node: a pending action link was about the previous one.
        search: (prev) => ({
          ...prev,
          node: value === ROOT_VALUE ? undefined : value,
          action: undefined,
          token: undefined,
        }),
        replace: true,
      }),
    [navigate],
  );
  // A fix link's action opens once; taking it out of the URL keeps a reload from reopening it.
  const request = useMemo(
    () => (search.action ? { action: search.action, token: search.token } : undefined),
    [search.action, search.token],
  );
  const onRequestHandled = useCallback(
    () =>
      void navigate({
        search: (prev) => ({ ...prev, action: undefined, token: undefined }),
        replace: true,
      }),
    [navigate],
  );
  const onOpenChange = useCallback((value: string, open: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (open) next.delete(value);
      else next.add(value);
      return next;
    });
  }, []);

  return (
    <>
      <PageHeader
        context={<RegistryBreadcrumb registry={params} page="hierarchy" />}
        title="Hierarchy"
        description="The cloud registry and its connected registries, nested under their parents. Select a node for its detail."
        actions={
          data ? (
            <span className={styles.status} aria-live="polite">
              {overview.isFetching ? <Spinner size="extra-tiny" aria-label="Refreshing" /> : null}
              <Text size={200}>refreshes every 30 s</Text>
              <SnapshotRefresh registry={params} />
            </span>
          ) : null
        }
      />
      {overview.isPending ? (
        <TableSkeleton label="Loading the hierarchy" rows={6} />
      ) : overview.isError && !data ? (
        <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />
      ) : data ? (
        <>
          {overview.isError ? (
            // A failed poll keeps the last good tree on screen and says so.
            <ErrorPanel
              error={overview.error}
              title="Refresh failed; showing the last known state"
            />
          ) : null}
          <div className={styles.layout}>
            <div className={styles.treeBox}>
              <HierarchyTree
                registry={data.registry}
                roots={roots}
                tokensByName={tokensByName}
                openItems={openItems}
                onOpenChange={onOpenChange}
                selected={selected}
                onSelect={onSelect}
                now={now}
                findings={nodeFindings}
              />
              {roots.length === 0 ? (
                <Text as="p" className={styles.status}>
                  This registry has no connected registries.
                </Text>
              ) : null}
            </div>
            <div className={styles.panelSticky}>
              <NodeDetailPanel
                registryParams={params}
                overview={data}
                selected={selected}
                node={selected === ROOT_VALUE ? undefined : findNode(roots, selected)}
                topLevel={roots}
                tokensByName={tokensByName}
                onSelect={onSelect}
                now={now}
                request={request}
                onRequestHandled={onRequestHandled}
                findings={nodeFindings.get(selected.toLowerCase())}
              />
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
