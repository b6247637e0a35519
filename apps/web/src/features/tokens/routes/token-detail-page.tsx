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
import { describeAcceptance, describeKind } from '@latchkey/domain';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { TableSkeleton } from '../../../components/loading';
import { PageHeader } from '../../../components/page-header';
import { PasswordSlotsList } from '../../../components/password-slots';
import { PermissionMatrix } from '../../../components/permission-matrix';
import { PropertyList } from '../../../components/property-list';
import { RelativeTime } from '../../../components/relative-time';
import { RouterLink } from '../../../components/router-link';
import {
  ConnectionStateBadge,
  ModeBadge,
  SystemMapBadge,
  TokenStatusBadge,
} from '../../../components/status-badges';
import type { RegistryParams } from '../../../lib/registry-ref';
import {
  gatewayPermissions,
  parseActions,
  repositoryPermissions,
} from '../../../lib/scope-map-actions';
import { useOverview } from '../../../lib/queries/get-overview';
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { useToken } from '../api/get-token';
import { RevokePasswordAction } from '../components/revoke-password-action';
import { TokenActions } from '../components/token-actions';
import { Can } from '../../../components/can';
import { Section } from '../../../components/section';
import { tokenPlaces, type TokenPlace, type TokenPlaces } from '../utils/token-places';
import { validateTokenDetailSearch } from '../utils/tokens-search';
import { permissionWord } from '../../../lib/permission-words';
import { RegistryBreadcrumb } from '../../../components/page-breadcrumb';
import { ResourceId } from '../../../components/resource-id';
import { SnapshotRefresh } from '../../../components/snapshot-refresh';
import { Separator } from '../../../components/separator';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  muted: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  wrap: { overflowX: 'auto' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  other: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

const placeName = (p: TokenPlace, registry: RegistryParams) =>
  p.connectedRegistry?.name ?? `${registry.registryName} (cloud registry)`;

/** A connected registry's node in the hierarchy. */
function NodeLink({ registry, name }: { registry: RegistryParams; name: string }) {
  return (
    <RouterLink
      to="/registries/$subscriptionId/$resourceGroup/$registryName/hierarchy"
      params={registry}
      search={{ node: name }}
    >
      {name}
    </RouterLink>
  );
}

/** Where the token is accepted, from the engine (see token-places.ts). */
function AcceptedAt({ places, registry }: { places: TokenPlaces; registry: RegistryParams }) {
  const styles = useStyles();
  const { syncTokenOf } = places;
  return (
    <>
      {syncTokenOf ? (
        <Text>
          Sync token of <NodeLink registry={registry} name={syncTokenOf.name} />:{' '}
          {syncTokenOf.parentName
            ? `${syncTokenOf.name} signs in with it to its parent ${syncTokenOf.parentName}, which accepts it with the permissions of its scope map.`
            : `${syncTokenOf.name} signs in with it to the cloud registry.`}
          {places.token?.status === 'disabled'
            ? ` It is disabled, so ${syncTokenOf.name} is disabled: nothing is effective there.`
            : ''}
        </Text>
      ) : null}
      <div className={styles.wrap}>
        <Table aria-label="Places that accept this token" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Place</TableHeaderCell>
              <TableHeaderCell>Accepted as</TableHeaderCell>
              <TableHeaderCell>Mode</TableHeaderCell>
              <TableHeaderCell>Connection</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {places.places.map((p) => {
              const cr = p.connectedRegistry;
              return (
                <TableRow key={placeName(p, registry)}>
                  <TableCell>
                    {cr ? <NodeLink registry={registry} name={cr.name} /> : placeName(p, registry)}
                  </TableCell>
                  <TableCell>
                    {p.acceptedAs.map(describeAcceptance).join(' and ')}
                    {p.disabledBySyncToken ? (
                      <span className={styles.warning}>
                        {' '}
                        (disabled: its sync token {p.disabledBySyncToken} is disabled, nothing is
                        effective here)
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell>{cr ? <ModeBadge mode={cr.mode} /> : '—'}</TableCell>
                  <TableCell>
                    {cr ? <ConnectionStateBadge state={cr.connectionState} /> : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

/** What works at each place that accepts the token, and why the rest does not. */
function EffectiveAccess({ places, registry }: { places: TokenPlaces; registry: RegistryParams }) {
  const styles = useStyles();
  const rows = places.places.flatMap((p) => [
    ...p.access.map((a) => ({ p, what: a.repository, granted: a.granted, removed: a.removed })),
    ...p.gateways.map((g) => ({
      p,
      what: `gateway of ${g.gateway}`,
      granted: g.granted,
      removed: g.removed,
    })),
  ]);
  if (rows.length === 0) {
    return <Text className={styles.muted}>Its scope map grants nothing, anywhere.</Text>;
  }
  return (
    <div className={styles.wrap}>
      <Table aria-label="Effective access per place" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Place</TableHeaderCell>
            <TableHeaderCell>Repository or gateway</TableHeaderCell>
            <TableHeaderCell>Works there</TableHeaderCell>
            <TableHeaderCell>Not effective there</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${placeName(r.p, registry)} ${r.what}`}>
              <TableCell>{placeName(r.p, registry)}</TableCell>
              <TableCell className={styles.mono}>{r.what}</TableCell>
              <TableCell>
                {r.granted.length > 0 ? (
                  r.granted.map((g) => permissionWord(g.permission)).join(', ')
                ) : (
                  <span className={styles.muted}>Nothing</span>
                )}
              </TableCell>
              <TableCell>
                {r.removed.length > 0
                  ? r.removed
                      .map((g) => `${permissionWord(g.permission)}: ${g.explanation}`)
                      .join('; ')
                  : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

const route = '/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName' as const;

export function TokenDetailPage() {
  const styles = useStyles();
  const registry = useRegistryParams();
  const { tokenName } = useParams({ from: route });
  const search = useSearch({ from: route, select: validateTokenDetailSearch });
  const navigate = useNavigate({ from: route });
  // A fix link's action is started once: taken from the URL on arrival and then
  // removed from it, so reloading or going back does not open the dialog again.
  // Tied to the token it came with: moving to another token's page (same
  // component, new params) must not start the action there.
  const [arrival] = useState(() => ({ tokenName, action: search.action, slot: search.slot }));
  const initial =
    arrival.tokenName === tokenName ? arrival : { action: undefined, slot: undefined };
  useEffect(() => {
    if (search.action || search.slot) void navigate({ search: {}, replace: true });
  }, [search.action, search.slot, navigate]);
  const now = useNow();
  const query = useToken(registry, tokenName);
  // Acceptance and effective access need the whole registry (ancestors' sync
  // maps, children's sync tokens): the engine answers from the overview.
  const overview = useOverview(registry);
  const places = useMemo(
    () => (overview.data ? tokenPlaces(overview.data, tokenName) : undefined),
    [overview.data, tokenName],
  );

  const header = (
    <PageHeader
      context={<RegistryBreadcrumb registry={registry} page="tokens" item={tokenName} />}
      title={`Token ${tokenName}`}
      actions={<SnapshotRefresh registry={registry} />}
    />
  );
  if (query.isPending) {
    return (
      <>
        {header}
        <TableSkeleton label="Loading the token" rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        {header}
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const detail = query.data;
  const { token, scopeMap } = detail;
  const parsed = scopeMap ? parseActions(scopeMap.actions) : undefined;

  return (
    <div className={styles.stack}>
      {header}
      <TokenActions registry={registry} detail={detail} now={now} initialAction={initial.action} />
      <Section title="Summary">
        <PropertyList
          items={[
            ['Status', <TokenStatusBadge status={token.status} />],
            ['Kind', describeKind(token.kind)],
            [
              'Scope map',
              token.scopeMapName ? (
                <span className={styles.row}>
                  <RouterLink
                    to="/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps/$scopeMapName"
                    params={{ ...registry, scopeMapName: token.scopeMapName }}
                  >
                    {token.scopeMapName}
                  </RouterLink>
                  {scopeMap?.type === 'SystemDefined' ? <SystemMapBadge /> : null}
                </span>
              ) : (
                'None: this token grants nothing'
              ),
            ],
            [
              'Created',
              token.creationDate ? <RelativeTime iso={token.creationDate} now={now} /> : '—',
            ],
            token.provisioningState ? ['Provisioning', token.provisioningState] : null,
            ['Resource id', <ResourceId id={token.id} what={`token ${token.name}`} />],
          ]}
        />
      </Section>
      <Separator />
      <Section title="Password slots">
        <PasswordSlotsList
          slots={token.passwords}
          now={now}
          actions={(slot) =>
            slot.present ? (
              <Can action="token.write">
                <RevokePasswordAction
                  registry={registry}
                  token={token}
                  slot={slot}
                  defaultOpen={initial.action === 'revoke-password' && initial.slot === slot.name}
                />
              </Can>
            ) : null
          }
        />
      </Section>
      <Separator />
      <Section title="Where it is accepted">
        {places ? (
          <AcceptedAt places={places} registry={registry} />
        ) : overview.isError ? (
          <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <TableSkeleton label="Loading where the token is accepted" rows={3} />
        )}
      </Section>
      <Separator />
      <Section title="Effective access per place">
        {places ? (
          <EffectiveAccess places={places} registry={registry} />
        ) : overview.isError ? null : (
          <TableSkeleton label="Loading effective access" rows={3} />
        )}
      </Section>
      <Separator />
      <Section title="Repository permissions">
        {!scopeMap || !parsed ? (
          <Text className={styles.muted}>
            {token.scopeMapName
              ? `The scope map “${token.scopeMapName}” could not be read.`
              : 'This token has no scope map, so it can reach no repository.'}
          </Text>
        ) : parsed.repositories.length === 0 ? (
          <Text className={styles.muted}>The scope map grants no repository permission.</Text>
        ) : (
          <PermissionMatrix
            caption={`Repository permissions of ${token.name}`}
            targetHeader="Repository"
            permissions={repositoryPermissions}
            rows={parsed.repositories}
          />
        )}
      </Section>
      <Section title="Gateway permissions">
        {parsed && parsed.gateways.length > 0 ? (
          <PermissionMatrix
            caption={`Gateway permissions of ${token.name}`}
            targetHeader="Connected registry"
            permissions={gatewayPermissions}
            rows={parsed.gateways}
          />
        ) : (
          <Text className={styles.muted}>
            No gateway permission: this token cannot act as the sync token of a connected registry.
          </Text>
        )}
        {parsed && parsed.other.length > 0 ? (
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
    </div>
  );
}
