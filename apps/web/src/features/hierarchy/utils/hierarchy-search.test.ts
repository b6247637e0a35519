import { describe, expect, it } from 'vitest';
import { validateHierarchySearch } from './hierarchy-search';

describe('validateHierarchySearch', () => {
  it('keeps a node, a known action and, for detach-client, the token', () => {
    expect(
      validateHierarchySearch({
        node: 'edgeline2',
        action: 'detach-client',
        token: 'line2-lost-tablet',
      }),
    ).toEqual({ node: 'edgeline2', action: 'detach-client', token: 'line2-lost-tablet' });
    expect(
      validateHierarchySearch({ node: 'edgeline3', action: 'connection-string', token: 'x' }),
    ).toEqual({
      node: 'edgeline3',
      action: 'connection-string',
    });
  });

  it('drops an unknown action, and any action without a node', () => {
    expect(validateHierarchySearch({ node: 'a', action: 'delete-everything' })).toEqual({
      node: 'a',
    });
    expect(validateHierarchySearch({ action: 'repositories' })).toEqual({});
    expect(validateHierarchySearch({ node: '' })).toEqual({});
  });
});

describe('validateHierarchySearch: filters', () => {
  it('keeps known filters, with or without a node, and drops malformed ones', () => {
    expect(
      validateHierarchySearch({
        q: '  line0246 ',
        state: 'Offline',
        mode: 'ReadOnly',
        findings: true,
        problems: '1',
      }),
    ).toEqual({
      q: 'line0246',
      state: 'Offline',
      mode: 'ReadOnly',
      findings: true,
      problems: true,
    });
    expect(
      validateHierarchySearch({
        q: '   ',
        state: 'offline',
        mode: 'RW',
        findings: 'no',
        node: 'a',
      }),
    ).toEqual({ node: 'a' });
  });
});
