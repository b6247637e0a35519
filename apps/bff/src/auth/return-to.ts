/**
 * Where the browser goes after sign-in: only a path on the console itself,
 * since an open redirect after sign-in would hand phishers our domain.
 *
 * Prefix checks are not enough: URL parsers drop tabs and line breaks and
 * read `\` as `/`, so `/\t/evil.example` becomes `//evil.example`. So the
 * value is resolved by the WHATWG URL parser (as the browser will) against
 * the console's origin and kept only when the origin stays the same; any
 * control character or whitespace is refused outright, and what is returned
 * is the parser's own serialisation, so the browser reads what was checked.
 */
const MAX_LENGTH = 2000;
// C0 controls, space, DEL, C1 controls, and any other Unicode whitespace.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/u;

export function safeReturnTo(value: unknown, consoleOrigin: string): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.includes('\\') || CONTROL_OR_SPACE.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, consoleOrigin);
  } catch {
    return '/';
  }
  if (url.origin !== consoleOrigin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to `//host` (`/.//evil.example`): that string
  // would be protocol-relative where the browser meets it again.
  if (path.startsWith('//') || new URL(path, consoleOrigin).origin !== consoleOrigin) return '/';
  return path;
}
