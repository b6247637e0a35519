import { CopyButton } from './copy-button';
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
import { errorText } from './error-panel';

const useStyles = makeStyles({
  meta: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** What `ErrorPanel` (error-panel.tsx) shows once loaded: a Fluent MessageBar. */
export function ErrorPanelMessageBar({ error, title, onRetry }: ErrorPanelProps) {
  const styles = useStyles();
  const api = isApiError(error) ? error : undefined;
  const { heading, message } = errorText(error, title);
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
