import { makeStyles } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { Play20Regular, Pause20Regular } from '@fluentui/react-icons';
import type { TokenView } from '@latchkey/domain';
import { Suspense, useEffect, useRef, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { useNotifySuccess } from '../../../components/notify';
import { keepFocusOnPage } from '../../../lib/focus';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { AzureGatedButton } from '../../../components/can';
import { useSetTokenStatus } from '../api/set-token-status';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The disable confirmation (its MessageBar, Field and Input) loads when it first opens.
const DisableTokenDialog = lazyNamed(() => import('./disable-token-dialog'), 'DisableTokenDialog');

const useStyles = makeStyles({
  // The error takes a line of its own in the (wrapping) actions bar.
  fullRow: { flexBasis: '100%' },
});

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
        <Suspense fallback={null}>
          <DisableTokenDialog
            token={token}
            mutation={mutation}
            typed={typed}
            setTyped={setTyped}
            setOpen={setOpen}
          />
        </Suspense>
      ) : null}
    </>
  );
}
