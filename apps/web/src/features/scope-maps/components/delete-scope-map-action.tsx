import { Text } from '@fluentui/react-components';
import type { ScopeMapView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useNotifySuccess } from '../../../components/notify';
import { TypedDeleteAction } from '../../../components/typed-delete-action';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useDeleteScopeMap } from '../api/mutate-scope-map';
import { plural } from '../../../lib/format';

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
  const notify = useNotifySuccess();
  const navigate = useNavigate();
  const mutation = useDeleteScopeMap(registry, scopeMap.name);
  return (
    <TypedDeleteAction
      azure={{ registry, needs: 'scopeMaps.delete' }}
      kind="scope map"
      name={scopeMap.name}
      what="the scope map's name"
      blockedReason={deleteScopeMapBlockedReason(users)}
      mutation={mutation}
      onDeleted={() => {
        notify(`Scope map ${scopeMap.name} deleted`);
        void navigate({
          to: '/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps',
          params: registry,
        }).then(() => keepFocusOnPage());
      }}
    >
      <Text>
        No token uses {scopeMap.name}. Deleting it removes its{' '}
        {plural(scopeMap.actions.length, 'action')} and cannot be undone.
      </Text>
    </TypedDeleteAction>
  );
}
