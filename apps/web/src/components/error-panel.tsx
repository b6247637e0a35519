import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isApiError } from '../lib/api-client';
import { CopyButton } from './copy-button';

const useStyles = makeStyles({
  meta: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

const titles: Partial<Record<string, string>> = {
  invalid_input: 'The console refused the input',
  conflict: 'Refused: it conflicts with the current state',
  rate_limited: 'Too many requests',
  not_found: 'Not found',
  not_allowed: 'Your console role does not allow this',
  azure_forbidden: 'Azure refused access',
  azure_throttled: 'Azure is throttling requests',
  upstream_timeout: 'Azure did not answer in time',
  upstream_error: 'Azure failed to answer',
  network: 'Cannot reach the console server',
};

/**
 * An error shown where the content would have been, with the BFF's own message
 * and the request id someone can search the logs for.
 */
export function ErrorPanel({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const styles = useStyles();
  const api = isApiError(error) ? error : undefined;
  const message =
    error instanceof Error ? error.message : 'Something went wrong while showing this page.';
  const heading = title ?? (api ? titles[api.code] : undefined) ?? 'Something went wrong';
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{heading}</MessageBarTitle>
        {message}
        {api && api.details.length > 0 ? (
          <ul className={styles.details}>
            {api.details.map((d, i) => (
              <li key={i}>{d.field ? `${d.field}: ${d.message}` : d.message}</li>
            ))}
          </ul>
        ) : null}
        {api?.retryAfterSeconds ? (
          <span className={styles.meta}>Retry after {api.retryAfterSeconds} s.</span>
        ) : null}
        {api?.requestId ? (
          <span className={styles.meta}>
            Request id: {api.requestId} <CopyButton value={api.requestId} what="the request id" />
          </span>
        ) : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
