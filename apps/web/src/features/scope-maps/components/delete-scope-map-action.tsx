import {
  Button,
  makeStyles,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import type { ScopeMapView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { TypedConfirmation } from '../../../components/typed-confirmation';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { ActionDialog } from '../../tokens/components/action-dialog';
import { typedMatches } from '../../tokens/utils/token-actions';
import { useDeleteScopeMap } from '../api/mutate-scope-map';

const useStyles = makeStyles({
  reason: {
    flexBasis: '100%',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Why a scope map cannot be deleted now, or undefined. */
export function deleteScopeMapBlockedReason(users: readonly string[]): string | undefined {
  if (users.length === 0) return undefined;
  return `Cannot delete: ${users.length === 1 ? 'token' : 'tokens'} ${users.join(', ')} ${
    users.length === 1 ? 'uses' : 'use'
  } it. Point ${users.length === 1 ? 'it' : 'them'} at another scope map first.`;
}

export function DeleteScopeMapAction({
  registry,
  scopeMap,
  users,
}: {
  registry: RegistryParams;
  scopeMap: ScopeMapView;
  users: readonly string[];
}) {
  const styles = useStyles();
  const reasonId = useId();
  const restoreFocus = useRestoreFocusTarget();
  const notify = useNotifySuccess();
  const navigate = useNavigate();
  const mutation = useDeleteScopeMap(registry, scopeMap.name);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const blocked = deleteScopeMapBlockedReason(users);

  if (blocked) {
    return (
      <>
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
          title={`Delete scope map ${scopeMap.name}?`}
          submitLabel="Delete scope map"
          pendingLabel="Deleting…"
          destructive
          canSubmit={typedMatches(typed, scopeMap.name)}
          pending={mutation.isPending}
          error={mutation.error}
          onDismiss={() => setOpen(false)}
          onSubmit={() =>
            mutation.mutate(undefined, {
              onSuccess: () => {
                setOpen(false);
                notify(`Scope map ${scopeMap.name} deleted`);
                void navigate({
                  to: '/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps',
                  params: registry,
                }).then(() => keepFocusOnPage());
              },
            })
          }
        >
          <Text>
            No token uses {scopeMap.name}. Deleting it removes its {scopeMap.actions.length} actions
            and cannot be undone.
          </Text>
          <TypedConfirmation
            expected={scopeMap.name}
            what="the scope map's name"
            value={typed}
            onChange={setTyped}
          />
        </ActionDialog>
      ) : null}
    </>
  );
}
