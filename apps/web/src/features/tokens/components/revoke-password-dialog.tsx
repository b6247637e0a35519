import { MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { PasswordSlot, TokenView } from '@latchkey/domain';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { slotLabel } from '../../../components/password-slots';
import { formatDateTime } from '../../../lib/format';
import { keepFocusOnPage } from '../../../lib/focus';
import { submitMutation } from '../../../lib/submit-mutation';
import type { useRevokePassword } from '../api/revoke-password';

/** The confirmation of RevokePasswordAction (revoke-password-action.tsx), loaded when it first opens. */
export function RevokePasswordDialog({
  token,
  slot,
  mutation,
  setOpen,
}: {
  token: TokenView;
  slot: PasswordSlot;
  mutation: ReturnType<typeof useRevokePassword>;
  setOpen: (open: boolean) => void;
}) {
  const notify = useNotifySuccess();
  const label = slotLabel(slot.name);
  const other = token.passwords.find((s) => s.name !== slot.name);
  return (
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
        {slot.expiry ? ` and expiring ${formatDateTime(slot.expiry)}` : ', with no expiry'}, will be
        removed.
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
  );
}
