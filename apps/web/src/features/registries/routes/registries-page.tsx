import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import {
  CheckmarkCircle12Filled,
  Dismiss12Regular,
  ServerMultiple20Regular,
} from '@fluentui/react-icons';
import type { RegistrySummary } from '@latchkey/domain';
import { Suspense } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { lazyNamed } from '../../../lib/lazy-named';
import { useRegistriesList } from '../../../lib/queries/get-registries';
import { useSearch } from '@tanstack/react-router';
import { CopyButton } from '../../../components/copy-button';
import { HrefLink } from '../../../components/href-link';
import { PortalLink } from '../../../components/portal-link';
import { registryHref } from '../../../lib/registry-href';
import {
  registryPageNames,
  validateRegistriesSearch,
  type RegistryPageName,
} from '../utils/registries-search';

// Shown only when a subscription could not be listed: Fluent's MessageBar comes with it then.
const UnavailableSubscriptions = lazyNamed(
  () => import('../components/unavailable-subscriptions'),
  'UnavailableSubscriptions',
);

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  choose: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  wrap: { overflowX: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  sub: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  server: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
});

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return value ? (
    <Badge appearance="tint" color="success" shape="rounded" icon={<CheckmarkCircle12Filled />}>
      {yes}
    </Badge>
  ) : (
    <Badge appearance="tint" color="subtle" shape="rounded" icon={<Dismiss12Regular />}>
      {no}
    </Badge>
  );
}

function RegistryRow({ r, page }: { r: RegistrySummary; page: RegistryPageName }) {
  const styles = useStyles();
  const params = {
    subscriptionId: r.subscriptionId,
    resourceGroup: r.resourceGroup,
    registryName: r.name,
  };
  return (
    <TableRow>
      <TableCell>
        <span className={styles.name}>
          <HrefLink href={registryHref(params, page)}>{r.name}</HrefLink>
        </span>
        <span className={styles.sub}>
          <PortalLink resourceId={r.id} what={`registry ${r.name}`} />
        </span>
      </TableCell>
      <TableCell>
        {r.subscriptionName ?? r.subscriptionId}
        {r.subscriptionName ? (
          <span className={mergeClasses(styles.sub, styles.mono)}>{r.subscriptionId}</span>
        ) : null}
      </TableCell>
      <TableCell>{r.resourceGroup}</TableCell>
      <TableCell>{r.location}</TableCell>
      <TableCell>{r.sku}</TableCell>
      <TableCell>
        <span className={styles.server}>
          <span className={styles.mono}>{r.loginServer}</span>
          <CopyButton value={r.loginServer} what={`the login server of ${r.name}`} />
        </span>
      </TableCell>
      <TableCell>
        <YesNo value={r.dataEndpointEnabled} yes="Enabled" no="Disabled" />
      </TableCell>
      <TableCell>
        <YesNo value={r.supportsConnectedRegistries} yes="Possible" no="Not possible" />
      </TableCell>
    </TableRow>
  );
}

export function RegistriesPage() {
  const styles = useStyles();
  const query = useRegistriesList();
  const search = useSearch({ from: '/registries', select: validateRegistriesSearch });
  const page = search.for ?? 'hierarchy';
  return (
    <div className={styles.stack}>
      <PageHeader
        title="Registries"
        description="The container registries you can see, across your subscriptions. Choose one to see its connected-registry hierarchy."
      />
      {search.for ? (
        // Plain markup, not Fluent's MessageBar: it would add its code to this first page.
        <div className={styles.choose} role="status">
          <strong>Choose a registry.</strong> Its {registryPageNames[search.for]} open when you
          choose it.
        </div>
      ) : null}
      {query.isPending ? (
        <TableSkeleton label="Loading registries" />
      ) : query.isError ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {query.data.unavailable.length > 0 ? (
            <Suspense fallback={null}>
              <UnavailableSubscriptions unavailable={query.data.unavailable} />
            </Suspense>
          ) : null}
          {query.data.registries.length === 0 ? (
            <EmptyState title="No registries to show" icon={<ServerMultiple20Regular />}>
              Your Azure account cannot list any container registry. Ask for the Reader role (or
              more) on the registries you need to review.
            </EmptyState>
          ) : (
            <div className={styles.wrap}>
              <Table aria-label="Registries">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Name</TableHeaderCell>
                    <TableHeaderCell>Subscription</TableHeaderCell>
                    <TableHeaderCell>Resource group</TableHeaderCell>
                    <TableHeaderCell>Location</TableHeaderCell>
                    <TableHeaderCell>SKU</TableHeaderCell>
                    <TableHeaderCell>Login server</TableHeaderCell>
                    <TableHeaderCell>Data endpoint</TableHeaderCell>
                    <TableHeaderCell>Connected registries</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {query.data.registries.map((r) => (
                    <RegistryRow key={r.id} r={r} page={page} />
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
