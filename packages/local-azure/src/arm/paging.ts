/**
 * Server-driven paging: `{ value, nextLink }` with an absolute https nextLink
 * carrying an opaque `$skipToken`. The token encodes an offset into the list's
 * stable (insertion) order.
 */
import { invalidParameter } from './errors';

export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(
    '$skipToken',
    `The value '${token}' of query parameter '$skipToken' is invalid.`,
  );
}

/** Slices first and maps only the page, so a list of thousands costs one page of wire shapes. */
export function page<T, W = T>(
  items: readonly T[],
  url: URL,
  origin: string,
  pageSize: number,
  toWire?: (item: T) => W,
): { value: W[]; nextLink?: string } {
  const offset = decodeSkipToken(url.searchParams.get('$skipToken'));
  const size = Math.max(1, pageSize);
  const slice = items.slice(offset, offset + size);
  const value = toWire ? slice.map(toWire) : (slice as unknown as W[]);
  if (offset + size >= items.length) return { value };
  const next = new URL(url.pathname + url.search, origin);
  next.searchParams.set('$skipToken', encodeSkipToken(offset + size));
  return { value, nextLink: next.toString() };
}
