import { submitMutation } from '../../../lib/submit-mutation';
import { AzureGatedButton } from '../../../components/can';
import {
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { ancestorsOf, type ConnectedRegistryView } from '@latchkey/domain';
import { useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { FailureSteps } from '../../../components/steps-report';
import { TypedConfirmation, typedMatches } from '../../../components/typed-confirmation';
import { fieldError } from '../../../lib/field-error';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { stepOutcomeLabel } from '../../../lib/steps';
import { useDeleteConnectedRegistry } from '../api/connected-registry-lifecycle';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * Delete, as `az acr connected-registry delete [--cleanup]`; cleanup is chosen
 * by default. Refused while it has children (the button says which).
 */
export function DeleteConnectedRegistryAction({
  registry,
  connectedRegistry: cr,
  all,
  children,
  onDeleted,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  all: readonly ConnectedRegistryView[];
  children: readonly string[];
  onDeleted: () => void;
}) {
  const styles = useStyles();
  const notify = useNotifySuccess();
  const mutation = useDeleteConnectedRegistry(registry, cr.name);
  const [open, setOpen] = useState(false);
  const [cleanup, setCleanup] = useState(true);
  const [typed, setTyped] = useState('');
  const ancestors = ancestorsOf(cr, all);
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs={[
          'connectedRegistries.delete',
          'scopeMaps.write',
          'tokens.delete',
          'scopeMaps.delete',
        ]}
        icon={<Delete20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setTyped('');
          setCleanup(true);
          setOpen(true);
        }}
      >
        Delete
      </AzureGatedButton>
      {open ? (
        <ActionDialog
          title={`Delete ${cr.name}?`}
          submitLabel="Delete"
          pendingLabel="Deleting…"
          destructive
          canSubmit={children.length === 0 && typedMatches(typed, cr.name)}
          pending={mutation.isPending}
          error={mutation.error}
          onDismiss={() => setOpen(false)}
          onSubmit={() =>
            // The read-back removes the node, which unmounts this action.
            submitMutation(
              mutation.mutateAsync,
              { cleanup, confirmName: typed.trim() },
              (result) => {
                setOpen(false);
                keepFocusOnPage();
                notify(
                  `${cr.name} deleted`,
                  [
                    ...result.steps.map((s) => `${stepOutcomeLabel(s.outcome)}: ${s.step}.`),
                    ...result.warnings,
                  ].join(' '),
                );
                onDeleted();
              },
            )
          }
        >
          {children.length > 0 ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                {cr.name} has child connected registries ({children.join(', ')}): delete them first.
              </MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                The device running {cr.name} stops syncing. Deleting cannot be fully undone: a
                re-created connected registry is inactive and needs a new connection string.
              </MessageBarBody>
            </MessageBar>
          )}
          <Checkbox
            checked={cleanup}
            onChange={(_e, d) => setCleanup(!!d.checked)}
            label="Clean up: also delete its sync token and sync scope map, and remove its gateway actions from its ancestors' sync scope maps"
          />
          <Text weight="semibold">What this does, in order</Text>
          <ol className={styles.list}>
            <li>Delete connected registry {cr.name}</li>
            {cleanup ? (
              <>
                {ancestors.map((a) => (
                  <li key={a.name}>
                    Remove gateway/{cr.name.toLowerCase()}/… from the sync scope map of {a.name}
                  </li>
                ))}
                {cr.syncTokenName ? <li>Delete sync token {cr.syncTokenName}</li> : null}
                <li>Delete its sync scope map (unless another token uses it)</li>
              </>
            ) : (
              <li>
                Keep its sync token, sync scope map and the ancestors&apos; gateway actions (delete
                them yourself later)
              </li>
            )}
          </ol>
          {cleanup ? (
            <Text>
              Repository actions stay in the ancestors&apos; maps: an ancestor or a sibling may
              still sync those repositories.
            </Text>
          ) : null}
          <TypedConfirmation
            expected={cr.name}
            what="the connected registry's name"
            value={typed}
            onChange={setTyped}
            validationMessage={fieldError(mutation.error, 'confirmName')}
          />
          <FailureSteps error={mutation.error} title="What happened at each step" />
        </ActionDialog>
      ) : null}
    </>
  );
}
