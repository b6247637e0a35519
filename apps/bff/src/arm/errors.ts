import { isRestError } from '@azure/core-rest-pipeline';
import { AppError } from '../http/errors';

/** Which role a denied ARM action needs, in words a person can take to their Azure admin. */
function roleFor(read: boolean | undefined): string {
  if (read === undefined) return 'a role that allows this';
  return read ? 'Reader (or higher)' : 'Contributor (or Owner)';
}

function armRequestId(error: {
  response?: { headers?: { get(name: string): string | undefined } };
}) {
  return error.response?.headers?.get('x-ms-request-id') ?? undefined;
}

/**
 * Turns what the SDK threw into the console's error model. `target` names
 * what was being read or changed ("registry contosoregistry") for messages.
 */
export function mapArmError(
  error: unknown,
  target: string,
  op: 'read' | 'change' = 'read',
): AppError {
  if (error instanceof AppError) return error;
  if (isAbort(error)) {
    // A read is safe to repeat; a change may have landed after we stopped waiting.
    const message =
      op === 'read'
        ? `Azure did not answer in time while reading ${target}. Try again in a moment.`
        : `Azure did not answer in time while changing ${target}. The change may or may not have been applied: reload before trying again.`;
    return new AppError('upstream_timeout', message, { cause: error, retryAfterSeconds: 5 });
  }
  if (!isRestError(error) && /long-running operation/i.test((error as Error)?.message ?? '')) {
    // core-lro: the status monitor answered Failed or Canceled.
    return new AppError(
      'upstream_error',
      `Azure reported that the operation on ${target} failed. Nothing more was changed; reload to see the current state.`,
      { cause: error },
    );
  }
  if (!isRestError(error)) {
    const code = (error as { code?: string })?.code;
    if (
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'ETIMEDOUT' ||
      code === 'REQUEST_SEND_ERROR'
    ) {
      return new AppError(
        'upstream_error',
        `Azure Resource Manager could not be reached for ${target}. Try again in a moment.`,
        {
          cause: error,
          retryAfterSeconds: 5,
        },
      );
    }
    return new AppError('internal', `Unexpected failure while reading ${target}.`, {
      cause: error,
    });
  }
  const status = error.statusCode ?? 0;
  const requestId = armRequestId(error as never);
  const extra = requestId ? { armRequestId: requestId } : {};
  const armMessage = error.message;
  if (error.code === 'REQUEST_SEND_ERROR' || status === 0) {
    return new AppError(
      'upstream_error',
      `Azure Resource Manager could not be reached for ${target}. Try again in a moment.`,
      {
        cause: error,
        retryAfterSeconds: 5,
      },
    );
  }
  if (status === 401) {
    return new AppError('reauth_required', 'Azure no longer accepts your sign-in. Sign in again.', {
      cause: error,
      reauth: true,
      ...extra,
    });
  }
  if (status === 403) {
    const action = /action '([^']+)'/.exec(armMessage)?.[1];
    // A list page refused by ARM reaches us as the SDK's "Pagination failed with
    // unexpected statusCode 403", without ARM's message: a refused GET is a read.
    const method = (error as { request?: { method?: string } }).request?.method;
    const read = action
      ? /\/read$/i.test(action)
      : method
        ? method.toUpperCase() === 'GET'
        : undefined;
    const verb = read ? 'read' : 'change';
    return new AppError(
      'azure_forbidden',
      `Azure refused to let you ${verb} ${target}: your Azure account needs the ${roleFor(read)} role on it${action ? ` (for ${action})` : ''}. Ask a subscription owner to assign it.`,
      { cause: error, ...extra },
    );
  }
  if (status === 404) {
    return new AppError('not_found', `${capitalize(target)} was not found in Azure.`, {
      cause: error,
      ...extra,
    });
  }
  if (status === 409) {
    return new AppError('conflict', `Azure refused the change to ${target}: ${armMessage}`, {
      cause: error,
      ...extra,
    });
  }
  if (status === 429 || status === 503) {
    const retryAfter = Number(error.response?.headers.get('retry-after') ?? '') || 10;
    return new AppError(
      'azure_throttled',
      `Azure is throttling requests${status === 503 ? ' (service busy)' : ''}; ${op === 'read' ? 'reading' : 'changing'} ${target} failed after retries. Try again in ${retryAfter} s.`,
      { cause: error, retryAfterSeconds: retryAfter, ...extra },
    );
  }
  if (status === 400) {
    const field = (error.details as { error?: { target?: string } } | undefined)?.error?.target;
    return new AppError(
      'invalid_input',
      `Azure rejected the request for ${target}: ${armMessage}`,
      {
        cause: error,
        details: [
          { ...(field ? { field } : {}), rule: error.code ?? 'azure', message: armMessage },
        ],
        ...extra,
      },
    );
  }
  if (status >= 500) {
    return new AppError(
      'upstream_error',
      `Azure failed while handling ${target} (HTTP ${status}). Try again in a moment.`,
      {
        cause: error,
        retryAfterSeconds: 5,
        ...extra,
      },
    );
  }
  return new AppError(
    'upstream_error',
    `Azure answered HTTP ${status} for ${target}: ${armMessage}`,
    { cause: error, ...extra },
  );
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
