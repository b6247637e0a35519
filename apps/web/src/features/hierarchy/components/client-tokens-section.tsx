import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { Add20Regular, LinkDismiss20Regular } from '@fluentui/react-icons';
import {
  describeAcceptance,
  indexOverview,
  type ConnectedRegistryView,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import { useEffect, useId, useMemo, useState } from 'react';
import { AzureGatedButton, Can } from '../../../components/can';
import { Section } from '../../../components/section';
import { TokenStatusBadge } from '../../../components/status-badges';
import type { RegistryParams } from '../../../lib/registry-ref';
import { attachLimitReason, maxClientTokens } from '../utils/client-tokens';
import { AttachClientTokenDialog, DetachClientTokenDialog } from './client-token-dialogs';
import { TokenLink } from './token-link';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Open = { kind: 'attach' } | { kind: 'detach'; token?: string | undefined } | undefined;

/**
 * A connected registry's client tokens ("n of 20"), with attach and detach for
 * admins. `requestedDetach` is a fix link's request to open the detach dialog
 * (optionally for one token); `onRequestHandled` takes it out of the URL.
 */
export function ClientTokensSection({
  registry,
  overview,
  connectedRegistry: cr,
  tokensByName,
  requestedDetach,
  onRequestHandled,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  connectedRegistry: ConnectedRegistryView;
  tokensByName: ReadonlyMap<string, TokenView>;
  requestedDetach: { token?: string | undefined } | undefined;
  onRequestHandled: () => void;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState<Open>();
  const limitId = useId();
  const limit = attachLimitReason(cr);

  useEffect(() => {
    if (!requestedDetach) return;
    setOpen({ kind: 'detach', token: requestedDetach.token });
    onRequestHandled();
  }, [requestedDetach, onRequestHandled]);

  return (
    <Section
      level={3}
      title={`Client tokens (${cr.clientTokenNames.length} of ${maxClientTokens})`}
    >
      {cr.clientTokenNames.length === 0 ? (
        <Text className={styles.muted}>
          No client token: no on-premises client can use this connected registry yet.
        </Text>
      ) : (
        <ul className={styles.list}>
          {cr.clientTokenNames.map((name) => {
            const t = tokensByName.get(name.toLowerCase());
            return (
              <li key={name} className={styles.row}>
                <TokenLink registry={registry} name={name} />
                {t ? (
                  <TokenStatusBadge status={t.status} />
                ) : (
                  <span className={styles.muted}>(not found)</span>
                )}
                <Can action="connectedRegistry.write">
                  <AzureGatedButton
                    registry={registry}
                    needs="connectedRegistries.write"
                    size="small"
                    appearance="subtle"
                    icon={<LinkDismiss20Regular />}
                    aria-label={`Detach ${name} from ${cr.name}`}
                    {...restoreFocusTarget}
                    onClick={() => setOpen({ kind: 'detach', token: name })}
                  >
                    Detach
                  </AzureGatedButton>
                </Can>
              </li>
            );
          })}
        </ul>
      )}
      <Can action="connectedRegistry.write">
        <div className={styles.row}>
          <AzureGatedButton
            registry={registry}
            needs="connectedRegistries.write"
            icon={<Add20Regular />}
            {...restoreFocusTarget}
            // Focusable when refused, so the reason beside it is reachable and read.
            disabledFocusable={Boolean(limit)}
            aria-describedby={limit ? limitId : undefined}
            onClick={() => setOpen({ kind: 'attach' })}
          >
            Attach client token
          </AzureGatedButton>
          {limit ? (
            <Text id={limitId} className={styles.muted}>
              {limit}
            </Text>
          ) : null}
        </div>
        {open?.kind === 'attach' ? (
          <AttachClientTokenDialog
            registry={registry}
            connectedRegistry={cr}
            tokens={overview.tokens}
            scopeMaps={overview.scopeMaps}
            onClose={() => setOpen(undefined)}
          />
        ) : null}
        {open?.kind === 'detach' ? (
          <DetachClientTokenDialog
            registry={registry}
            connectedRegistry={cr}
            tokensByName={tokensByName}
            initialToken={open.token}
            onClose={() => setOpen(undefined)}
          />
        ) : null}
      </Can>
    </Section>
  );
}

/**
 * Who can sign in to this connected registry, from the engine's `acceptedAt`:
 * its client tokens and the sync tokens of its direct children ("a sync token
 * accesses the endpoint of the parent registry"), each saying how.
 */
export function AcceptedHereSection({
  registry,
  overview,
  connectedRegistry: cr,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  connectedRegistry: ConnectedRegistryView;
}) {
  const styles = useStyles();
  const accepted = useMemo(() => indexOverview(overview).acceptedAt(cr), [overview, cr]);
  const disabledBy = indexOverview(overview).context(cr).disabledBySyncToken;
  return (
    <Section level={3} title={`Accepted here (${accepted.length})`}>
      <Text className={styles.muted}>
        Client tokens and the sync tokens of its direct children can sign in to {cr.name}
        {disabledBy ? ', but none can while it is disabled' : ''}.
      </Text>
      {accepted.length === 0 ? (
        <Text className={styles.muted}>No token: nothing can sign in to {cr.name}.</Text>
      ) : (
        <ul className={styles.list} aria-label={`Tokens accepted by ${cr.name}`}>
          {accepted.map(({ token, acceptedAs }) => (
            <li key={token.name} className={styles.row}>
              <TokenLink registry={registry} name={token.name} />
              <TokenStatusBadge status={token.status} />
              <span className={styles.muted}>
                {acceptedAs.map(describeAcceptance).join(' and ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
