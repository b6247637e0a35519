import { Delete16Regular } from '@fluentui/react-icons';
import type { PasswordSlot, TokenView } from '@latchkey/domain';
import { Suspense, useState } from 'react';
import { slotLabel } from '../../../components/password-slots';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useRevokePassword } from '../api/revoke-password';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The confirmation (its MessageBar) loads when it first opens, not with the token's page.
const RevokePasswordDialog = lazyNamed(
  () => import('./revoke-password-dialog'),
  'RevokePasswordDialog',
);

/** "Revoke" beside one present password slot, behind a confirmation naming it. */
export function RevokePasswordAction({
  registry,
  token,
  slot,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  slot: PasswordSlot;
  /** Open the confirmation on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const mutation = useRevokePassword(registry, token.name);
  const label = slotLabel(slot.name);
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="tokens.write"
        size="small"
        icon={<Delete16Regular />}
        aria-label={`Revoke ${label.toLowerCase()}`}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Revoke
      </AzureGatedButton>
      {open ? (
        <Suspense fallback={null}>
          <RevokePasswordDialog token={token} slot={slot} mutation={mutation} setOpen={setOpen} />
        </Suspense>
      ) : null}
    </>
  );
}
