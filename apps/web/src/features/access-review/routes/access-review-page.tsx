import { makeStyles, tokens } from '@fluentui/react-components';
import {
  computeFindings,
  indexOverview,
  matrixColumns,
  type Finding,
  type FindingsResponse,
  type RegistryOverview,
} from '@latchkey/domain';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Suspense, useCallback, useMemo } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { useOverview } from '../../../lib/queries/get-overview';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { ExportLinks } from '../components/export-links';
import { FindingsTab } from '../components/findings-tab';
import { ViewTabs } from '../components/view-tabs';
import type { AccessReviewSearch, AccessReviewTab } from '../utils/access-review-search';
import { fixLink } from '../utils/fix-link';
import { validateAccessReviewSearch } from '../utils/access-review-search';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';
import { lazyNamed } from '../../../lib/lazy-named';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

// Findings is the first tab; the others (their tables, filters and tooltips) load when chosen.
const WhoCanAccessTab = lazyNamed(
  () => import('../components/who-can-access-tab'),
  'WhoCanAccessTab',
);
const MatrixTab = lazyNamed(() => import('../components/matrix-tab'), 'MatrixTab');
const ClientsTab = lazyNamed(() => import('../components/clients-tab'), 'ClientsTab');

const route = '/registries/$subscriptionId/$resourceGroup/$registryName/access-review' as const;

const tabLabels: Record<AccessReviewTab, string> = {
  findings: 'Findings',
  'who-can-access': 'Who can access',
  matrix: 'Matrix',
  clients: 'Accepted tokens',
};

const enc = encodeURIComponent;

/** The registry's access review: findings, who can access, the matrix, client tokens, exports. */
export function AccessReviewPage() {
  const styles = useStyles();
  const registry = useRegistryParams();
  const search = useSearch({ from: route, select: validateAccessReviewSearch });
  const navigate = useNavigate({ from: route });
  const overview = useOverview(registry);
  // Findings are computed here from the overview the other tabs use: one ARM sweep per page
  // load, not two. Same engine as the findings API and the exports, at the overview's fetch time.
  const findings = useMemo((): FindingsResponse | undefined => {
    const data = overview.data;
    if (!data) return undefined;
    return {
      registry: data.registry.id,
      computedAt: data.fetchedAt,
      findings: computeFindings(data, Date.parse(data.fetchedAt)),
    };
  }, [overview.data]);
  const tab = search.tab ?? 'findings';

  const update = useCallback(
    (next: Partial<AccessReviewSearch>) =>
      void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true }),
    [navigate],
  );
  // A new tab starts with its own filters; the place is kept (it means the same on every tab).
  const selectTab = (t: AccessReviewTab) =>
    void navigate({ search: (prev) => ({ tab: t, place: prev.place }) });

  const registryBase = `/registries/${enc(registry.subscriptionId)}/${enc(registry.resourceGroup)}/${enc(registry.registryName)}`;
  const fixHref = useMemo(() => {
    const data: RegistryOverview | undefined = overview.data;
    const idx = data ? indexOverview(data) : undefined;
    return (f: Finding) =>
      fixLink(f, {
        registryBase,
        scopeMapOfToken: (t) => idx?.token(t)?.scopeMapName ?? null,
        syncTargetOf: (t) => {
          const kind = idx?.token(t)?.kind;
          return kind?.type === 'sync' ? kind.connectedRegistry : undefined;
        },
      });
  }, [overview.data, registryBase]);
  const suggestions = useMemo(
    () => (overview.data ? matrixColumns(overview.data) : []),
    [overview.data],
  );

  const header = (
    <PageHeader
      context={<RegistryBreadcrumb registry={registry} page="access-review" />}
      title={`Access review of ${registry.registryName}`}
      description="Findings by severity, who can access a repository and where, the token × repository (and gateway) matrix, the tokens each connected registry accepts, and evidence to export."
    />
  );

  const body = () => {
    if (tab === 'findings') {
      if (overview.isPending) return <TableSkeleton label="Loading findings" />;
      if (!findings)
        return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
      return (
        <FindingsTab
          data={findings}
          filters={search}
          onChange={update}
          fixHref={fixHref}
          registryBase={registryBase}
        />
      );
    }
    if (overview.isPending) return <TableSkeleton label="Loading the registry" />;
    if (overview.isError)
      return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
    if (tab === 'who-can-access')
      return (
        <WhoCanAccessTab
          registry={registry}
          overview={overview.data}
          suggestions={suggestions}
          filters={search}
          onChange={update}
        />
      );
    if (tab === 'matrix')
      return (
        <MatrixTab
          registry={registry}
          overview={overview.data}
          filters={search}
          onChange={update}
        />
      );
    return (
      <ClientsTab
        registry={registry}
        overview={overview.data}
        place={search.place}
        onChange={update}
      />
    );
  };

  return (
    <div className={styles.stack}>
      {header}
      <ExportLinks registry={registry} place={search.place} />
      <ViewTabs
        label="Access review views"
        idPrefix="access-review"
        tabs={(Object.keys(tabLabels) as AccessReviewTab[]).map((t) => ({
          value: t,
          label: tabLabels[t],
        }))}
        selected={tab}
        onSelect={selectTab}
      />
      <div
        role="tabpanel"
        id="access-review-panel"
        aria-labelledby={`access-review-tab-${tab}`}
        className={styles.panel}
      >
        <Suspense fallback={<TableSkeleton label="Loading the view" />}>{body()}</Suspense>
      </div>
    </div>
  );
}
