import { lazy, Suspense } from 'react';
import { isApiError } from '../lib/api-client';
import type { ErrorPanelProps } from './error-panel-message-bar';

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

/** The panel's heading and message: the BFF's own words where it gave them. */
export function errorText(error: unknown, title?: string): { heading: string; message: string } {
  const api = isApiError(error) ? error : undefined;
  return {
    heading: title ?? (api ? titles[api.code] : undefined) ?? 'Something went wrong',
    message:
      error instanceof Error ? error.message : 'Something went wrong while showing this page.',
  };
}

// Fluent's MessageBar (and its motion) is ~10 KB gzip that no page needs until
// something fails: it is fetched then, and the plain text stands in meanwhile.
const ErrorPanelMessageBar = lazy(() =>
  import('./error-panel-message-bar').then((m) => ({ default: m.ErrorPanelMessageBar })),
);

/**
 * An error shown where the content would have been, with the BFF's own message
 * and the request id someone can search the logs for.
 */
export function ErrorPanel(props: ErrorPanelProps) {
  const { heading, message } = errorText(props.error, props.title);
  return (
    <Suspense
      fallback={
        <div role="alert">
          <strong>{heading}</strong> {message}
        </div>
      }
    >
      <ErrorPanelMessageBar {...props} />
    </Suspense>
  );
}
