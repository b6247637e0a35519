import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { TypedConfirmation } from '../../../components/typed-confirmation';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useDeleteToken } from '../api/delete-token';
import { deleteBlockedReason, typedMatches } from '../utils/token-actions';
import { ActionDialog } from './action-dialog';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  reason: {
    flexBasis: '100%',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

/**
 * Delete, behind the token's name typed. For the sync token of an existing
 * connected registry the button stays visible but disabled, with the reason
 * beside it, so the rule is learnt before trying rather than by failure.
 */
export function DeleteTokenAction({
  registry,
  token,
  connectedRegistries,
}: {
  registry: RegistryParams;
  token: TokenView;
  connectedRegistries: readonly ConnectedRegistryView[];
}) {
  const styles = useStyles();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const mutation = useDeleteToken(registry, token.name);
  const navigate = useNavigate();
  const notify = useNotifySuccess();
  const restoreFocus = useRestoreFocusTarget();
  const blocked = deleteBlockedReason(token, connectedRegistries);

  if (blocked) {
    return (
      <>
        {/* disabledFocusable keeps it reachable by keyboard so its reason can be read. */}
        <Button icon={<Delete20Regular />} disabledFocusable aria-describedby={reasonId}>
          Delete
        </Button>
        <Text id={reasonId} className={styles.reason}>
          {blocked}
        </Text>
      </>
    );
  }

  return (
    <>
      <Button
        icon={<Delete20Regular />}
        {...restoreFocus}
        onClick={() => {
          mutation.reset();
          setTyped('');
          setOpen(true);
        }}
      >
        Delete
      </Button>
      {open ? (
        <ActionDialog
          title={`Delete token ${token.name}?`}
          submitLabel="Delete token"
          pendingLabel="Deleting…"
          destructive
          canSubmit={typedMatches(typed, token.name)}
          pending={mutation.isPending}
          error={mutation.error}
          onDismiss={() => setOpen(false)}
          onSubmit={() =>
            mutation.mutate(undefined, {
              onSuccess: () => {
                setOpen(false);
                notify(`Token ${token.name} deleted`);
                void navigate({
                  to: '/registries/$subscriptionId/$resourceGroup/$registryName/tokens',
                  params: registry,
                }).then(() => keepFocusOnPage());
              },
            })
          }
        >
          {token.clientOf.length > 0 ? (
            <>
              <Text>These connected registries accept {token.name} as a client token:</Text>
              <ul className={styles.list}>
                {token.clientOf.map((cr) => (
                  <li key={cr}>{cr}</li>
                ))}
              </ul>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  Clients using {token.name} stop working there and on the registry.
                </MessageBarBody>
              </MessageBar>
            </>
          ) : (
            <Text>
              No connected registry accepts {token.name}. Clients signing in with it on the registry
              stop working.
            </Text>
          )}
          <Text>
            Deleting cannot be undone; its scope map
            {token.scopeMapName ? ` (${token.scopeMapName})` : ''} is kept.
          </Text>
          <TypedConfirmation
            expected={token.name}
            what="the token's name"
            value={typed}
            onChange={setTyped}
          />
        </ActionDialog>
      ) : null}
    </>
  );
}
