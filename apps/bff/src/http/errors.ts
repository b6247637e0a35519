import { httpStatusOf, type ErrorCode, type ErrorDetail, type StepReport } from '@latchkey/domain';

/**
 * The one error type routes and services throw. The error middleware turns it
 * into `{ error: { code, message, details?, requestId, steps? } }` with the status of
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
    /** A multi-step action that failed: what was done, failed, undone or not attempted. */
    steps?: StepReport[];
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
      steps?: StepReport[];
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
    if (options.steps !== undefined) this.extra.steps = options.steps;
  }

  get status(): number {
    return httpStatusOf[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);

/**
 * The error a multi-step action ends with: the failure of the step that broke,
 * with every step's fate attached (and summarised in the message for readers
 * that show only the message).
 */
export function withSteps(error: AppError, steps: StepReport[]): AppError {
  const { steps: _previous, ...extra } = error.extra;
  return new AppError(
    error.code,
    `${error.message} ${steps.map((s) => `${s.step}: ${s.outcome}.`).join(' ')}`,
    {
      ...(error.details ? { details: error.details } : {}),
      cause: error,
      ...extra,
      steps: steps.map((s) => ({ ...s })),
    },
  );
}

/** Any failure as an AppError: unexpected ones become `internal`, their text kept out of the body. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'internal',
    'Something went wrong in Latchkey. The request id helps find it in the logs.',
    { cause: error },
  );
}
