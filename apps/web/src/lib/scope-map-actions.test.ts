import { describe, expect, it } from 'vitest';
import { parseActions, syncedRepositories } from './scope-map-actions';

describe('parseActions', () => {
  it('groups repository actions by pattern, keeping slashes and wildcards in the name', () => {
    const parsed = parseActions([
      'repositories/team/app/content/read',
      'repositories/team/app/metadata/read',
      'repositories/team/*/content/write',
      'repositories/*/content/delete',
    ]);
    expect(parsed.repositories.map((r) => [r.target, [...r.granted].sort()])).toEqual([
      ['*', ['content/delete']],
      ['team/*', ['content/write']],
      ['team/app', ['content/read', 'metadata/read']],
    ]);
    expect(parsed.gateways).toEqual([]);
    expect(parsed.other).toEqual([]);
  });

  it('reads gateway permissions per connected registry', () => {
    const parsed = parseActions(['gateway/edge1/config/read', 'gateway/edge1/message/write']);
    expect(parsed.gateways).toHaveLength(1);
    expect(parsed.gateways[0]?.target).toBe('edge1');
    expect([...(parsed.gateways[0]?.granted ?? [])].sort()).toEqual([
      'config/read',
      'message/write',
    ]);
  });

  it('keeps what it does not understand instead of dropping it', () => {
    const parsed = parseActions([
      'repositories/app/content/push',
      'weird',
      'gateway/x/config/delete',
    ]);
    expect(parsed.repositories).toEqual([]);
    expect(parsed.other).toEqual([
      'repositories/app/content/push',
      'weird',
      'gateway/x/config/delete',
    ]);
  });

  it('lists the repositories a sync scope map syncs', () => {
    expect(
      syncedRepositories([
        'repositories/hello/content/read',
        'repositories/hello/metadata/read',
        'gateway/edge1/config/read',
      ]),
    ).toEqual(['hello']);
  });
});
