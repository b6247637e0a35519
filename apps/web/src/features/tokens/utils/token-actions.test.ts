import type { TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import {
  deleteBlockedReason,
  disableRequirement,
  tokenNameError,
  typedMatches,
} from './token-actions';

const sync: Pick<TokenView, 'kind' | 'clientOf'> = {
  kind: { type: 'sync', connectedRegistry: 'edge01' },
  clientOf: [],
};
const client: Pick<TokenView, 'kind' | 'clientOf'> = {
  kind: { type: 'client', connectedRegistries: ['edge01', 'edge02'] },
  clientOf: ['edge01', 'edge02'],
};
const unattached: Pick<TokenView, 'kind' | 'clientOf'> = {
  kind: { type: 'unattached' },
  clientOf: [],
};

describe('deleteBlockedReason', () => {
  it('refuses the sync token of an existing connected registry, naming it', () => {
    expect(deleteBlockedReason(sync, [{ name: 'edge01' }])).toContain(
      'sync token of connected registry edge01',
    );
  });
  it('allows client and unattached tokens', () => {
    expect(deleteBlockedReason(client, [{ name: 'edge01' }])).toBeUndefined();
    expect(deleteBlockedReason(unattached, [])).toBeUndefined();
  });
});

describe('disableRequirement', () => {
  it('asks for the connected registry name for a sync token', () => {
    expect(disableRequirement(sync)).toEqual({ kind: 'sync', connectedRegistry: 'edge01' });
  });
  it('lists the connected registries accepting a client token', () => {
    expect(disableRequirement(client)).toEqual({
      kind: 'client',
      connectedRegistries: ['edge01', 'edge02'],
    });
  });
  it('asks for a plain confirmation otherwise', () => {
    expect(disableRequirement(unattached)).toEqual({ kind: 'plain' });
  });
  it('matches typed names exactly, ignoring surrounding spaces', () => {
    expect(typedMatches(' edge01 ', 'edge01')).toBe(true);
    expect(typedMatches('EDGE01', 'edge01')).toBe(false);
  });
});

describe('tokenNameError', () => {
  it('names the rule', () => {
    expect(tokenNameError('ab', [])).toBe('The name must be 5–50 letters, digits or hyphens.');
    expect(tokenNameError('bad_name', [])).toContain('letters, digits or hyphens');
    expect(tokenNameError('', [])).toBe('Enter a name.');
  });
  it('catches an existing name, whatever its case', () => {
    expect(tokenNameError('Edge-Client', ['edge-client'])).toContain('already exists');
    expect(tokenNameError('new-client', ['edge-client'])).toBeUndefined();
  });
});
