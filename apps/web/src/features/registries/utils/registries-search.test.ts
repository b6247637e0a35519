import { describe, expect, it } from 'vitest';
import { validateRegistriesSearch } from './registries-search';

describe('validateRegistriesSearch', () => {
  it('keeps a registry page to open, drops anything else', () => {
    expect(validateRegistriesSearch({ for: 'tokens' })).toEqual({ for: 'tokens' });
    expect(validateRegistriesSearch({ for: 'scope-maps' })).toEqual({ for: 'scope-maps' });
    expect(validateRegistriesSearch({ for: 'audit' })).toEqual({});
    expect(validateRegistriesSearch({ for: 3 })).toEqual({});
    expect(validateRegistriesSearch({})).toEqual({});
  });
});
