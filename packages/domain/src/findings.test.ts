import { describe, expect, it } from 'vitest';
import type { ConnectedRegistryView } from './dto';
import {
  computeFindings,
  countBySeverity,
  downSince,
  findingCatalogue,
  findingIds,
  findingSchema,
  type FindingId,
} from './findings';
import {
  ALL,
  DAY,
  HOUR,
  NOW,
  READ,
  ago,
  buildOverview,
  cleanSpec,
  gateway,
  pwd,
  repo,
  type OverviewSpec,
} from './test-fixtures';

type Edit = (s: OverviewSpec) => void;

const tokenOf = (s: OverviewSpec, name: string) => {
  const t = s.tokens?.find((x) => x.name === name);
  if (!t) throw new Error(`no token ${name}`);
  return t;
};
const mapOf = (s: OverviewSpec, name: string) => {
  const m = s.scopeMaps?.find((x) => x.name === name);
  if (!m) throw new Error(`no scope map ${name}`);
  return m;
};
const crOf = (s: OverviewSpec, name: string) => {
  const c = s.connectedRegistries?.find((x) => x.name === name);
  if (!c) throw new Error(`no connected registry ${name}`);
  return c;
};
const setPassword =
  (name: string, created: number, expiresIn?: number): Edit =>
  (s) => {
    tokenOf(s, name).passwords = [pwd('password1', created, expiresIn)];
  };

interface Case {
  id: FindingId;
  about: string;
  /** Label of the finding's target. */
  target: string;
  broken: Edit;
  /** The same overview with the problem fixed (applied after `broken`). */
  fixed: Edit;
}

/** Each finding on a minimal example, and its fixed twin. */
const cases: Case[] = [
  {
    id: 'password.expired',
    about: 'expired a day ago',
    target: 'token cam-client slot password1',
    broken: setPassword('cam-client', 30 * DAY, -1 * DAY),
    fixed: setPassword('cam-client', 0, 60 * DAY),
  },
  {
    id: 'password.expiring-7-days',
    about: 'expires in 3 days',
    target: 'token cam-client slot password1',
    broken: setPassword('cam-client', 30 * DAY, 3 * DAY),
    fixed: setPassword('cam-client', 30 * DAY, 8 * DAY),
  },
  {
    id: 'password.expiring-30-days',
    about: 'expires in 20 days',
    target: 'token app-client slot password1',
    broken: setPassword('app-client', 30 * DAY, 20 * DAY),
    fixed: setPassword('app-client', 30 * DAY, 31 * DAY),
  },
  {
    id: 'password.no-expiry',
    about: 'no expiry',
    target: 'token app-client slot password1',
    broken: setPassword('app-client', 10 * DAY),
    fixed: setPassword('app-client', 10 * DAY, 80 * DAY),
  },
  {
    id: 'password.older-than-90-days',
    about: 'created 120 days ago',
    target: 'token app-client slot password1',
    broken: setPassword('app-client', 120 * DAY, 200 * DAY),
    fixed: setPassword('app-client', 89 * DAY, 200 * DAY),
  },
  {
    id: 'token.enabled-without-password',
    about: 'enabled, both slots empty',
    target: 'token app-client',
    broken: (s) => {
      tokenOf(s, 'app-client').passwords = [];
    },
    fixed: setPassword('app-client', 0, 90 * DAY),
  },
  {
    id: 'token.enabled-without-password',
    about: 'a disabled token without password is not reported',
    target: 'token app-client',
    broken: (s) => {
      tokenOf(s, 'app-client').passwords = [];
    },
    fixed: (s) => {
      tokenOf(s, 'app-client').status = 'disabled';
    },
  },
  {
    id: 'scope-map.registry-wide-wildcard',
    about: 'repositories/* on a client map',
    target: 'scope map agent-pull',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions = repo('*', READ);
    },
    fixed: (s) => {
      mapOf(s, 'agent-pull').actions = repo('app/*', READ);
    },
  },
  {
    id: 'client-token.delete-permission',
    about: 'content/delete on a client of a ReadWrite registry',
    target: 'token app-client',
    broken: (s) => {
      mapOf(s, 'app-push').actions.push('repositories/app/api/content/delete');
    },
    fixed: (s) => {
      const m = mapOf(s, 'app-push');
      m.actions = m.actions.filter((a) => !a.endsWith('content/delete'));
    },
  },
  {
    id: 'client-token.write-on-read-only',
    about: 'content/write on a client of ReadOnly edgeone',
    target: 'token cam-client on edgeone',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions.push('repositories/app/agent/content/write');
    },
    fixed: (s) => {
      mapOf(s, 'agent-pull').actions = repo('app/agent', READ);
    },
  },
  {
    id: 'client-token.write-on-read-only',
    about: 'the same permissions on a ReadWrite connected registry are effective',
    target: 'token cam-client on edgeone',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions.push('repositories/app/agent/metadata/write');
    },
    fixed: (s) => {
      crOf(s, 'edgeone').mode = 'ReadWrite';
      mapOf(s, 'edgeone').actions.push(...repo('app/agent', ALL));
    },
  },
  {
    id: 'client-token.unsynced-repository',
    about: 'granted app/api, which edgeone does not sync',
    target: 'token cam-client on edgeone',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions.push(...repo('app/api', READ));
    },
    // Fixed by syncing it (siteone, the parent, already does).
    fixed: (s) => {
      mapOf(s, 'edgeone').actions.push(...repo('app/api', READ));
    },
  },
  {
    id: 'client-token.unsynced-repository',
    about: 'a wildcard reaching nothing synced',
    target: 'token cam-client on edgeone',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions.push(...repo('tools/*', READ));
    },
    // A wildcard that reaches some synced repository is doing its job.
    fixed: (s) => {
      mapOf(s, 'agent-pull').actions = [...repo('app/agent', READ), ...repo('app/*', READ)];
    },
  },
  {
    id: 'client-token.disabled-attached',
    about: 'disabled, still a client of edgeone',
    target: 'token cam-client on edgeone',
    broken: (s) => {
      tokenOf(s, 'cam-client').status = 'disabled';
    },
    fixed: (s) => {
      crOf(s, 'edgeone').clientTokenNames = [];
    },
  },
  {
    id: 'scope-map.unused',
    about: 'a user map no token uses',
    target: 'scope map orphan-map',
    broken: (s) => {
      s.scopeMaps?.push({ name: 'orphan-map', actions: repo('old/app', READ) });
    },
    fixed: (s) => {
      s.scopeMaps = s.scopeMaps?.filter((m) => m.name !== 'orphan-map');
    },
  },
  {
    id: 'token.no-scope-map',
    about: 'no scope map',
    target: 'token app-client',
    broken: (s) => {
      tokenOf(s, 'app-client').scopeMapName = null;
    },
    fixed: (s) => {
      tokenOf(s, 'app-client').scopeMapName = 'app-push';
    },
  },
  {
    id: 'token.no-scope-map',
    about: 'a scope map that does not exist',
    target: 'token app-client',
    broken: (s) => {
      tokenOf(s, 'app-client').scopeMapName = 'gone-map';
    },
    fixed: (s) => {
      tokenOf(s, 'app-client').scopeMapName = 'app-push';
    },
  },
  {
    id: 'sync-token.missing-gateway-permissions',
    about: 'message/write missing',
    target: 'token edgeone on edgeone',
    broken: (s) => {
      const m = mapOf(s, 'edgeone');
      m.actions = m.actions.filter((a) => a !== 'gateway/edgeone/message/write');
    },
    fixed: (s) => {
      mapOf(s, 'edgeone').actions.push('gateway/edgeone/message/write');
    },
  },
  {
    id: 'sync-token.missing-gateway-permissions',
    about: "another registry's gateway does not count",
    target: 'token edgeone on edgeone',
    broken: (s) => {
      mapOf(s, 'edgeone').actions = [...repo('app/agent', READ), ...gateway('siteone')];
    },
    fixed: (s) => {
      mapOf(s, 'edgeone').actions = [...repo('app/agent', READ), ...gateway('EdgeOne')];
    },
  },
  {
    id: 'sync-token.ancestor-missing-gateway-permissions',
    about: "siteone's sync map lost edgeone's gateway actions",
    target: 'token siteone on edgeone',
    broken: (s) => {
      const m = mapOf(s, 'siteone');
      m.actions = m.actions.filter((a) => !a.startsWith('gateway/edgeone/'));
    },
    fixed: (s) => {
      mapOf(s, 'siteone').actions.push(...gateway('edgeone'));
    },
  },
  {
    id: 'sync-token.ancestor-missing-gateway-permissions',
    about: 'a grandparent is checked too, not only the parent',
    target: 'token rootone on edgeone',
    broken: (s) => {
      s.connectedRegistries!.push({ name: 'rootone' });
      crOf(s, 'siteone').parentName = 'rootone';
      s.tokens!.push({ name: 'rootone' });
      // rootone carries its own and siteone's gateway actions, but not edgeone's.
      s.scopeMaps!.push({
        name: 'rootone',
        actions: [...repo('app/*', ALL), ...gateway('rootone'), ...gateway('siteone')],
      });
    },
    fixed: (s) => {
      mapOf(s, 'rootone').actions.push(...gateway('edgeone'));
    },
  },
  {
    id: 'client-token.gateway-permissions',
    about: "cam-client's map can write edgeone's configuration",
    target: 'token cam-client',
    broken: (s) => {
      mapOf(s, 'agent-pull').actions.push('gateway/edgeone/config/write');
    },
    fixed: (s) => {
      const m = mapOf(s, 'agent-pull');
      m.actions = m.actions.filter((a) => !a.startsWith('gateway/'));
    },
  },
  {
    id: 'connected-registry.disabled-by-sync-token',
    about: "edgeone's sync token is disabled",
    target: 'connected-registry edgeone',
    broken: (s) => {
      tokenOf(s, 'edgeone').status = 'disabled';
    },
    fixed: (s) => {
      tokenOf(s, 'edgeone').status = 'enabled';
    },
  },
  {
    id: 'connected-registry.never-activated',
    about: 'created 8 days ago, never activated',
    target: 'connected-registry edgeone',
    broken: (s) => {
      Object.assign(crOf(s, 'edgeone'), {
        activation: 'Inactive',
        connectionState: 'Offline',
        lastActivityTime: undefined,
        createdAt: ago(8 * DAY),
      });
    },
    fixed: (s) => {
      crOf(s, 'edgeone').createdAt = ago(6 * DAY);
    },
  },
  {
    id: 'connected-registry.never-activated',
    about:
      "no creation time from Azure: its sync token's (200 days) counts; a deactivated one is not 'never'",
    target: 'connected-registry edgeone',
    broken: (s) => {
      Object.assign(crOf(s, 'edgeone'), {
        activation: 'Inactive',
        connectionState: 'Offline',
        lastActivityTime: undefined,
      });
    },
    fixed: (s) => {
      crOf(s, 'edgeone').lastActivityTime = ago(30 * DAY);
    },
  },
  {
    id: 'connected-registry.child-syncs-unsynced-repository',
    about: 'edgeone syncs app/extra, siteone does not',
    target: 'connected-registry edgeone',
    broken: (s) => {
      mapOf(s, 'edgeone').actions.push(...repo('app/extra', READ));
    },
    fixed: (s) => {
      mapOf(s, 'siteone').actions.push(...repo('app/*', ALL));
    },
  },
  {
    id: 'connected-registry.down-over-24-hours',
    about: 'Offline, last heard from 30 hours ago',
    target: 'connected-registry edgeone',
    broken: (s) => {
      Object.assign(crOf(s, 'edgeone'), {
        connectionState: 'Offline',
        lastActivityTime: ago(30 * HOUR),
      });
    },
    fixed: (s) => {
      crOf(s, 'edgeone').lastActivityTime = ago(23 * HOUR);
    },
  },
  {
    id: 'connected-registry.down-over-24-hours',
    about: 'Unhealthy since a status detail 30 hours ago, still heartbeating',
    target: 'connected-registry edgeone',
    broken: (s) => {
      Object.assign(crOf(s, 'edgeone'), {
        connectionState: 'Unhealthy',
        lastActivityTime: ago(1 * HOUR),
        statusDetails: [
          { type: 'Disk', code: 'DISK_PERMISSION_DENIED', timestamp: ago(30 * HOUR) },
        ],
      });
    },
    fixed: (s) => {
      crOf(s, 'edgeone').statusDetails = [
        { type: 'Disk', code: 'DISK_PERMISSION_DENIED', timestamp: ago(2 * HOUR) },
      ];
    },
  },
  {
    id: 'connected-registry.down-over-24-hours',
    about: 'never activated is not down',
    target: 'connected-registry edgeone',
    broken: (s) => {
      Object.assign(crOf(s, 'edgeone'), {
        connectionState: 'Offline',
        lastActivityTime: ago(30 * DAY),
      });
    },
    fixed: (s) => {
      crOf(s, 'edgeone').activation = 'Inactive';
    },
  },
  {
    id: 'sync-token.password-never-rotated',
    about: 'the only password is from the day the token was created, 200 days ago',
    target: 'token edgeone on edgeone',
    broken: (s) => {
      const t = tokenOf(s, 'edgeone');
      t.createdAgo = 200 * DAY;
      t.passwords = [pwd('password1', 200 * DAY - HOUR, 100 * DAY)];
    },
    fixed: (s) => {
      tokenOf(s, 'edgeone').passwords = [
        pwd('password1', 200 * DAY - HOUR, 100 * DAY),
        pwd('password2', 5 * DAY, 85 * DAY),
      ];
    },
  },
  {
    id: 'sync-token.password-never-rotated',
    about: 'a young sync token is not reported',
    target: 'token edgeone on edgeone',
    broken: (s) => {
      const t = tokenOf(s, 'edgeone');
      t.createdAgo = 100 * DAY;
      t.passwords = [pwd('password1', 100 * DAY, 100 * DAY)];
    },
    fixed: (s) => {
      const t = tokenOf(s, 'edgeone');
      t.createdAgo = 80 * DAY;
      t.passwords = [pwd('password1', 80 * DAY, 100 * DAY)];
    },
  },
];

const run = (...edits: Edit[]) => {
  const spec = cleanSpec();
  for (const e of edits) e(spec);
  return computeFindings(buildOverview(spec), NOW);
};

describe('findings', () => {
  it('the clean fixture has no findings', () => {
    expect(run()).toEqual([]);
  });

  it('every catalogue entry has a case, and every case a catalogue entry', () => {
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(findingCatalogue.map((e) => e.id)));
  });

  it('lists the same ids, in the same order, as the catalogue (kept apart for the SPA)', () => {
    expect(findingCatalogue.map((e) => e.id)).toEqual([...findingIds]);
  });

  it.each(cases.map((c) => [c.id, c.about, c] as const))('%s fires: %s', (id, _about, c) => {
    const found = run(c.broken).filter((f) => f.id === id);
    expect(found.map((f) => f.target.label)).toEqual([c.target]);
    const f = found[0];
    expect(findingSchema.parse(f)).toEqual(f);
    expect(f?.evidence.length).toBeGreaterThan(0);
    expect(f?.severity).toBe(findingCatalogue.find((e) => e.id === id)?.severity);
  });

  it.each(cases.map((c) => [c.id, c.about, c] as const))(
    '%s does not fire on the fixed twin: %s',
    (id, _about, c) => {
      expect(run(c.broken, c.fixed).filter((f) => f.id === id)).toEqual([]);
    },
  );

  it('names the evidence: rules, dates and states', () => {
    const [wild] = run(
      cases.find((c) => c.id === 'scope-map.registry-wide-wildcard')?.broken ?? (() => {}),
    ).filter((f) => f.id === 'scope-map.registry-wide-wildcard');
    expect(wild?.evidence).toEqual([
      'repositories/*/content/read',
      'repositories/*/metadata/read',
      'used by cam-client',
    ]);
    expect(wild?.fixAction).toBe('scope-map.edit');
    const down = run((s) => {
      Object.assign(crOf(s, 'edgeone'), {
        connectionState: 'Offline',
        lastActivityTime: ago(30 * HOUR),
      });
    }).find((f) => f.id === 'connected-registry.down-over-24-hours');
    expect(down?.evidence[0]).toBe(`Offline since ${ago(30 * HOUR)} (30 hours)`);
    expect(down?.window).toMatch(/24 hours/);
  });

  it('names the ancestor, the descendant and the missing actions', () => {
    const f = run((s) => {
      const m = mapOf(s, 'siteone');
      m.actions = m.actions.filter((a) => a !== 'gateway/edgeone/message/write');
    }).find((x) => x.id === 'sync-token.ancestor-missing-gateway-permissions');
    expect(f?.evidence).toEqual([
      'ancestor siteone syncs through scope map siteone',
      'descendant edgeone',
      'missing gateway/edgeone/message/write',
    ]);
    expect(f?.fixAction).toBe('scope-map.edit');
  });

  it('a sync token also attached as a client keeps its gateway actions without a finding', () => {
    const ids = run((s) => {
      crOf(s, 'siteone').clientTokenNames!.push('edgeone');
    }).map((f) => f.id);
    expect(ids).not.toContain('client-token.gateway-permissions');
  });

  it('a disabled connected registry names its sync token, its clients and children', () => {
    const f = run((s) => {
      tokenOf(s, 'siteone').status = 'disabled';
    }).find((x) => x.id === 'connected-registry.disabled-by-sync-token');
    expect(f?.evidence).toEqual([
      'sync token siteone is disabled',
      '1 client tokens without effect there',
      'children edgeone cannot sync through it',
    ]);
  });

  it('an expired password is not also reported as old', () => {
    const ids = run(setPassword('app-client', 200 * DAY, -1 * DAY)).map((f) => f.id);
    expect(ids).toEqual(['password.expired']);
  });

  it('uses sync-token fixes for sync tokens and password fixes for the others', () => {
    const fs = run(
      setPassword('edgeone', 10 * DAY, 3 * DAY),
      setPassword('app-client', 10 * DAY, 3 * DAY),
    );
    expect(fs.map((f) => [f.target.name, f.fixAction])).toEqual([
      ['app-client', 'token.generate-password'],
      ['edgeone', 'connected-registry.connection-string'],
    ]);
  });

  it('system scope maps: unused ones are not reported; a used one with * is', () => {
    const system = (s: OverviewSpec) => {
      s.scopeMaps?.push({
        name: '_repositories_pull',
        type: 'SystemDefined',
        actions: repo('*', ['content/read']),
      });
    };
    expect(run(system)).toEqual([]);
    const used = run(system, (s) => {
      tokenOf(s, 'cam-client').scopeMapName = '_repositories_pull';
      mapOf(s, 'agent-pull').type = 'SystemDefined';
    });
    expect(used.map((f) => [f.id, f.target.label, f.fixAction])).toEqual([
      ['scope-map.registry-wide-wildcard', 'scope map _repositories_pull', 'scope-map.open'],
    ]);
  });

  it('sorts by severity and counts them', () => {
    const fs = run(
      (s) => {
        mapOf(s, 'edgeone').actions = repo('app/agent', READ);
      },
      setPassword('app-client', 10 * DAY, 20 * DAY),
      (s) => {
        s.scopeMaps?.push({ name: 'orphan-map', actions: [] });
      },
    );
    expect(fs.map((f) => f.severity)).toEqual(['critical', 'medium', 'info']);
    expect(countBySeverity(fs)).toEqual({ critical: 1, high: 0, medium: 1, low: 0, info: 1 });
  });

  it('keys are unique within a result', () => {
    const all = run(...cases.map((c) => c.broken));
    expect(new Set(all.map((f) => f.key)).size).toBe(all.length);
  });
});

describe('downSince', () => {
  const cr = (over: Partial<ConnectedRegistryView>): ConnectedRegistryView => ({
    id: 'x',
    name: 'edgeone',
    mode: 'ReadOnly',
    parentName: null,
    connectionState: 'Online',
    activation: 'Active',
    syncTokenName: 'edgeone',
    clientTokenNames: [],
    statusDetails: [],
    ...over,
  });
  it('is undefined for Online, Syncing and never-activated registries', () => {
    expect(downSince(cr({ lastActivityTime: ago(HOUR) }))).toBeUndefined();
    expect(
      downSince(cr({ connectionState: 'Syncing', lastActivityTime: ago(HOUR) })),
    ).toBeUndefined();
    expect(downSince(cr({ connectionState: 'Offline', activation: 'Inactive' }))).toBeUndefined();
  });
  it('Offline: last activity; Unhealthy: earliest status detail, else last activity', () => {
    expect(downSince(cr({ connectionState: 'Offline', lastActivityTime: ago(3 * DAY) }))).toBe(
      NOW - 3 * DAY,
    );
    expect(
      downSince(
        cr({
          connectionState: 'Unhealthy',
          lastActivityTime: ago(60_000),
          statusDetails: [{ timestamp: ago(5 * HOUR) }, { timestamp: ago(30 * HOUR) }, {}],
        }),
      ),
    ).toBe(NOW - 30 * HOUR);
    expect(downSince(cr({ connectionState: 'Unhealthy', lastActivityTime: ago(2 * DAY) }))).toBe(
      NOW - 2 * DAY,
    );
  });
});
