import { describe, expect, it } from 'vitest';
import { pageTitle, titleForLocation } from './page-title';

const reg = '/registries/11111111-2222-4333-8444-555555555501/rg-registry-prod/contosoregistry';

describe('pageTitle', () => {
  it('puts the page first and the product last, skipping missing parts', () => {
    expect(pageTitle('Tokens', 'contosoregistry')).toBe('Tokens · contosoregistry · Latchkey');
    expect(pageTitle('Signed out', undefined)).toBe('Signed out · Latchkey');
    expect(pageTitle()).toBe('Latchkey');
  });
});

describe('titleForLocation', () => {
  it.each([
    ['/registries', undefined, 'Registries · Latchkey'],
    ['/registries/', undefined, 'Registries · Latchkey'],
    ['/access-review', undefined, 'Access review · Latchkey'],
    ['/audit', undefined, 'Audit log · Latchkey'],
    [`${reg}/hierarchy`, undefined, 'Hierarchy · contosoregistry · Latchkey'],
    [`${reg}/tokens`, undefined, 'Tokens · contosoregistry · Latchkey'],
    [
      `${reg}/tokens/north-build-agent`,
      undefined,
      'Token north-build-agent · contosoregistry · Latchkey',
    ],
    [`${reg}/scope-maps`, undefined, 'Scope maps · contosoregistry · Latchkey'],
    [
      `${reg}/scope-maps/_repositories_pull`,
      undefined,
      'Scope map _repositories_pull · contosoregistry · Latchkey',
    ],
    [`${reg}/access-review`, undefined, 'Access review: findings · contosoregistry · Latchkey'],
    [`${reg}/access-review`, 'matrix', 'Access review: matrix · contosoregistry · Latchkey'],
    [
      `${reg}/access-review`,
      'who-can-access',
      'Access review: who can access · contosoregistry · Latchkey',
    ],
    [`${reg}/tokens/north%2Dagent`, undefined, 'Token north-agent · contosoregistry · Latchkey'],
  ])('%s (tab %s) is "%s"', (path, tab, title) => {
    expect(titleForLocation(path, tab)).toBe(title);
  });

  it('has no title for a path that is no console page', () => {
    expect(titleForLocation('/nowhere')).toBeUndefined();
    expect(titleForLocation(`${reg}/hierarchy/extra`)).toBeUndefined();
    expect(titleForLocation(`${reg}/nothing-here`)).toBeUndefined();
    expect(titleForLocation(`${reg}/tokens/a/b`)).toBeUndefined();
    // A malformed address: the page explains it and names itself.
    expect(titleForLocation('/registries/not-a-guid/rg/contosoregistry/tokens')).toBeUndefined();
    expect(titleForLocation(`${reg.replace('contosoregistry', 'ab')}/tokens`)).toBeUndefined();
  });
});
