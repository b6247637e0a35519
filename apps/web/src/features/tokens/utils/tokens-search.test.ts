import { describe, expect, it } from 'vitest';
import { validateTokenDetailSearch } from './tokens-search';

describe('validateTokenDetailSearch', () => {
  it('keeps the actions a fix link may ask for', () => {
    expect(validateTokenDetailSearch({ action: 'generate-password' })).toEqual({
      action: 'generate-password',
    });
    expect(validateTokenDetailSearch({ action: 'revoke-password', slot: 'password2' })).toEqual({
      action: 'revoke-password',
      slot: 'password2',
    });
    expect(validateTokenDetailSearch({ action: 'set-status' })).toEqual({ action: 'set-status' });
    expect(validateTokenDetailSearch({ action: 'delete' })).toEqual({ action: 'delete' });
  });

  it('drops anything else', () => {
    expect(validateTokenDetailSearch({ action: 'reveal-password', slot: 'password3' })).toEqual({});
    expect(validateTokenDetailSearch({ action: ['delete'] })).toEqual({});
  });
});
