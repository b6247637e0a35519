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
import { PlugDisconnected20Regular, Warning16Filled } from '@fluentui/react-icons';
import { indexOverview, type RegistryOverview } from '@latchkey/domain';
import { useMemo } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { RegistryDisabledNotice } from '../../../components/registry-disabled-notice';
import { RouterLink } from '../../../components/router-link';
import { ModeBadge, TokenStatusBadge } from '../../../components/status-badges';
import type { RegistryParams } from '../../../lib/registry-ref';
import { acceptanceWords, acceptedSummaries, gatewayLines } from '../utils/client-access';
import { permissionWords } from '../utils/permission-letters';
import { PlaceSelect } from './place-select';
import { plural } from '../../../lib/format';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  wrap: { overflowX: 'auto' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
  cellTop: { verticalAlign: 'top' },
});

/**
 * The tokens one connected registry accepts (its client tokens and the sync
 * tokens of its direct children) and what each can really do there.
 */
export function ClientsTab({
  registry,
  overview,
  place,
  onChange,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  place: string | undefined;
  onChange: (next: { place?: string | undefined }) => void;
}) {
  const styles = useStyles();
  const crs = overview.connectedRegistries;
  const cr =
    crs.find((c) => c.name.toLowerCase() === place?.toLowerCase()) ??
    [...crs].sort((a, b) => a.name.localeCompare(b.name))[0];
  const summaries = useMemo(() => (cr ? acceptedSummaries(overview, cr) : []), [overview, cr]);
  const disabledBy = cr ? indexOverview(overview).context(cr).disabledBySyncToken : undefined;

  if (!cr) {
    return (
      <EmptyState
        title="No connected registry"
        icon={<PlugDisconnected20Regular />}
        headingLevel={3}
      >
        This registry has no connected registry: the cloud registry accepts every token, and the
        matrix shows what each can do there.
      </EmptyState>
    );
  }
  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <PlaceSelect
          connectedRegistries={crs}
          cloudName={registry.registryName}
          allowCloud={false}
          value={cr.name}
          onChange={(p) => onChange({ place: p })}
        />
        <ModeBadge mode={cr.mode} />
        <Text className={styles.muted}>
          {cr.clientTokenNames.length} of 20 client slots used; accepts{' '}
          {plural(summaries.length, 'token')}
          (client tokens and the sync tokens of its direct children)
          {cr.mode === 'ReadOnly' ? '; ReadOnly: pulls only' : ''}.
        </Text>
      </div>
      {disabledBy ? (
        <RegistryDisabledNotice
          registry={registry}
          connectedRegistry={cr.name}
          syncToken={disabledBy}
        />
      ) : null}
      {summaries.length === 0 ? (
        <EmptyState title={`${cr.name} accepts no token`} headingLevel={3}>
          It has no client token and no child connected registry: clients cannot sign in to it until
          a token is attached.
        </EmptyState>
      ) : (
        <div className={styles.wrap}>
          <Table aria-label={`Tokens accepted by ${cr.name}`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Token</TableHeaderCell>
                <TableHeaderCell>Accepted as</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Can do there</TableHeaderCell>
                <TableHeaderCell>Warnings</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {summaries.map((s) => {
                const effective = s.access.filter((a) => a.granted.length > 0);
                const gateways = gatewayLines(s.gateways);
                return (
                  <TableRow key={s.tokenName}>
                    <TableCell className={styles.cellTop}>
                      <RouterLink
                        to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
                        params={{ ...registry, tokenName: s.tokenName }}
                      >
                        {s.tokenName}
                      </RouterLink>
                      {s.scopeMap ? (
                        <Text as="span" size={200} className={styles.muted}>
                          {' '}
                          · {s.scopeMap}
                        </Text>
                      ) : null}
                    </TableCell>
                    <TableCell className={styles.cellTop}>
                      {acceptanceWords(s.acceptedAs)}
                    </TableCell>
                    <TableCell className={styles.cellTop}>
                      {s.token ? <TokenStatusBadge status={s.token.status} /> : 'Missing'}
                    </TableCell>
                    <TableCell className={styles.cellTop}>
                      {effective.length + gateways.length === 0 ? (
                        <Text className={styles.muted}>Nothing</Text>
                      ) : (
                        <ul className={styles.list}>
                          {effective.map((a) => (
                            <li key={a.repository}>
                              <span className={styles.mono}>{a.repository}</span>:{' '}
                              {a.granted.map((g) => permissionWords[g.permission]).join(', ')}
                            </li>
                          ))}
                          {gateways.map((g) => (
                            <li key={`gateway:${g.words}`}>
                              {g.names.length === 1 ? 'gateway of ' : 'gateways of '}
                              <span className={styles.mono}>{g.names.join(', ')}</span>: {g.words}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell className={styles.cellTop}>
                      {s.warnings.length === 0 ? (
                        <Text className={styles.muted}>None</Text>
                      ) : (
                        <ul className={styles.list}>
                          {s.warnings.map((w) => (
                            <li key={w} className={styles.warning}>
                              <Warning16Filled aria-hidden /> {w}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
