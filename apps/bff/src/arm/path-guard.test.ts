import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { registryClient } from './client';
import { isSafeArmPathSegment } from './path-guard';

describe('ARM path segments', () => {
  it.each([
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '.%2e',
    '%252e%252e',
    '',
    'a/b',
    'a\\b',
    'a?b',
    'a#b',
    'a\tb',
    '%2f',
  ])('refuses %j', (segment) => expect(isSafeArmPathSegment(segment)).toBe(false));
  it.each(['rg-contoso', 'rg.prod', '(rg)_1', 'contosoregistry', '...a', 'a..b'])(
    'accepts %j',
    (segment) => expect(isSafeArmPathSegment(segment)).toBe(true),
  );
});

describe('the SDK client refuses a normalisable segment before sending anything', () => {
  // The bearer policy asks for a token before any request goes out: counting
  // those asks shows whether the pipeline started at all.
  let tokenAsks = 0;
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => {
      tokenAsks++;
      throw new Error('no token in this test');
    },
  };
  // Nothing listens on port 9 of loopback; no request must get that far anyway.
  const client = registryClient(
    { endpoint: 'https://127.0.0.1:9', caPem: undefined, timeoutMs: 1000, maxRetries: 0 },
    credential,
    '00000000-0000-0000-0000-000000000001',
  );

  it.each([
    ['resource group ..', () => client.registries.get('..', 'contosoregistry')],
    ['resource group %2e%2e', () => client.registries.get('%2e%2e', 'contosoregistry')],
    ['registry .', () => client.tokens.get('rg', '.', 'token-1')],
    ['token ..', () => client.tokens.get('rg', 'contosoregistry', '..')],
    ['scope map with a slash', () => client.scopeMaps.get('rg', 'contosoregistry', 'a/b')],
  ] as Array<[string, () => Promise<unknown>]>)('%s', async (_name, call) => {
    tokenAsks = 0;
    await expect(Promise.resolve().then(call)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'invalid_input',
    );
    expect(tokenAsks).toBe(0);
  });

  it('lets a good path through to the pipeline (which asks for a token)', async () => {
    tokenAsks = 0;
    await expect(client.registries.get('rg.prod', 'contosoregistry')).rejects.toThrow();
    expect(tokenAsks).toBeGreaterThan(0);
  });

  it('refuses a normalisable subscription id', () => {
    expect(() =>
      registryClient(
        { endpoint: 'https://127.0.0.1:9', caPem: undefined, timeoutMs: 1000 },
        credential,
        '..',
      ),
    ).toThrow(AppError);
  });
});
