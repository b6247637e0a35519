import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { Suspense } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { useVerifyAudit } from '../api/verify-audit';
import { verificationMessage } from '../utils/verification-message';
import { lazyNamed } from '../../../lib/lazy-named';

// Fluent's MessageBar is not on the first view: it is fetched when "Verify" is
// pressed, so it is there by the time the answer comes back.
const loadMessage = () => import('./verify-chain-message');
const VerifyChainMessage = lazyNamed(loadMessage, 'VerifyChainMessage');

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
  },
});

/** "Verify hash chain": the BFF recomputes every record's hash; the answer is shown as it came. */
export function VerifyChain() {
  const styles = useStyles();
  const verify = useVerifyAudit();
  const message = verify.data && !verify.isPending ? verificationMessage(verify.data) : undefined;
  return (
    <div className={styles.root}>
      <Button
        icon={verify.isPending ? <Spinner size="tiny" aria-hidden /> : <ShieldCheckmark20Regular />}
        disabledFocusable={verify.isPending}
        onClick={() => {
          void loadMessage();
          verify.mutate();
        }}
      >
        {verify.isPending ? 'Verifying…' : 'Verify hash chain'}
      </Button>
      <div role="status" aria-live="polite">
        {message ? (
          <Suspense fallback={message.text}>
            <VerifyChainMessage message={message} />
          </Suspense>
        ) : null}
      </div>
      {verify.isError ? (
        <ErrorPanel error={verify.error} title="Could not verify the chain" />
      ) : null}
    </div>
  );
}
