import { Add20Regular } from '@fluentui/react-icons';
import type { RegistryOverview } from '@latchkey/domain';
import { Suspense, useState } from 'react';
import { AzureGatedButton } from '../../../components/can';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The form (inputs, radio groups, the plan) loads when the button is first pressed.
const CreateConnectedRegistryDialog = lazyNamed(
  () => import('./create-connected-registry-dialog'),
  'CreateConnectedRegistryDialog',
);

/** "Create connected registry" on the hierarchy page header, for admins. */
export function CreateConnectedRegistryAction({
  registry,
  overview,
  onCreated,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  onCreated: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs={['scopeMaps.write', 'tokens.write', 'connectedRegistries.write']}
        appearance="primary"
        icon={<Add20Regular />}
        {...restoreFocusTarget}
        onClick={() => setOpen(true)}
      >
        Create connected registry
      </AzureGatedButton>
      {/* Only the dialog waits for its code: the button stays in place, with focus. */}
      {open ? (
        <Suspense fallback={null}>
          <CreateConnectedRegistryDialog
            registry={registry}
            overview={overview}
            onClose={() => setOpen(false)}
            onCreated={onCreated}
          />
        </Suspense>
      ) : null}
    </>
  );
}
