import { describe, expect, it } from 'vitest';
import { describeKind, tokenKinds } from './token-kind';

describe('tokenKinds', () => {
  const crs = [
    { name: 'sitenorth', syncTokenName: 'sitenorth-sync', clientTokenNames: ['Line-Client'] },
    {
      name: 'edgeline1',
      syncTokenName: 'edgeline1-sync',
      clientTokenNames: ['line-client', 'ops'],
    },
  ];
  const kinds = tokenKinds(['sitenorth-sync', 'line-client', 'ops', 'loose'], crs);

  it('names the sync token of a connected registry', () => {
    expect(kinds.get('sitenorth-sync')?.kind).toEqual({
      type: 'sync',
      connectedRegistry: 'sitenorth',
    });
  });
  it('collects every connected registry that accepts a client token, case-insensitively', () => {
    expect(kinds.get('line-client')).toEqual({
      kind: { type: 'client', connectedRegistries: ['edgeline1', 'sitenorth'] },
      clientOf: ['edgeline1', 'sitenorth'],
    });
    expect(describeKind(kinds.get('line-client')!.kind)).toBe(
      'Client token of edgeline1, sitenorth',
    );
  });
  it('marks a token no connected registry names as unattached', () => {
    expect(kinds.get('loose')?.kind).toEqual({ type: 'unattached' });
  });
});
