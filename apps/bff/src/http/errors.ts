import { httpStatusOf, type ErrorCode, type ErrorDetail } from '@latchkey/domain';

/**
 * The one error type routes and services throw. The error middleware turns it
 * into `{ error: { code, message, details?, requestId } }` with the status of
 * its code. Messages are written for the person using the console and must
 * never contain a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly extra: {
    reauth?: boolean;
    retryAfterSeconds?: number;
    armRequestId?: string;
    /** On a conflict: the current state, so the person can see what changed. */
    current?: unknown;
  };

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      details?: ErrorDetail[];
      cause?: unknown;
      reauth?: boolean;
      retryAfterSeconds?: number;
      armRequestId?: string;
      current?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.extra = {};
    if (options.reauth !== undefined) this.extra.reauth = options.reauth;
    if (options.retryAfterSeconds !== undefined)
      this.extra.retryAfterSeconds = options.retryAfterSeconds;
    if (options.armRequestId !== undefined) this.extra.armRequestId = options.armRequestId;
    if (options.current !== undefined) this.extra.current = options.current;
  }

  get status(): number {
    return httpStatusOf[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
