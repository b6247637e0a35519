import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { ErrorPanel } from '../../../components/error-panel';
import { useVerifyAudit } from '../api/verify-audit';
import { verificationMessage } from '../utils/verification-message';

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
        onClick={() => verify.mutate()}
      >
        {verify.isPending ? 'Verifying…' : 'Verify hash chain'}
      </Button>
      <div role="status" aria-live="polite">
        {message ? (
          <MessageBar intent={message.intent} layout="multiline">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {verify.isError ? (
        <ErrorPanel error={verify.error} title="Could not verify the chain" />
      ) : null}
    </div>
  );
}
