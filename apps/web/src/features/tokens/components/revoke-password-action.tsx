import { submitMutation } from '../../../lib/submit-mutation';
import { MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { Delete16Regular } from '@fluentui/react-icons';
import type { PasswordSlot, TokenView } from '@latchkey/domain';
import { useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { slotLabel } from '../../../components/password-slots';
import { formatDateTime } from '../../../lib/format';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useRevokePassword } from '../api/revoke-password';
import { ActionDialog } from '../../../components/action-dialog';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

/** "Revoke" beside one present password slot, behind a confirmation naming it. */
export function RevokePasswordAction({
  registry,
  token,
  slot,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  slot: PasswordSlot;
  /** Open the confirmation on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const mutation = useRevokePassword(registry, token.name);
  const notify = useNotifySuccess();
  const label = slotLabel(slot.name);
  const other = token.passwords.find((s) => s.name !== slot.name);
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="tokens.write"
        size="small"
        icon={<Delete16Regular />}
        aria-label={`Revoke ${label.toLowerCase()}`}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Revoke
      </AzureGatedButton>
      {open ? (
        <ActionDialog
          title={`Revoke ${label.toLowerCase()} of ${token.name}?`}
          submitLabel={`Revoke ${label.toLowerCase()}`}
          pendingLabel="Revoking…"
          destructive
          canSubmit
          pending={mutation.isPending}
          error={mutation.error}
          onDismiss={() => setOpen(false)}
          onSubmit={() =>
            // The read-back empties the slot, whose row (and this action) then goes.
            submitMutation(mutation.mutateAsync, { slot: slot.name }, () => {
              setOpen(false);
              keepFocusOnPage();
              notify(`${label} of ${token.name} revoked`);
            })
          }
        >
          <Text>
            {label}, created {formatDateTime(slot.creationTime)}
            {slot.expiry ? ` and expiring ${formatDateTime(slot.expiry)}` : ', with no expiry'},
            will be removed.
          </Text>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Every client that signs in with this password stops working
              {token.clientOf.length > 0 ? `, including on ${token.clientOf.join(', ')}` : ''}.
              {token.kind.type === 'sync'
                ? ` This is the sync token of ${token.kind.connectedRegistry}: if it uses this password, it stops syncing until it gets a new connection string.`
                : ''}{' '}
              This cannot be undone.
              {other?.present
                ? ''
                : ` ${token.name} will have no password left, so nothing can sign in with it.`}
            </MessageBarBody>
          </MessageBar>
        </ActionDialog>
      ) : null}
    </>
  );
}
