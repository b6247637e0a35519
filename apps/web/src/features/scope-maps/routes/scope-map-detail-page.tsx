import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { describeKind } from '@latchkey/domain';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { PermissionMatrix } from '../../../components/permission-matrix';
import { PropertyList } from '../../../components/property-list';
import { RelativeTime } from '../../../components/relative-time';
import { RouterLink } from '../../../components/router-link';
import { SystemMapBadge, TokenStatusBadge } from '../../../components/status-badges';
import { plural } from '../../../lib/format';
import {
  gatewayPermissions,
  parseActions,
  repositoryPermissions,
} from '../../../lib/scope-map-actions';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { useScopeMap } from '../api/get-scope-map';
import { validateScopeMapDetailSearch } from '../utils/scope-map-detail-search';
import { Can } from '../../../components/can';
import { useOverview } from '../../../lib/queries/get-overview';
import { DeleteScopeMapAction } from '../components/delete-scope-map-action';
import { EditScopeMapAction } from '../components/edit-scope-map-action';
import { Section } from '../../../components/section';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';
import { ResourceId } from '../../../components/resource-id';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { formatCount } from '../../../lib/format';
import { Separator } from '../../../components/separator';
import { lazyNamed } from '../../../lib/lazy-named';

// Most scope maps are user-defined: Fluent's MessageBar loads only for a
// system-defined one's note, and that page waits for it (see below).
const SystemMapNotice = lazyNamed(
  () => import('../components/system-map-notice'),
  'SystemMapNotice',
);

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  muted: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowX: 'auto' },
  other: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

const route =
  '/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps/$scopeMapName' as const;

export function ScopeMapDetailPage() {
  const styles = useStyles();
  const registry = useRegistryParams();
  const { scopeMapName } = useParams({ from: route });
  const search = useSearch({ from: route, select: validateScopeMapDetailSearch });
  const navigate = useNavigate({ from: route });
  // A fix link's `action=edit` opens the editor once: read on arrival, then
  // dropped from the URL so reloading or going back does not reopen it.
  // Tied to the map it came with: another map's page (same component, new
  // params) must not open its editor.
  const [arrival] = useState(() => ({ scopeMapName, edit: search.action === 'edit' }));
  const openEditor = arrival.edit && arrival.scopeMapName === scopeMapName;
  useEffect(() => {
    if (search.action) void navigate({ search: {}, replace: true });
  }, [search.action, navigate]);
  const now = useNow();
  const query = useScopeMap(registry, scopeMapName);
  // For the edit's blast radius: which connected registries are ReadOnly.
  const overview = useOverview(registry);

  const header = (actions?: ReactNode) => (
    <PageHeader
      context={<RegistryBreadcrumb registry={registry} page="scope-maps" item={scopeMapName} />}
      title={`Scope map ${scopeMapName}`}
      actions={
        <>
          <SnapshotRefresh registry={registry} />
          {actions}
        </>
      }
    />
  );
  if (query.isPending) {
    return (
      <>
        {header()}
        <TableSkeleton label="Loading the scope map" rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        {header()}
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { scopeMap, tokens: users } = query.data;
  const parsed = parseActions(scopeMap.actions);
  const system = scopeMap.type === 'SystemDefined';

  return (
    <div className={styles.stack}>
      {header(
        system ? undefined : (
          <Can action="scopeMap.write">
            <EditScopeMapAction
              registry={registry}
              scopeMap={scopeMap}
              users={users}
              connectedRegistries={overview.data?.connectedRegistries ?? []}
              overview={overview.data}
              defaultOpen={openEditor}
            />
            <DeleteScopeMapAction
              registry={registry}
              scopeMap={scopeMap}
              users={[...new Set([...scopeMap.usedBy, ...users.map((t) => t.name)])]}
            />
          </Can>
        ),
      )}
      {/* A system-defined map's note loads before the page below the header shows (the
          loading skeleton stays meanwhile), so nothing moves down when it arrives. */}
      <Suspense fallback={<TableSkeleton label="Loading the scope map" rows={6} />}>
        {system ? <SystemMapNotice /> : null}
        <Section title="Summary">
          <PropertyList
            items={[
              ['Type', system ? <SystemMapBadge /> : 'User-defined'],
              ['Description', scopeMap.description || '—'],
              ['Actions', `${formatCount(scopeMap.actions.length)} of 500`],
              [
                'Created',
                scopeMap.creationDate ? (
                  <RelativeTime iso={scopeMap.creationDate} now={now} />
                ) : (
                  '—'
                ),
              ],
              ['Resource id', <ResourceId id={scopeMap.id} what={`scope map ${scopeMap.name}`} />],
            ]}
          />
        </Section>
        <Separator />
        <Section title="Repository permissions">
          {parsed.repositories.length === 0 ? (
            <Text className={styles.muted}>No repository permission.</Text>
          ) : (
            <PermissionMatrix
              caption={`Repository permissions of ${scopeMap.name}`}
              targetHeader="Repository"
              permissions={repositoryPermissions}
              rows={parsed.repositories}
            />
          )}
        </Section>
        <Section title="Gateway permissions">
          {parsed.gateways.length === 0 ? (
            <Text className={styles.muted}>No gateway permission.</Text>
          ) : (
            <PermissionMatrix
              caption={`Gateway permissions of ${scopeMap.name}`}
              targetHeader="Connected registry"
              permissions={gatewayPermissions}
              rows={parsed.gateways}
            />
          )}
          {parsed.other.length > 0 ? (
            <>
              <Text weight="semibold">Other actions</Text>
              <ul className={styles.other}>
                {parsed.other.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
        <Separator />
        <Section title={`Used by ${plural(users.length, 'token')}`}>
          {users.length === 0 ? (
            <Text className={styles.muted}>No token uses this scope map.</Text>
          ) : (
            <div className={styles.wrap}>
              <Table aria-label={`Tokens using ${scopeMap.name}`} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Token</TableHeaderCell>
                    <TableHeaderCell>Kind</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {users.map((t) => (
                    <TableRow key={t.name}>
                      <TableCell>
                        <RouterLink
                          to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
                          params={{ ...registry, tokenName: t.name }}
                        >
                          {t.name}
                        </RouterLink>
                      </TableCell>
                      <TableCell>{describeKind(t.kind)}</TableCell>
                      <TableCell>
                        <TokenStatusBadge status={t.status} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </Section>
      </Suspense>
    </div>
  );
}
