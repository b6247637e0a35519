import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '@latchkey/domain';
import { isStorageUnavailable } from '../storage';
import { AppError } from './errors';

/** Seconds a client should wait before repeating a request refused by a storage outage. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

interface BodyParserError {
  type?: string;
  status?: number;
  /** http-errors sets it on client errors (static files: serve-static, send). */
  expose?: boolean;
}

export function toAppError(error: unknown): AppError {
  // An outage of Latchkey's database, however it surfaced: 503, try again.
  if (
    (!(error instanceof AppError) || error.code === 'internal') &&
    isStorageUnavailable(error instanceof AppError ? error.cause : error)
  ) {
    return new AppError(
      'storage_unavailable',
      "Latchkey's storage (its database) is unavailable right now. Try again in a moment.",
      { cause: error, retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS },
    );
  }
  if (error instanceof AppError) return error;
  const e = error as BodyParserError;
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed')
    return new AppError('invalid_input', 'The request body is not valid JSON.', {
      details: [{ rule: 'json', message: 'The body must be valid JSON.' }],
    });
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  // The static file server: a missing file (ENOENT, which it marks 404 but not
  // `expose`) is a 404 like any other, not a failure of the BFF.
  if (e?.status === 404) return new AppError('not_found', 'No such file.');
  if (e?.expose && e.status !== undefined && e.status >= 400 && e.status < 500) {
    // A static file path the file server refused (`..`, malformed encoding,
    // a dot-file): the request is at fault, not the BFF.
    return new AppError('invalid_input', 'This file path is not allowed.', {
      details: [
        { field: 'path', rule: 'static-path', message: 'path is not a servable file path' },
      ],
    });
  }
  return new AppError(
    'internal',
    'Something went wrong in Latchkey. The request id helps find it in the logs.',
    { cause: error },
  );
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction) {
  next(new AppError('not_found', `No such endpoint: ${req.method} ${req.path}`));
}

/** The one error middleware: one JSON body for every failure, logged once. */
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction) {
  const appError = toAppError(error);
  const log = req.log ?? console;
  if (appError.status >= 500) {
    const cause =
      appError.cause instanceof Error
        ? {
            name: appError.cause.name,
            message: appError.cause.message,
            stack: appError.cause.stack,
          }
        : undefined;
    log.error({ code: appError.code, cause }, appError.message);
  } else {
    log.info({ code: appError.code }, appError.message);
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      requestId: req.id ?? 'unknown',
      ...(appError.details ? { details: appError.details } : {}),
      ...appError.extra,
    },
  };
  if (appError.extra.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(appError.extra.retryAfterSeconds));
  }
  if (res.headersSent) return;
  res.status(appError.status).json(body);
}
