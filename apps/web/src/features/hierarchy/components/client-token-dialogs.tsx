import {
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ConnectedRegistryView, ScopeMapView, TokenView } from '@latchkey/domain';
import { useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useUpdateClientTokens } from '../api/update-client-tokens';
import { attachableTokens, ineffectiveWriteActions, maxClientTokens } from '../utils/client-tokens';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const lower = (s: string) => s.toLowerCase();

/** The receipt says what Azure now lists (the read-back), not what was asked for. */
function receipt(
  cr: ConnectedRegistryView,
  verb: 'attached to' | 'detached from',
  token: string,
  warnings: readonly string[],
): [string, string] {
  const listed = cr.clientTokenNames.some((n) => lower(n) === lower(token));
  const ok = verb === 'attached to' ? listed : !listed;
  const count = `${cr.name} now has ${cr.clientTokenNames.length} of ${maxClientTokens} client tokens.`;
  return [
    ok ? `${token} ${verb} ${cr.name}` : `${token}: Azure does not show the change yet`,
    [count, ...warnings].join(' '),
  ];
}

/** Attach one token as a client token, warning first when a ReadOnly registry would ignore its writes. */
export function AttachClientTokenDialog({
  registry,
  connectedRegistry: cr,
  tokens: all,
  scopeMaps,
  onClose,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  tokens: readonly TokenView[];
  scopeMaps: readonly ScopeMapView[];
  onClose: () => void;
}) {
  const styles = useStyles();
  const notify = useNotifySuccess();
  const mutation = useUpdateClientTokens(registry, cr.name);
  const candidates = attachableTokens(cr, all);
  const [name, setName] = useState('');
  const token = candidates.find((t) => t.name === name);
  const writes = token ? ineffectiveWriteActions(cr, token, scopeMaps) : [];
  const count = cr.clientTokenNames.length;

  return (
    <ActionDialog
      title={`Attach a client token to ${cr.name}`}
      submitLabel={token ? `Attach ${token.name}` : 'Attach'}
      pendingLabel="Attaching…"
      canSubmit={Boolean(token)}
      pending={mutation.isPending}
      error={mutation.error}
      onDismiss={onClose}
      onSubmit={() => {
        if (!token) return;
        mutation.mutate(
          { add: [token.name] },
          {
            onSuccess: (result) => {
              onClose();
              keepFocusOnPage();
              notify(
                ...receipt(result.connectedRegistry, 'attached to', token.name, result.warnings),
              );
            },
          },
        );
      }}
    >
      <Text>
        A client token lets on-premises clients pull from {cr.name}
        {cr.mode === 'ReadWrite' ? ' (and push to it)' : ''}: the repositories its scope map grants
        that {cr.name} also syncs. {cr.name} has {count} of {maxClientTokens} client tokens; this
        makes {count + 1}.
      </Text>
      {candidates.length === 0 ? (
        <Text>
          No token can be attached: every token is a sync token or already a client of {cr.name}.
          Create a token first.
        </Text>
      ) : (
        <Field
          label="Token"
          required
          hint="Sync tokens are not listed: a sync token is for a connected registry to sync, not for clients."
        >
          <Select value={name} onChange={(_e, d) => setName(d.value)}>
            <option value="">Choose a token…</option>
            {candidates.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} · {t.scopeMapName ? `scope map ${t.scopeMapName}` : 'no scope map'}
                {t.status === 'disabled' ? ' · disabled' : ''}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {token && writes.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>These permissions have no effect on {cr.name}</MessageBarTitle>
            {cr.name} is ReadOnly: it serves pulls only. The scope map {token.scopeMapName} of{' '}
            {token.name} grants write or delete permissions that will not work there, yet the
            attachment reads as if they did:
            <ul className={styles.list}>
              {writes.map((a) => (
                <li key={a} className={styles.mono}>
                  {a}
                </li>
              ))}
            </ul>
            Prefer a token with a read-only scope map. You can still attach it.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {token?.status === 'disabled' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {token.name} is disabled: clients cannot use it on {cr.name} until it is enabled.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {token && !token.scopeMapName ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {token.name} has no scope map: it grants nothing on {cr.name}.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </ActionDialog>
  );
}

/** Detach one client token; the token itself and its other attachments stay. */
export function DetachClientTokenDialog({
  registry,
  connectedRegistry: cr,
  tokensByName,
  initialToken,
  onClose,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  tokensByName: ReadonlyMap<string, TokenView>;
  /** Preselected (the row's Detach button, or a finding's fix link). */
  initialToken?: string | undefined;
  onClose: () => void;
}) {
  const styles = useStyles();
  const notify = useNotifySuccess();
  const mutation = useUpdateClientTokens(registry, cr.name);
  const attached = cr.clientTokenNames;
  const [name, setName] = useState(
    () => attached.find((n) => initialToken && lower(n) === lower(initialToken)) ?? '',
  );
  // Started from a token's row (or a fix link naming it): the token is chosen, not asked again.
  const [preselected] = useState(name !== '');
  const token = tokensByName.get(lower(name));
  const elsewhere = (token?.clientOf ?? []).filter((c) => lower(c) !== lower(cr.name));

  return (
    <ActionDialog
      title={name ? `Detach ${name} from ${cr.name}?` : `Detach a client token from ${cr.name}`}
      submitLabel={name ? `Detach ${name}` : 'Detach'}
      pendingLabel="Detaching…"
      destructive
      canSubmit={name !== ''}
      pending={mutation.isPending}
      error={mutation.error}
      onDismiss={onClose}
      onSubmit={() =>
        mutation.mutate(
          { remove: [name] },
          {
            onSuccess: (result) => {
              onClose();
              keepFocusOnPage();
              notify(...receipt(result.connectedRegistry, 'detached from', name, result.warnings));
            },
          },
        )
      }
    >
      {attached.length === 0 ? (
        <Text>{cr.name} has no client token to detach.</Text>
      ) : preselected ? null : (
        <Field label="Client token" required>
          <Select value={name} onChange={(_e, d) => setName(d.value)}>
            <option value="">Choose a client token…</option>
            {attached.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {initialToken && !name ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {initialToken} is not a client token of {cr.name} (any more): nothing to detach.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {name ? (
        <>
          <Text>
            Clients signing in with {name} can no longer use {cr.name} (after its next sync). The
            token itself and its passwords are kept
            {elsewhere.length > 0 ? '; it stays a client token of:' : '.'}
          </Text>
          {elsewhere.length > 0 ? (
            <ul className={styles.list}>
              {elsewhere.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </ActionDialog>
  );
}
