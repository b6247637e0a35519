import { makeStyles, tokens } from '@fluentui/react-components';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ErrorPanel } from './error-panel';

const useStyles = makeStyles({ root: { padding: tokens.spacingVerticalL } });

/**
 * The error boundary of every route: a failure in one page stays in that page,
 * with the shell (navigation, sign-out) still usable.
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const queryReset = useQueryErrorResetBoundary();
  useEffect(() => queryReset.reset(), [queryReset]);
  return (
    <div className={useStyles().root}>
      <ErrorPanel
        error={error}
        title="This page failed to show"
        onRetry={() => {
          reset();
          void router.invalidate();
        }}
      />
    </div>
  );
}
