import { describe, expect, it } from 'vitest';
import { diffActions, diffByTarget } from './scope-map-diff';

describe('diffByTarget', () => {
  it('lists what is added and removed per repository, then per connected registry', () => {
    const diff = diffActions(
      [
        'repositories/factory/mes-api/content/read',
        'repositories/factory/mes-api/content/write',
        'repositories/old/content/read',
        'gateway/sitenorth/config/read',
      ],
      [
        'repositories/factory/mes-api/content/read',
        'repositories/factory/mes-api/content/delete',
        'repositories/factory/mes-api/metadata/read',
        'repositories/new/*/content/read',
        'gateway/sitenorth/config/read',
        'gateway/sitenorth/message/write',
      ],
    );
    expect(diffByTarget(diff)).toEqual([
      {
        kind: 'repository',
        target: 'factory/mes-api',
        added: ['delete', 'metadata read'],
        removed: ['push'],
      },
      { kind: 'repository', target: 'new/*', added: ['pull'], removed: [] },
      { kind: 'repository', target: 'old', added: [], removed: ['pull'] },
      { kind: 'gateway', target: 'sitenorth', added: ['message write'], removed: [] },
    ]);
  });

  it('compares without case, as Azure does, and keeps actions it cannot parse', () => {
    const diff = diffActions(
      ['repositories/A/content/read'],
      ['repositories/a/CONTENT/READ', 'something/odd'],
    );
    expect(diffByTarget(diff)).toEqual([
      { kind: 'other', target: 'something/odd', added: ['something/odd'], removed: [] },
    ]);
  });

  it('is empty when nothing changes', () => {
    expect(diffByTarget(diffActions(['x'], ['x']))).toEqual([]);
  });
});
