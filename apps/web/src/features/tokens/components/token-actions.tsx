import { makeStyles, tokens } from '@fluentui/react-components';
import type { TokenDetail } from '@latchkey/domain';
import { Can } from '../../../components/can';
import type { RegistryParams } from '../../../lib/registry-ref';
import { DeleteTokenAction } from './delete-token-action';
import { GeneratePasswordAction } from './generate-password-action';
import { TokenStatusAction } from './token-status-action';
import type { TokenDetailAction } from '../utils/tokens-search';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
});

/**
 * The admin actions of one token. Rendered through `Can`, so a reviewer gets
 * nothing here, not even an empty bar.
 */
export function TokenActions({
  registry,
  detail,
  now,
  initialAction,
}: {
  registry: RegistryParams;
  detail: TokenDetail;
  now: number;
  /** The action a fix link asked for, started once on mount. */
  initialAction?: TokenDetailAction | undefined;
}) {
  const styles = useStyles();
  const { token } = detail;
  return (
    <Can action="token.write">
      <div className={styles.bar} role="group" aria-label={`Actions on ${token.name}`}>
        <Can action="token.credentials.generate">
          <GeneratePasswordAction
            registry={registry}
            token={token}
            now={now}
            defaultOpen={initialAction === 'generate-password'}
          />
        </Can>
        <TokenStatusAction
          registry={registry}
          token={token}
          defaultOpen={initialAction === 'set-status'}
        />
        <DeleteTokenAction
          registry={registry}
          token={token}
          connectedRegistries={detail.connectedRegistries}
          defaultOpen={initialAction === 'delete'}
        />
      </div>
    </Can>
  );
}
