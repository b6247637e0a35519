import { submitMutation } from '../../../lib/submit-mutation';
import { MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { Power20Regular } from '@fluentui/react-icons';
import type { ConnectedRegistryView } from '@latchkey/domain';
import { useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { TypedConfirmation, typedMatches } from '../../../components/typed-confirmation';
import { fieldError } from '../../../lib/field-error';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useDeactivateConnectedRegistry } from '../api/deactivate-connected-registry';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

/**
 * Deactivate marks a connected registry as not deployed, so it can be deployed
 * again (elsewhere); the device needs a new connection string to come back.
 * Disruptive, so the name is typed to confirm; the receipt reports the
 * activation Azure reads back.
 */
export function DeactivateAction({
  registry,
  connectedRegistry: cr,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
}) {
  const notify = useNotifySuccess();
  const mutation = useDeactivateConnectedRegistry(registry, cr.name);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="connectedRegistries.deactivate"
        icon={<Power20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setTyped('');
          setOpen(true);
        }}
      >
        Deactivate
      </AzureGatedButton>
      {open ? (
        <ActionDialog
          title={`Deactivate ${cr.name}?`}
          submitLabel="Deactivate"
          pendingLabel="Deactivating…"
          destructive
          canSubmit={typedMatches(typed, cr.name)}
          pending={mutation.isPending}
          error={mutation.error}
          onDismiss={() => setOpen(false)}
          onSubmit={() =>
            // The read-back shows the registry Inactive, which unmounts this action.
            submitMutation(
              mutation.mutateAsync,
              { confirmConnectedRegistryName: typed.trim() },
              (result) => {
                setOpen(false);
                keepFocusOnPage();
                const now = result.connectedRegistry.activation;
                notify(
                  now === 'Inactive'
                    ? `${cr.name} deactivated`
                    : `${cr.name}: Azure still reports it ${now}`,
                  [`Azure now reports it ${now}.`, ...result.warnings].join(' '),
                );
              },
            )
          }
        >
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              Deactivating marks {cr.name} as not deployed. The device running it stops syncing; to
              bring it (or a replacement) back, it must be activated again with a new connection
              string, which rotates the sync token&apos;s password.
            </MessageBarBody>
          </MessageBar>
          <Text>
            Its configuration, sync token, client tokens and synced repositories are kept.
          </Text>
          <TypedConfirmation
            expected={cr.name}
            what="the connected registry's name"
            value={typed}
            onChange={setTyped}
            validationMessage={fieldError(mutation.error, 'confirmConnectedRegistryName')}
          />
        </ActionDialog>
      ) : null}
    </>
  );
}
