import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Play20Regular, Pause20Regular } from '@fluentui/react-icons';
import type { TokenView } from '@latchkey/domain';
import { useEffect, useRef, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { useNotifySuccess } from '../../../components/notify';
import { TypedConfirmation } from '../../../components/typed-confirmation';
import { isApiError } from '../../../lib/api-client';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { AzureGatedButton } from '../../../components/can';
import { useSetTokenStatus } from '../api/set-token-status';
import { disableRequirement, typedMatches } from '../utils/token-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  // The error takes a line of its own in the (wrapping) actions bar.
  fullRow: { flexBasis: '100%' },
});

/** The BFF names the field it refused; show that message under the field itself. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.details.find((d) => d.field === field)?.message;
}

/**
 * Enable is one click (it only restores access the admin already granted);
 * disable asks first, and for a sync token requires the connected registry's
 * name typed, because it suspends that registry.
 */
export function TokenStatusAction({
  registry,
  token,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  /**
   * Start the action on mount (a finding's fix link lands here): the disable
   * dialog opens; enable has no dialog, so its button only takes focus.
   */
  defaultOpen?: boolean;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(defaultOpen && token.status === 'enabled');
  const enableRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (defaultOpen) enableRef.current?.focus();
    // Only on mount: the link asks once.
  }, []);
  const [typed, setTyped] = useState('');
  const mutation = useSetTokenStatus(registry, token.name);
  const notify = useNotifySuccess();
  const requirement = disableRequirement(token);

  if (token.status === 'disabled') {
    return (
      <>
        <AzureGatedButton
          registry={registry}
          needs="tokens.write"
          ref={enableRef}
          icon={mutation.isPending ? <Spinner size="tiny" aria-hidden /> : <Play20Regular />}
          // Focusable while pending: it is where focus returns after the disable dialog.
          disabledFocusable={mutation.isPending}
          onClick={() =>
            mutation.mutate(
              { status: 'enabled' },
              {
                onSuccess: () => {
                  notify(`${token.name} enabled`);
                  keepFocusOnPage();
                },
              },
            )
          }
        >
          {mutation.isPending ? 'Enabling…' : 'Enable'}
        </AzureGatedButton>
        {mutation.isError ? (
          <div className={styles.fullRow}>
            <ErrorPanel error={mutation.error} title="Could not enable the token" />
          </div>
        ) : null}
      </>
    );
  }

  const canSubmit =
    requirement.kind !== 'sync' || typedMatches(typed, requirement.connectedRegistry);
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="tokens.write"
        icon={<Pause20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setTyped('');
          setOpen(true);
        }}
      >
        Disable
      </AzureGatedButton>
      {open ? (
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
                  {requirement.connectedRegistry}: it can no longer sync with its parent, so new
                  images, tags and permission changes stop reaching it (and its children), and the
                  access review shows nothing effective on it (no client token, no child&apos;s sync
                  token) until the token is enabled again.
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
                Clients signing in with {token.name} stop working on the registry and on every
                connected registry that accepts it:
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
      ) : null}
    </>
  );
}
