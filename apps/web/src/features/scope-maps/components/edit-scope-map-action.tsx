import { Edit20Regular } from '@fluentui/react-icons';
import type {
  ConnectedRegistryView,
  RegistryOverview,
  ScopeMapView,
  TokenView,
} from '@latchkey/domain';
import { Suspense, useState } from 'react';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useUpdateScopeMap } from '../api/mutate-scope-map';
import { AzureGatedButton, useAzureRefusal } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The editor (its inputs, the row editor, the review with the findings engine)
// loads when Edit is first pressed, not with the scope map's page.
const EditScopeMapDialog = lazyNamed(() => import('./edit-scope-map-dialog'), 'EditScopeMapDialog');

/**
 * Edit a user-defined scope map: the Edit button, and the editor it opens
 * (edit-scope-map-dialog.tsx).
 */
export function EditScopeMapAction({
  registry,
  scopeMap,
  users,
  connectedRegistries,
  overview,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  scopeMap: ScopeMapView;
  users: readonly TokenView[];
  connectedRegistries: readonly ConnectedRegistryView[];
  /** The registry as last read, for the findings the change would create or resolve. */
  overview: RegistryOverview | undefined;
  /** Open the editor on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const mutation = useUpdateScopeMap(registry, scopeMap.name);
  const [wantOpen, setOpen] = useState(defaultOpen);
  // A fix link must not open an editor Azure would refuse to save.
  const refused = useAzureRefusal(registry, 'scopeMaps.write').reason;
  const open = wantOpen && !refused;

  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="scopeMaps.write"
        icon={<Edit20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Edit
      </AzureGatedButton>
      {open ? (
        <Suspense fallback={null}>
          <EditScopeMapDialog
            scopeMap={scopeMap}
            users={users}
            connectedRegistries={connectedRegistries}
            overview={overview}
            mutation={mutation}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
