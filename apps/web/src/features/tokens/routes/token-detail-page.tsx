import {
  Divider,
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
import { describeKind, type TokenDetail } from '@latchkey/domain';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
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
import { useNow } from '../../../lib/use-now';
import { useRegistryParams } from '../../../lib/use-registry-params';
import { useToken } from '../api/get-token';
import { RevokePasswordAction } from '../components/revoke-password-action';
import { TokenActions } from '../components/token-actions';
import { Can } from '../../../components/can';
import { Section } from '../../../components/section';
import { validateTokenDetailSearch } from '../utils/tokens-search';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  muted: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  wrap: { overflowX: 'auto' },
  other: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

function Attachments({ detail, registry }: { detail: TokenDetail; registry: RegistryParams }) {
  const styles = useStyles();
  const { token } = detail;
  if (detail.connectedRegistries.length === 0) {
    return <Text className={styles.muted}>No connected registry uses this token.</Text>;
  }
  return (
    <div className={styles.wrap}>
      <Table aria-label="Connected registries using this token" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Connected registry</TableHeaderCell>
            <TableHeaderCell>Role of this token</TableHeaderCell>
            <TableHeaderCell>Mode</TableHeaderCell>
            <TableHeaderCell>Connection</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {detail.connectedRegistries.map((cr) => (
            <TableRow key={cr.name}>
              <TableCell>
                <RouterLink
                  to="/registries/$subscriptionId/$resourceGroup/$registryName/hierarchy"
                  params={registry}
                  search={{ node: cr.name }}
                >
                  {cr.name}
                </RouterLink>
              </TableCell>
              <TableCell>
                {cr.syncTokenName?.toLowerCase() === token.name.toLowerCase()
                  ? 'Sync token'
                  : 'Client token'}
              </TableCell>
              <TableCell>
                <ModeBadge mode={cr.mode} />
              </TableCell>
              <TableCell>
                <ConnectionStateBadge state={cr.connectionState} />
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

  const header = (
    <PageHeader
      context={
        <>
          Registry {registry.registryName} ·{' '}
          <RouterLink
            to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens"
            params={registry}
          >
            Tokens
          </RouterLink>
        </>
      }
      title={`Token ${tokenName}`}
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
          ]}
        />
      </Section>
      <Divider />
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
      <Divider />
      <Section title="Attachments">
        <Attachments detail={detail} registry={registry} />
      </Section>
      <Divider />
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
