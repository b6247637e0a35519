import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useNotifySuccess } from '../../../components/notify';
import { TypedDeleteAction } from '../../../components/typed-delete-action';
import { keepFocusOnPage } from '../../../lib/focus';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useDeleteToken } from '../api/delete-token';
import { deleteBlockedReason } from '../utils/token-actions';

// Rendered only inside the confirmation, so its MessageBar loads when that first opens.
const DeleteTokenConsequences = lazyNamed(
  () => import('./delete-token-consequences'),
  'DeleteTokenConsequences',
);

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
      <DeleteTokenConsequences token={token} />
    </TypedDeleteAction>
  );
}
