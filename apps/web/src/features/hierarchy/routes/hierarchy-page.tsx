import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { useNavigate, useSearch } from '@tanstack/react-router';
import {
  connectedRegistryConfigurationFindings,
  connectedRegistryRuntimeFindings,
  findingsBesideConnectedRegistries,
  sortFindings,
} from '@latchkey/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { useOverview } from '../../../lib/queries/get-overview';
import { configurationOf, useRuntimePoll } from '../../../lib/queries/get-runtime';
import { stickyTop } from '../../../lib/layout';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { plural } from '../../../lib/format';
import { Can } from '../../../components/can';
import { HierarchyToolbar } from '../components/hierarchy-toolbar';
import { CreateConnectedRegistryAction } from '../components/create-connected-registry-action';
import { HierarchyTree } from '../components/hierarchy-tree';
import { NodeDetailPanel } from '../components/node-detail-panel';
import { allNames, buildTree, withRegistries, type HierarchyNode } from '../utils/build-tree';
import {
  hasFilters,
  validateHierarchySearch,
  type HierarchyFilters,
} from '../utils/hierarchy-search';
import { bucketFindings, rememberingNodeFindings, type NodeFindings } from '../utils/node-findings';
import {
  ancestorsOf,
  countMatches,
  initialExpansion,
  problemNames,
  ROOT_VALUE,
  visibleRows,
  withOpened,
  type Expansion,
} from '../utils/tree-view';
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
    minWidth: 0,
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    minHeight: '24px',
  },
  // The detail stays beside the tree while the page scrolls it; a long detail scrolls on its own.
  panelSticky: {
    position: 'sticky',
    top: `calc(${stickyTop.css} + ${tokens.spacingVerticalL})`,
    maxHeight: `calc(100vh - ${stickyTop.css} - 2 * ${tokens.spacingVerticalL})`,
    overflowY: 'auto',
    '@media (max-width: 1100px)': { position: 'static', maxHeight: 'none' },
  },
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
  const overview = useOverview(params);
  // The 30-second poll asks for connection state only; the overview is read
  // again when that answer says something else changed (see get-runtime.ts).
  useRuntimePoll(params, POLL_MS, overview.data !== undefined);

  // What the person opened or closed on top of the default (see tree-view.ts), so
  // nodes that appear in a later poll follow the default.
  const [expansion, setExpansion] = useState<Expansion>(initialExpansion);
  // A node chosen outside the tree (the URL, back/forward, the detail panel's
  // links) is opened up to and scrolled to; one clicked in the tree is already in view.
  const [reveal, setReveal] = useState<string | undefined>();
  const chosenInTree = useRef<string | undefined>(undefined);

  const data = overview.data;
  // A poll merges runtime state (connection, activity, sync) into the overview: what is
  // computed from the rest (the tree's shape, the tokens, tokens' and scope maps' findings)
  // is keyed on the configuration (the overview as read), so a poll redoes only the runtime part.
  const configuration = data ? configurationOf(data) : undefined;
  const shape = useMemo(
    () => (configuration ? buildTree(configuration.connectedRegistries) : []),
    [configuration],
  );
  const roots = useMemo(
    () => (data ? withRegistries(shape, data.connectedRegistries) : shape),
    [shape, data],
  );
  const tokensByName = useMemo(
    () => new Map((configuration?.tokens ?? []).map((t) => [t.name.toLowerCase(), t])),
    [configuration],
  );
  // Badges only: computed here from the overview (no second ARM read through the BFF), at an
  // hourly clock so a 30-second tick does not recompute them over thousands of tokens.
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  // Tokens' and scope maps' findings (thousands) and the connected registries' findings that read
  // configuration alone (gateway actions up the hierarchy) are sorted and bucketed by node once
  // per configuration; a poll that only moved runtime state recomputes the few that read it.
  const configurationFindings = useMemo(
    () =>
      bucketFindings(
        configuration
          ? sortFindings([
              ...findingsBesideConnectedRegistries(configuration, hour),
              ...configuration.connectedRegistries.flatMap((cr) =>
                connectedRegistryConfigurationFindings(configuration, cr, hour),
              ),
            ])
          : [],
      ),
    [configuration, hour],
  );
  // A node whose findings a poll left as they were keeps its object, so its row does not redraw.
  const [nodeFindingsFor] = useState(rememberingNodeFindings);
  const nodeFindings = useMemo(
    () =>
      data
        ? nodeFindingsFor(
            data,
            configurationFindings,
            bucketFindings(
              sortFindings(
                data.connectedRegistries.flatMap((cr) =>
                  connectedRegistryRuntimeFindings(configuration ?? data, cr, hour),
                ),
              ),
            ),
          )
        : new Map<string, NodeFindings>(),
    [data, configuration, configurationFindings, hour, nodeFindingsFor],
  );
  const { q, state, mode, findings, problems } = search;
  const filters: HierarchyFilters = useMemo(
    () => ({ q, state, mode, findings, problems }),
    [q, state, mode, findings, problems],
  );
  // Sync-token expiry moves with the hour too, like the badges.
  const facts = useMemo(
    () => ({
      findings: nodeFindings,
      problems: problemNames(data?.connectedRegistries ?? [], tokensByName, hour),
    }),
    [data, nodeFindings, tokensByName, hour],
  );
  const rows = useMemo(
    () => visibleRows(roots, facts, filters, expansion),
    [roots, facts, filters, expansion],
  );
  const matching = useMemo(
    () => (hasFilters(filters) ? countMatches(roots, facts, filters) : undefined),
    [roots, facts, filters],
  );

  const total = plural(allNames(roots).length, 'connected registry', 'connected registries');

  const selected = search.node ?? ROOT_VALUE;
  const roots0 = roots.length > 0;
  // Only when the URL's node changes or the tree first arrives, not on every poll's new tree.
  useEffect(() => {
    if (!roots0 || !search.node || chosenInTree.current === search.node) return;
    chosenInTree.current = search.node;
    const path = ancestorsOf(roots, search.node);
    if (path) setExpansion((e) => withOpened(e, path));
    setReveal(search.node);
  }, [search.node, roots0]);
  const onRevealed = useCallback(() => setReveal(undefined), []);

  const select = useCallback(
    (value: string) =>
      void navigate({
        // Another node: a pending action link was about the previous one.
        search: (prev) => ({
          ...prev,
          node: value === ROOT_VALUE ? undefined : value,
          action: undefined,
          token: undefined,
        }),
        // A new entry, so Back returns to the previous node; the page stays where it is.
        resetScroll: false,
      }),
    [navigate],
  );
  const onSelectInTree = useCallback(
    (value: string) => {
      chosenInTree.current = value === ROOT_VALUE ? undefined : value;
      select(value);
    },
    [select],
  );
  const onFiltersChange = useCallback(
    (next: Partial<HierarchyFilters>) => {
      // Opened and closed nodes belong to the previous view: start from the filters' own.
      setExpansion((e) => ({ ...e, overrides: new Map() }));
      void navigate({
        search: (prev) => ({ ...prev, ...next }),
        replace: true,
        resetScroll: false,
      });
    },
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
        resetScroll: false,
      }),
    [navigate],
  );
  const onToggle = useCallback((value: string, open: boolean) => {
    setExpansion((e) => ({ ...e, overrides: new Map(e.overrides).set(value.toLowerCase(), open) }));
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
              <Can action="connectedRegistry.write">
                <CreateConnectedRegistryAction
                  registry={params}
                  overview={data}
                  onCreated={select}
                />
              </Can>
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
          {roots.length > 0 ? (
            <HierarchyToolbar
              summary={matching === undefined ? total : `${matching} of ${total} match`}
              value={filters}
              onChange={onFiltersChange}
              onExpandAll={() => setExpansion({ base: 'all', overrides: new Map() })}
              onCollapseAll={() => setExpansion({ base: 'none', overrides: new Map() })}
            />
          ) : null}
          <div className={styles.layout}>
            <div className={styles.treeBox}>
              <HierarchyTree
                registry={data.registry}
                rows={rows}
                tokensByName={tokensByName}
                selected={selected}
                onSelect={onSelectInTree}
                onToggle={onToggle}
                reveal={reveal}
                onRevealed={onRevealed}
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
                onSelect={select}
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
