/**
 * Whether an error means the database cannot be reached or used right now (a
 * restart, an outage, a full disk), rather than a bug: the BFF answers 503
 * with Retry-After for these, and the request can be repeated.
 */
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57']; // connection, resources, operator intervention
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOSPC',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection (?:is )?closed|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|no space left on device/i;

export function isStorageUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (UNAVAILABLE_ERRNO.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code) && UNAVAILABLE_SQLSTATE_CLASSES.includes(e.code.slice(0, 2)))
      return true;
    if (e.code === 'LOCK_LOST') return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  // AggregateError (a connect to several addresses) and wrapped causes.
  if (Array.isArray(e.errors) && e.errors.some((x) => isStorageUnavailable(x, depth + 1)))
    return true;
  return isStorageUnavailable(e.cause, depth + 1);
}
