import {
  apiPaths,
  csrfHeader,
  errorBodySchema,
  type ErrorCode,
  type ErrorDetail,
  type StepReport,
} from '@latchkey/domain';
import type { z } from 'zod/mini';

/** A failed BFF call, carrying what the person needs to report it (message and request id). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network' | 'bad_response';
  readonly requestId: string | undefined;
  readonly details: ErrorDetail[];
  readonly retryAfterSeconds: number | undefined;
  /** On a 409 conflict: the current state of what was being changed (unparsed). */
  readonly current: unknown;
  /** A multi-step action that failed: each step in order, done / failed / undone / skipped. */
  readonly steps: StepReport[];

  constructor(init: {
    status: number;
    code: ApiError['code'];
    message: string;
    requestId?: string | undefined;
    details?: ErrorDetail[] | undefined;
    retryAfterSeconds?: number | undefined;
    current?: unknown;
    steps?: StepReport[] | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.current = init.current;
    this.steps = init.steps ?? [];
  }

  /** Client errors are answers, not accidents: retrying them cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let signInStarted = false;

/** Sends the browser to sign in, coming back to where the person was. */
export function redirectToSignIn(): void {
  if (signInStarted) return;
  signInStarted = true;
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  window.location.assign(apiPaths.login(here));
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra request headers (e.g. `Cache-Control: no-cache` to skip the registry snapshot). */
  headers?: Record<string, string>;
}

/**
 * Sends a request to the BFF and gives back its response when it succeeded
 * (or answered 304 to a conditional request); any failure is an ApiError.
 * Same-origin cookies only; the CSRF header goes on every state-changing
 * request, as the BFF requires.
 */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET') {
    headers[csrfHeader] = '1';
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network',
      message: 'The console could not reach its server. Check your connection and try again.',
    });
  }

  if (response.status === 401) {
    // Unauthenticated, or Entra wants a fresh sign-in (reauth): either way the answer is to sign in.
    redirectToSignIn();
    // Leave the query pending while the browser navigates away, so no error flashes.
    return new Promise<never>(() => undefined);
  }
  if (response.ok || response.status === 304) return response;

  const payload: unknown = await response.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(payload);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: `The server answered ${response.status} ${response.statusText}.`.trim(),
      requestId,
    });
  }
  const { error } = parsed.data;
  throw new ApiError({
    status: response.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    details: error.details,
    retryAfterSeconds: error.retryAfterSeconds,
    current: error.current,
    steps: error.steps,
  });
}

/** Calls the BFF (apiSend) and parses the answer with `schema`. */
export async function apiRequest<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await apiSend(path, options);
  return parseBody(response, schema);
}

/** The JSON body of a successful answer, in the shape of `schema`. */
export async function parseBody<S extends z.ZodMiniType>(
  response: Response,
  schema: S,
): Promise<z.infer<S>> {
  const payload: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: 'The server answered in a shape this console does not understand.',
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  return parsed.data;
}
