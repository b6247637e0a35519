import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { TokenView } from '@latchkey/domain';
import { useNotifySuccess } from '../../../components/notify';
import { TypedConfirmation } from '../../../components/typed-confirmation';
import { ActionDialog } from '../../../components/action-dialog';
import { fieldError } from '../../../lib/field-error';
import { keepFocusOnPage } from '../../../lib/focus';
import type { useSetTokenStatus } from '../api/set-token-status';
import { disableRequirement, typedMatches } from '../utils/token-actions';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** The disable confirmation of TokenStatusAction (token-status-action.tsx), loaded when it first opens. */
export function DisableTokenDialog({
  token,
  mutation,
  typed,
  setTyped,
  setOpen,
}: {
  token: TokenView;
  mutation: ReturnType<typeof useSetTokenStatus>;
  typed: string;
  setTyped: (typed: string) => void;
  setOpen: (open: boolean) => void;
}) {
  const styles = useStyles();
  const notify = useNotifySuccess();
  const requirement = disableRequirement(token);
  const canSubmit =
    requirement.kind !== 'sync' || typedMatches(typed, requirement.connectedRegistry);
  return (
    <ActionDialog
      title={
        requirement.kind === 'sync'
          ? `Disable ${token.name} and suspend ${requirement.connectedRegistry}?`
          : `Disable ${token.name}?`
      }
      submitLabel="Disable token"
      pendingLabel="Disabling…"
      destructive
      canSubmit={canSubmit}
      pending={mutation.isPending}
      error={mutation.error}
      onDismiss={() => setOpen(false)}
      onSubmit={() =>
        mutation.mutate(
          requirement.kind === 'sync'
            ? { status: 'disabled', confirmConnectedRegistryName: typed.trim() }
            : { status: 'disabled' },
          {
            onSuccess: () => {
              setOpen(false);
              keepFocusOnPage();
              notify(
                `${token.name} disabled`,
                requirement.kind === 'sync'
                  ? `${requirement.connectedRegistry} cannot sync until the token is enabled again.`
                  : undefined,
              );
            },
          },
        )
      }
    >
      {requirement.kind === 'sync' ? (
        <>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {token.name} is the sync token of connected registry{' '}
              <strong>{requirement.connectedRegistry}</strong>. Disabling it disables{' '}
              {requirement.connectedRegistry}: it can no longer sync with its parent, so new images,
              tags and permission changes stop reaching it (and its children), and the access review
              shows nothing effective on it (no client token, no child&apos;s sync token) until the
              token is enabled again.
            </MessageBarBody>
          </MessageBar>
          <TypedConfirmation
            expected={requirement.connectedRegistry}
            what="the connected registry's name"
            value={typed}
            onChange={setTyped}
            validationMessage={fieldError(mutation.error, 'confirmConnectedRegistryName')}
          />
        </>
      ) : requirement.kind === 'client' ? (
        <>
          <Text>
            Clients signing in with {token.name} stop working on the registry and on every connected
            registry that accepts it:
          </Text>
          <ul className={styles.list}>
            {requirement.connectedRegistries.map((cr) => (
              <li key={cr}>{cr}</li>
            ))}
          </ul>
          <Text>Its passwords are kept; enabling it again restores access.</Text>
        </>
      ) : (
        <Text>
          Clients signing in with {token.name} stop working. Its passwords are kept; enabling it
          again restores access.
        </Text>
      )}
    </ActionDialog>
  );
}
