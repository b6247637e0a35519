import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useNotifySuccess } from '../../../components/notify';
import { TypedDeleteAction } from '../../../components/typed-delete-action';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useDeleteToken } from '../api/delete-token';
import { deleteBlockedReason } from '../utils/token-actions';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * Delete, behind the token's name typed; refused (with the reason shown) for
 * the sync token of an existing connected registry.
 */
export function DeleteTokenAction({
  registry,
  token,
  connectedRegistries,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  connectedRegistries: readonly ConnectedRegistryView[];
  /** Open the confirmation on mount (a finding's fix link). */
  defaultOpen?: boolean;
}) {
  const styles = useStyles();
  const navigate = useNavigate();
  const notify = useNotifySuccess();
  const mutation = useDeleteToken(registry, token.name);
  return (
    <TypedDeleteAction
      azure={{ registry, needs: 'tokens.delete' }}
      kind="token"
      name={token.name}
      what="the token's name"
      blockedReason={deleteBlockedReason(token, connectedRegistries)}
      mutation={mutation}
      defaultOpen={defaultOpen}
      onDeleted={() => {
        notify(`Token ${token.name} deleted`);
        void navigate({
          to: '/registries/$subscriptionId/$resourceGroup/$registryName/tokens',
          params: registry,
        }).then(() => keepFocusOnPage());
      }}
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
    </TypedDeleteAction>
  );
}
