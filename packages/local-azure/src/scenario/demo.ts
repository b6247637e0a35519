/**
 * The demo scenario: Contoso's production registry with a three-level
 * connected-registry hierarchy whose tokens and scope maps exhibit every
 * finding of the audit catalogue (docs: design/product.md), plus a small Basic
 * dev registry. All times are relative to `now`.
 */
import { contosoIdentity, DEMO_DEV_REGISTRY, DEMO_REGISTRY } from './contoso';
import {
  DAY,
  HOUR,
  MINUTE,
  password,
  syncScopeMapActions,
  timeHelpers,
  type SyncPlan,
  type TimeHelpers,
} from './build';
import type {
  ScenarioConnectedRegistry,
  ScenarioData,
  ScenarioFactory,
  ScenarioPassword,
  ScenarioRegistry,
  ScenarioScopeMap,
  ScenarioToken,
} from './types';

export {
  DEMO_CLIENTS,
  DEMO_DEV_REGISTRY,
  DEMO_PERSONAS,
  DEMO_REGISTRY,
  DEMO_ROLE_ASSIGNMENTS,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT,
  DEMO_TENANT_ID,
} from './contoso';

/** Correlation id of edgeline2's disk failure, fixed so tests can look for it. */
export const DEMO_UNHEALTHY_CORRELATION_ID = 'd15c0000-0000-4000-8000-00000000e002';

/** How long after `now` edgeline4 comes back Online (it is Offline at `now`). */
export const DEMO_EDGELINE4_ONLINE_AFTER_MS = 5 * MINUTE;

const HEARTBEAT = { everyMs: MINUTE };
const VERSION = '1.4.2';

interface CrSpec extends SyncPlan {
  /** Sync token and scope map name: the current CLI names both after the connected registry. */
  syncName?: { token: string; scopeMap: string };
  clients: string[];
  createdAgo: number;
  schedule?: string;
  syncWindow?: string;
  messageTtl: string;
  runtime: (t: TimeHelpers, createdAgo: number) => ScenarioConnectedRegistry['runtime'];
}

/** Online since shortly after creation, reporting every minute. */
const onlineSinceCreation =
  (version = VERSION) =>
  (t: TimeHelpers, createdAgo: number): ScenarioConnectedRegistry['runtime'] => ({
    events: [
      {
        at: t.ago(createdAgo - HOUR),
        connectionState: 'Online',
        activation: 'Active',
        version,
        synced: true,
      },
    ],
    heartbeat: HEARTBEAT,
  });

const CONNECTED_REGISTRIES: CrSpec[] = [
  {
    name: 'sitenorth',
    mode: 'ReadWrite',
    repositories: ['factory/mes-api', 'factory/line-agent', 'factory/vision-model'],
    clients: ['mes-north-app', 'north-build-agent'],
    createdAgo: 200 * DAY,
    messageTtl: 'P2D',
    runtime: (t, createdAgo) => ({
      events: [
        {
          at: t.ago(createdAgo - HOUR),
          connectionState: 'Online',
          activation: 'Active',
          version: '1.3.0',
          synced: true,
        },
        // An in-place upgrade: the version changes, the registry stays Online.
        { at: t.ago(12 * DAY), version: VERSION },
      ],
      heartbeat: HEARTBEAT,
    }),
  },
  {
    name: 'sitesouth',
    mode: 'ReadWrite',
    repositories: ['factory/mes-api', 'factory/line-agent', 'logistics/tracker'],
    clients: ['mes-south-app', 'tracker-south', 'ops-readall'],
    createdAgo: 420 * DAY,
    // Scheduled sync every 6 hours for 2 hours (the site's WAN is metered).
    schedule: '0 */6 * * *',
    syncWindow: 'PT2H',
    messageTtl: 'P7D',
    runtime: onlineSinceCreation(),
  },
  {
    name: 'edgeline1',
    mode: 'ReadOnly',
    parentName: 'sitenorth',
    repositories: ['factory/line-agent', 'factory/vision-model'],
    clients: ['line1-camera01', 'line1-camera02', 'line1-hmi', 'fleet-monitor'],
    createdAgo: 150 * DAY,
    messageTtl: 'P2D',
    runtime: onlineSinceCreation(),
  },
  {
    name: 'edgeline2',
    mode: 'ReadOnly',
    parentName: 'sitenorth',
    // factory/plc-bridge was later added to this map by hand, not with
    // `permissions update`, so sitenorth does not sync it (see below).
    repositories: ['factory/line-agent', 'factory/plc-bridge'],
    clients: ['line2-camera01', 'line2-plc', 'line2-lost-tablet', 'fleet-monitor'],
    createdAgo: 140 * DAY,
    messageTtl: 'P2D',
    runtime: (t, createdAgo) => ({
      events: [
        {
          at: t.ago(createdAgo - HOUR),
          connectionState: 'Online',
          activation: 'Active',
          version: VERSION,
          synced: true,
        },
        {
          at: t.ago(30 * HOUR),
          connectionState: 'Unhealthy',
          statusDetails: [
            {
              type: 'Disk',
              code: 'DISK_PERMISSION_DENIED',
              description:
                'The connected registry cannot write to its data volume /var/acr/data: permission denied.',
              timestamp: t.ago(30 * HOUR),
              correlationId: DEMO_UNHEALTHY_CORRELATION_ID,
            },
          ],
        },
      ],
      heartbeat: HEARTBEAT,
    }),
  },
  {
    name: 'edgeline3',
    mode: 'ReadOnly',
    parentName: 'sitesouth',
    // Created with an older CLI, which named the sync token and map with suffixes.
    syncName: { token: 'edgeline3-sync-token', scopeMap: 'edgeline3-sync-scope-map' },
    repositories: ['factory/line-agent', 'logistics/tracker'],
    clients: ['line3-camera01', 'line3-scanner', 'fleet-monitor'],
    createdAgo: 400 * DAY,
    messageTtl: 'P2D',
    runtime: (t, createdAgo) => ({
      events: [
        {
          at: t.ago(createdAgo - HOUR),
          connectionState: 'Online',
          activation: 'Active',
          version: '1.1.0',
          synced: true,
        },
        { at: t.ago(3 * DAY), connectionState: 'Offline' },
      ],
      heartbeat: HEARTBEAT,
    }),
  },
  {
    name: 'edgeline4',
    mode: 'ReadOnly',
    parentName: 'sitesouth',
    repositories: ['factory/line-agent', 'factory/mes-api'],
    clients: ['line4-camera01', 'fleet-monitor'],
    createdAgo: 90 * DAY,
    messageTtl: 'P2D',
    // Rebooted for maintenance 40 minutes ago; resyncs 3 minutes from now and is
    // Online again 5 minutes from now, so advancing the clock changes its state.
    runtime: (t, createdAgo) => ({
      events: [
        {
          at: t.ago(createdAgo - HOUR),
          connectionState: 'Online',
          activation: 'Active',
          version: VERSION,
          synced: true,
        },
        { at: t.ago(40 * MINUTE), connectionState: 'Offline' },
        { at: t.ahead(3 * MINUTE), connectionState: 'Syncing' },
        { at: t.ahead(DEMO_EDGELINE4_ONLINE_AFTER_MS), connectionState: 'Online', synced: true },
      ],
      heartbeat: HEARTBEAT,
    }),
  },
  {
    name: 'edgespare1',
    mode: 'ReadOnly',
    parentName: 'sitenorth',
    repositories: ['factory/line-agent'],
    clients: ['spare1-client'],
    createdAgo: 2 * HOUR,
    messageTtl: 'P2D',
    // Created two hours ago and never deployed: Offline and Inactive.
    runtime: () => ({ events: [] }),
  },
];

interface ClientMapSpec {
  name: string;
  description?: string;
  actions: string[];
  createdAgo: number;
}

const READ = ['content/read', 'metadata/read'];
const ALL = ['content/read', 'content/write', 'content/delete', 'metadata/read', 'metadata/write'];
const on = (repo: string, permissions: string[]): string[] =>
  permissions.map((p) => `repositories/${repo}/${p}`);

const CLIENT_SCOPE_MAPS: ClientMapSpec[] = [
  {
    name: 'factory-mes-rw',
    description: 'MES API: pull and push',
    actions: on('factory/mes-api', ['content/read', 'content/write', 'metadata/read']),
    createdAgo: 190 * DAY,
  },
  {
    name: 'factory-mes-ro',
    description: 'MES API: pull',
    actions: on('factory/mes-api', READ),
    createdAgo: 190 * DAY,
  },
  {
    name: 'factory-push',
    description: 'Build agents: push every factory image',
    actions: on('factory/*', ['content/read', 'content/write', 'metadata/read', 'metadata/write']),
    createdAgo: 300 * DAY,
  },
  {
    // Registry-wide wildcard.
    name: 'all-repos-read',
    description: 'Operations: read everything',
    actions: on('*', READ),
    createdAgo: 250 * DAY,
  },
  {
    name: 'logistics-tracker-rw',
    actions: on('logistics/tracker', ['content/read', 'content/write', 'metadata/read']),
    createdAgo: 400 * DAY,
  },
  {
    name: 'line-agent-pull',
    description: 'Line cameras: pull the line agent',
    actions: on('factory/line-agent', READ),
    createdAgo: 150 * DAY,
  },
  {
    // Over-privileged: delete (and write) on a client of a ReadOnly registry.
    name: 'line-agent-admin',
    description: 'HMI panel (temporary full access)',
    actions: on('factory/line-agent', ALL),
    createdAgo: 100 * DAY,
  },
  {
    name: 'plc-bridge-pull',
    actions: on('factory/plc-bridge', READ),
    createdAgo: 130 * DAY,
  },
  {
    // factory/vision-model is not synced to edgeline3, where this map's token is a client.
    name: 'scanner-pull',
    description: 'Barcode scanners',
    actions: [...on('factory/line-agent', READ), ...on('factory/vision-model', READ)],
    createdAgo: 120 * DAY,
  },
  {
    name: 'fleet-monitor-read',
    description: 'Fleet monitoring: metadata only',
    actions: on('factory/line-agent', ['metadata/read']),
    createdAgo: 60 * DAY,
  },
  {
    name: 'release-admin',
    description: 'Release managers',
    actions: on('release/*', ALL),
    createdAgo: 220 * DAY,
  },
  {
    // Used by no token.
    name: 'old-team-pull',
    description: 'Legacy team (disbanded)',
    actions: on('archive/legacy-app', ['content/read']),
    createdAgo: 700 * DAY,
  },
];

interface TokenSpec {
  name: string;
  scopeMapName?: string;
  status?: 'disabled';
  createdAgo: number;
  passwords: (t: TimeHelpers) => ScenarioPassword[];
}

const none = (): ScenarioPassword[] => [];

const TOKENS: TokenSpec[] = [
  // Sync tokens (scope maps built from the hierarchy below).
  {
    name: 'sitenorth',
    scopeMapName: 'sitenorth',
    createdAgo: 200 * DAY,
    passwords: (t) => [password(t, 'password1', 20 * DAY, 70 * DAY)],
  },
  {
    name: 'sitesouth',
    scopeMapName: 'sitesouth',
    createdAgo: 420 * DAY,
    passwords: (t) => [password(t, 'password1', 85 * DAY, 5 * DAY)], // expires within 7 days
  },
  {
    name: 'edgeline1',
    scopeMapName: 'edgeline1',
    createdAgo: 150 * DAY,
    passwords: (t) => [password(t, 'password1', 10 * DAY, 80 * DAY)],
  },
  {
    name: 'edgeline2',
    scopeMapName: 'edgeline2',
    createdAgo: 140 * DAY,
    passwords: (t) => [password(t, 'password1', 30 * DAY, 60 * DAY)],
  },
  {
    // Never rotated since creation 400 days ago, and never expires.
    name: 'edgeline3-sync-token',
    scopeMapName: 'edgeline3-sync-scope-map',
    createdAgo: 400 * DAY,
    passwords: (t) => [password(t, 'password1', 400 * DAY)],
  },
  {
    name: 'edgeline4',
    scopeMapName: 'edgeline4',
    createdAgo: 90 * DAY,
    passwords: (t) => [
      password(t, 'password1', 45 * DAY, 45 * DAY),
      password(t, 'password2', 5 * DAY, 85 * DAY),
    ],
  },
  {
    // `get-settings` was never run with --generate-password: no password yet.
    name: 'edgespare1',
    scopeMapName: 'edgespare1',
    createdAgo: 2 * HOUR,
    passwords: none,
  },

  // Client tokens.
  {
    name: 'mes-north-app',
    scopeMapName: 'factory-mes-rw',
    createdAgo: 190 * DAY,
    passwords: (t) => [password(t, 'password1', 70 * DAY, 20 * DAY)], // within 30 days
  },
  {
    name: 'north-build-agent',
    scopeMapName: 'factory-push',
    createdAgo: 190 * DAY,
    passwords: (t) => [password(t, 'password1', 15 * DAY, 75 * DAY)],
  },
  {
    // Mid-rotation: the old slot expires in 2 days, the new one is in place.
    name: 'mes-south-app',
    scopeMapName: 'factory-mes-rw',
    createdAgo: 400 * DAY,
    passwords: (t) => [
      password(t, 'password1', 88 * DAY, 2 * DAY),
      password(t, 'password2', 1 * DAY, 89 * DAY),
    ],
  },
  {
    name: 'tracker-south',
    scopeMapName: 'logistics-tracker-rw',
    createdAgo: 400 * DAY,
    passwords: (t) => [password(t, 'password1', 30 * DAY, 60 * DAY)],
  },
  {
    name: 'ops-readall',
    scopeMapName: 'all-repos-read',
    createdAgo: 250 * DAY,
    passwords: (t) => [password(t, 'password1', 30 * DAY, 60 * DAY)],
  },
  {
    name: 'line1-camera01',
    scopeMapName: 'line-agent-pull',
    createdAgo: 150 * DAY,
    passwords: (t) => [password(t, 'password1', 33 * DAY, -3 * DAY)], // expired 3 days ago
  },
  {
    name: 'line1-camera02',
    scopeMapName: 'line-agent-pull',
    createdAgo: 150 * DAY,
    passwords: (t) => [password(t, 'password1', 20 * DAY)], // never expires
  },
  {
    name: 'line1-hmi',
    scopeMapName: 'line-agent-admin',
    createdAgo: 100 * DAY,
    passwords: (t) => [password(t, 'password1', 10 * DAY, 80 * DAY)],
  },
  {
    name: 'line2-camera01',
    scopeMapName: 'line-agent-pull',
    createdAgo: 140 * DAY,
    passwords: (t) => [password(t, 'password1', 120 * DAY, 245 * DAY)], // older than 90 days
  },
  {
    name: 'line2-plc',
    scopeMapName: 'plc-bridge-pull',
    createdAgo: 130 * DAY,
    passwords: (t) => [password(t, 'password1', 20 * DAY, 70 * DAY)],
  },
  {
    // The tablet was lost: disabled, but still attached to edgeline2.
    name: 'line2-lost-tablet',
    scopeMapName: 'plc-bridge-pull',
    status: 'disabled',
    createdAgo: 130 * DAY,
    passwords: (t) => [password(t, 'password1', 50 * DAY, 40 * DAY)],
  },
  {
    name: 'line3-camera01',
    scopeMapName: 'line-agent-pull',
    createdAgo: 400 * DAY,
    passwords: (t) => [password(t, 'password1', 25 * DAY, 65 * DAY)],
  },
  {
    name: 'line3-scanner',
    scopeMapName: 'scanner-pull',
    createdAgo: 120 * DAY,
    passwords: (t) => [password(t, 'password1', 25 * DAY, 65 * DAY)],
  },
  {
    name: 'line4-camera01',
    scopeMapName: '_repositories_pull',
    createdAgo: 90 * DAY,
    passwords: (t) => [password(t, 'password1', 40 * DAY, 50 * DAY)],
  },
  {
    name: 'fleet-monitor',
    scopeMapName: 'fleet-monitor-read',
    createdAgo: 60 * DAY,
    passwords: (t) => [password(t, 'password1', 5 * DAY, 85 * DAY)],
  },
  {
    name: 'spare1-client',
    scopeMapName: 'line-agent-pull',
    createdAgo: 2 * HOUR,
    passwords: none,
  },

  // Tokens attached to no connected registry.
  {
    // The old slot expired 40 days ago and was never removed.
    name: 'ci-pipeline',
    scopeMapName: 'factory-push',
    createdAgo: 300 * DAY,
    passwords: (t) => [
      password(t, 'password1', 130 * DAY, -40 * DAY),
      password(t, 'password2', 40 * DAY, 50 * DAY),
    ],
  },
  {
    name: 'legacy-deployer',
    createdAgo: 500 * DAY,
    passwords: (t) => [password(t, 'password1', 500 * DAY)],
  },
  {
    name: 'release-manager',
    scopeMapName: 'release-admin',
    createdAgo: 220 * DAY,
    passwords: (t) => [password(t, 'password1', 12 * DAY, 78 * DAY)],
  },
  {
    name: 'temp-contractor',
    scopeMapName: 'factory-mes-ro',
    status: 'disabled',
    createdAgo: 200 * DAY,
    passwords: (t) => [password(t, 'password1', 200 * DAY, -110 * DAY)],
  },
  {
    name: 'new-service',
    scopeMapName: 'factory-mes-ro',
    createdAgo: 1 * DAY,
    passwords: none,
  },
  {
    name: 'audit-export',
    scopeMapName: '_repositories_pull_metadata_read',
    createdAgo: 3 * DAY,
    passwords: (t) => [password(t, 'password1', 3 * DAY, 87 * DAY)],
  },
];

function syncNames(cr: CrSpec): { token: string; scopeMap: string } {
  return cr.syncName ?? { token: cr.name, scopeMap: cr.name };
}

function productionRegistry(t: TimeHelpers): ScenarioRegistry {
  const syncActions = syncScopeMapActions(CONNECTED_REGISTRIES);
  // edgeline2's map gained factory/plc-bridge through a direct scope-map edit;
  // its parent's map was never updated, so sitenorth does not sync that repository.
  const sitenorth = syncActions.get('sitenorth') ?? [];
  syncActions.set(
    'sitenorth',
    sitenorth.filter((a) => !a.startsWith('repositories/factory/plc-bridge/')),
  );

  const syncMaps: ScenarioScopeMap[] = CONNECTED_REGISTRIES.map((cr) => ({
    name: syncNames(cr).scopeMap,
    description: `Created by connected registry sync token: ${cr.name}`,
    actions: syncActions.get(cr.name) ?? [],
    createdAt: t.ago(cr.createdAgo),
  }));
  const clientMaps: ScenarioScopeMap[] = CLIENT_SCOPE_MAPS.map((m) => {
    const map: ScenarioScopeMap = {
      name: m.name,
      // A copy: callers may mutate the scenario they get.
      actions: [...m.actions],
      createdAt: t.ago(m.createdAgo),
    };
    if (m.description !== undefined) map.description = m.description;
    return map;
  });

  const tokens: ScenarioToken[] = TOKENS.map((spec) => {
    const token: ScenarioToken = {
      name: spec.name,
      status: spec.status ?? 'enabled',
      passwords: spec.passwords(t),
      createdAt: t.ago(spec.createdAgo),
    };
    if (spec.scopeMapName !== undefined) token.scopeMapName = spec.scopeMapName;
    return token;
  });

  const connectedRegistries: ScenarioConnectedRegistry[] = CONNECTED_REGISTRIES.map((cr) => {
    const out: ScenarioConnectedRegistry = {
      name: cr.name,
      mode: cr.mode,
      syncTokenName: syncNames(cr).token,
      clientTokenNames: [...cr.clients],
      messageTtl: cr.messageTtl,
      logLevel: 'Information',
      createdAt: t.ago(cr.createdAgo),
      runtime: cr.runtime(t, cr.createdAgo),
    };
    if (cr.parentName !== undefined) out.parentName = cr.parentName;
    // The CLI sends its default continuous schedule when none is given.
    out.schedule = cr.schedule ?? '* * * * *';
    if (cr.syncWindow !== undefined) out.syncWindow = cr.syncWindow;
    return out;
  });
  // Notifications on one site registry, so the field is exercised.
  connectedRegistries[0]!.notificationsList = ['factory/mes-api:*:*', 'factory/line-agent:*:*'];

  return {
    ...DEMO_REGISTRY,
    sku: 'Premium',
    dataEndpointEnabled: true,
    adminUserEnabled: false,
    createdAt: t.ago(800 * DAY),
    tags: { environment: 'production', owner: 'platform-team' },
    scopeMaps: [...syncMaps, ...clientMaps],
    tokens,
    connectedRegistries,
  };
}

function devRegistry(t: TimeHelpers): ScenarioRegistry {
  return {
    ...DEMO_DEV_REGISTRY,
    sku: 'Basic',
    dataEndpointEnabled: false,
    adminUserEnabled: true,
    createdAt: t.ago(365 * DAY),
    tags: { environment: 'dev' },
    scopeMaps: [
      {
        name: 'dev-push',
        description: 'Developer CI',
        actions: on('dev/*', ['content/read', 'content/write', 'metadata/read']),
        createdAt: t.ago(300 * DAY),
      },
      {
        name: 'sandbox-all',
        description: 'Sandbox: everything',
        actions: on('*', ALL),
        createdAt: t.ago(250 * DAY),
      },
      {
        name: 'dev-unused',
        actions: on('dev/experiments', READ),
        createdAt: t.ago(200 * DAY),
      },
    ],
    tokens: [
      {
        name: 'dev-ci',
        scopeMapName: 'dev-push',
        status: 'enabled',
        passwords: [password(t, 'password1', 40 * DAY)],
        createdAt: t.ago(300 * DAY),
      },
      {
        name: 'dev-reader',
        scopeMapName: '_repositories_pull',
        status: 'enabled',
        passwords: [password(t, 'password1', 65 * DAY, 25 * DAY)],
        createdAt: t.ago(100 * DAY),
      },
      {
        name: 'dev-sandbox',
        scopeMapName: 'sandbox-all',
        status: 'disabled',
        passwords: [],
        createdAt: t.ago(250 * DAY),
      },
    ],
    connectedRegistries: [],
  };
}

export const demoScenario: ScenarioFactory = ({ now }): ScenarioData => {
  const t = timeHelpers(now);
  return {
    name: 'demo',
    ...contosoIdentity(),
    registries: [productionRegistry(t), devRegistry(t)],
  };
};
