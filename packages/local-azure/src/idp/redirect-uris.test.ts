import { describe, expect, it } from 'vitest';
import { isWildcardPortPattern, redirectUriMatches, toProviderMetadataUri } from './redirect-uris';

describe('redirect URI matching', () => {
  const registered = [
    'http://127.0.0.1:*/auth/callback',
    'https://console.example.com/auth/callback',
  ];

  it('matches a loopback `*` port against any explicit port with the same scheme, host and path', () => {
    expect(redirectUriMatches('http://127.0.0.1:5173/auth/callback', registered)).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:1/auth/callback', registered)).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:65535/auth/callback', registered)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      'http://127.0.0.1/auth/callback',
      'http://127.0.0.1:/auth/callback',
      'http://127.0.0.1:0/auth/callback',
      'http://127.0.0.1:65536/auth/callback',
      'http://127.0.0.1:05173/auth/callback',
      'http://127.0.0.1:5173/auth/callback/',
      'http://127.0.0.1:5173/auth/callback?x=1',
      'http://127.0.0.1:5173/auth/other',
      'http://127.0.0.1:5173@evil.example/auth/callback',
      'http://127.0.0.2:5173/auth/callback',
      'https://127.0.0.1:5173/auth/callback',
      'http://localhost:5173/auth/callback',
      'https://console.example.com:8443/auth/callback',
      '',
    ]) {
      expect(redirectUriMatches(value, registered), value).toBe(false);
    }
  });

  it('matches exact registrations exactly', () => {
    expect(redirectUriMatches('https://console.example.com/auth/callback', registered)).toBe(true);
    expect(redirectUriMatches('https://CONSOLE.example.com/auth/callback', registered)).toBe(false);
  });

  it('only treats loopback hosts as wildcard-port patterns', () => {
    expect(isWildcardPortPattern('http://127.0.0.1:*/cb')).toBe(true);
    expect(isWildcardPortPattern('http://[::1]:*/cb')).toBe(true);
    expect(isWildcardPortPattern('http://localhost:*/cb')).toBe(true);
    expect(isWildcardPortPattern('https://console.example.com:*/cb')).toBe(false);
    expect(
      redirectUriMatches('https://console.example.com:443/cb', [
        'https://console.example.com:*/cb',
      ]),
    ).toBe(false);
    expect(redirectUriMatches('http://[::1]:8080/cb', ['http://[::1]:*/cb'])).toBe(true);
  });

  it('gives oidc-provider a parseable URI for its client schema', () => {
    expect(toProviderMetadataUri('http://127.0.0.1:*/auth/callback')).toBe(
      'http://127.0.0.1/auth/callback',
    );
    expect(() => new URL(toProviderMetadataUri('http://[::1]:*/auth/callback'))).not.toThrow();
    expect(toProviderMetadataUri('https://console.example.com/cb')).toBe(
      'https://console.example.com/cb',
    );
  });
});
