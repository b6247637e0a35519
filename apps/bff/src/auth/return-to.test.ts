import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

const origin = 'https://latchkey.contoso.com';

/** What a browser does with the value: resolve it against the page it is on. */
const landsOn = (value: string) => new URL(safeReturnTo(value, origin), origin).origin;

describe('returnTo after sign-in', () => {
  it('keeps a same-origin path with its query and fragment', () => {
    expect(safeReturnTo('/registries/a/b/c/tokens?x=1#top', origin)).toBe(
      '/registries/a/b/c/tokens?x=1#top',
    );
    expect(safeReturnTo('/', origin)).toBe('/');
  });

  // Every variant the review found or listed; each must fall back to "/".
  const hostile: Array<[string, string]> = [
    ['protocol-relative', '//evil.example/x'],
    ['backslash', '/\\evil.example/x'],
    ['slash backslash slash', '/\\/evil.example/x'],
    ['two backslashes', '\\\\evil.example'],
    ['raw tab after the slash', '/\t/evil.example/x'],
    ['raw line feed after the slash', '/\n/evil.example/x'],
    ['raw carriage return after the slash', '/\r/evil.example/x'],
    ['raw CRLF', '/\r\n/evil.example/x'],
    [
      'tab decoded from %09 (express decodes the query once)',
      decodeURIComponent('/%09/evil.example/x'),
    ],
    ['line feed decoded from %0a', decodeURIComponent('/%0a/evil.example/x')],
    ['carriage return decoded from %0D', decodeURIComponent('/%0D/evil.example/x')],
    ['leading space', ' //evil.example'],
    ['no-break space', '/\u00a0/evil.example'],
    ['NUL', '/\u0000/evil.example'],
    ['absolute URL', 'https://evil.example/x'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['scheme-relative with credentials', '//user@evil.example'],
    ['dot segment collapsing to //', '/.//evil.example/x'],
    ['dot-dot segment collapsing to //', '/a/..//evil.example/x'],
    ['too long', `/${'a'.repeat(2001)}`],
    ['empty', ''],
  ];
  it.each(hostile)('refuses %s', (_name, value) => {
    expect(safeReturnTo(value, origin)).toBe('/');
    expect(landsOn(value)).toBe(origin);
  });

  it('refuses what is not a string', () => {
    expect(safeReturnTo(['/a', '//evil.example'], origin)).toBe('/');
    expect(safeReturnTo(undefined, origin)).toBe('/');
  });

  // Still-encoded forms are plain path text to the URL parser: they stay on the console.
  it.each([
    ['%2f%2f', '/%2f%2fevil.example/x'],
    ['%5c', '/%5cevil.example'],
    ['%09 left encoded', '/%09/evil.example/x'],
  ])('keeps the encoded form %s on the console', (_name, value) => {
    expect(safeReturnTo(value, origin)).toBe(value);
    expect(landsOn(value)).toBe(origin);
  });
});
