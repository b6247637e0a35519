/**
 * The large scenario: one Premium registry at the scale the console must stay
 * fast at (300 connected registries up to four levels deep, 5,000 tokens and
 * 5,000 scope maps including the sync ones). Generated with a seeded PRNG, so
 * it is the same for a given `now`, and cheap enough to build on every load.
 */
import { SYSTEM_SCOPE_MAP_NAMES } from '../arm/rules/system-scope-maps';
import { contosoIdentity, DEMO_REGISTRY } from './contoso';
import {
  DAY,
  HOUR,
  MINUTE,
  seededRandom,
  syncScopeMapActions,
  timeHelpers,
  type SyncPlan,
  type TimeHelpers,
} from './build';
import type {
  ConnectedRegistryRuntime,
  ScenarioConnectedRegistry,
  ScenarioData,
  ScenarioFactory,
  ScenarioPassword,
  ScenarioScopeMap,
  ScenarioToken,
} from './types';

export const LARGE_SEED = 0x1a7c4e11;
export const LARGE_COUNTS = {
  connectedRegistries: 300,
  topLevel: 12,
  maxDepth: 4,
  /** Including the sync tokens. */
  tokens: 5000,
  /** User-defined, including the sync scope maps. */
  scopeMaps: 5000,
  maxClientsPerConnectedRegistry: 20,
} as const;

const TEAMS = [
  'factory',
  'logistics',
  'vision',
  'mes',
  'plc',
  'quality',
  'energy',
  'safety',
  'robotics',
  'warehouse',
  'maintenance',
  'platform',
];
const APPS = [
  'api',
  'agent',
  'worker',
  'ui',
  'model',
  'bridge',
  'collector',
  'gateway',
  'scheduler',
  'exporter',
  'sidecar',
  'db-migrator',
  'cli',
  'dashboard',
  'importer',
];
const REPOSITORIES = TEAMS.flatMap((team) => APPS.map((app) => `${team}/${app}`));

const READ = ['content/read', 'metadata/read'];
const READ_WRITE = ['content/read', 'content/write', 'metadata/read', 'metadata/write'];
const ALL = ['content/read', 'content/write', 'content/delete', 'metadata/read', 'metadata/write'];

// Only DISK_PERMISSION_DENIED is attested (reference §2.2); the others are
// plausible stand-ins so the console shows more than one kind of failure.
const FAILURES = [
  {
    type: 'Disk',
    code: 'DISK_PERMISSION_DENIED',
    description: 'Permission denied on /var/acr/data.',
  },
  { type: 'Disk', code: 'DISK_FULL', description: 'The data volume /var/acr/data is full.' },
  {
    type: 'Network',
    code: 'PARENT_UNREACHABLE',
    description: 'The parent gateway cannot be reached.',
  },
];

interface Node extends SyncPlan {
  index: number;
  depth: number;
  site: number;
  createdAgo: number;
  clients: string[];
}

class Generator {
  readonly random = seededRandom(LARGE_SEED);
  private guidCounter = 0;

  constructor(private readonly t: TimeHelpers) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** k distinct items, in a random order (partial Fisher-Yates). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.random() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  guid(): string {
    this.guidCounter++;
    return `1a7ce000-0000-4000-8000-${this.guidCounter.toString(16).padStart(12, '0')}`;
  }

  /** A spread of password states: none, expired, expiring in 7/30 days, no expiry, old. */
  passwords(maxAgeDays: number): ScenarioPassword[] {
    if (this.chance(0.05)) return [];
    const slots: ('password1' | 'password2')[] = this.chance(0.3)
      ? ['password1', 'password2']
      : [this.chance(0.8) ? 'password1' : 'password2'];
    return slots.map((name) => {
      const createdAgoMs = this.int(HOUR, Math.max(2 * HOUR, maxAgeDays * DAY));
      const p: ScenarioPassword = { name, creationTime: this.t.ago(createdAgoMs) };
      const r = this.random();
      if (r < 0.15) return p; // never expires
      if (r < 0.25) {
        // expired, some time after it was created
        p.expiry = this.t.ago(this.int(MINUTE, Math.max(MINUTE, createdAgoMs - MINUTE)));
      } else if (r < 0.3) {
        p.expiry = this.t.ahead(this.int(HOUR, 7 * DAY - HOUR));
      } else if (r < 0.4) {
        p.expiry = this.t.ahead(this.int(7 * DAY + HOUR, 30 * DAY - HOUR));
      } else {
        p.expiry = this.t.ahead(this.int(31 * DAY, 365 * DAY));
      }
      return p;
    });
  }

  runtime(createdAgo: number): ConnectedRegistryRuntime {
    const t = this.t;
    const heartbeat = { everyMs: MINUTE };
    const activatedAgo = Math.max(createdAgo - HOUR, 2 * MINUTE);
    const activated = {
      at: t.ago(activatedAgo),
      connectionState: 'Online' as const,
      activation: 'Active' as const,
      version: this.pick(['1.2.0', '1.3.0', '1.4.2']),
      synced: true,
    };
    const r = this.random();
    if (r < 0.8) return { events: [activated], heartbeat };
    // A later change at least a minute after activation.
    const since = (maxMs: number): number =>
      this.int(MINUTE, Math.max(MINUTE, Math.min(maxMs, activatedAgo - MINUTE)));
    if (r < 0.88) {
      return {
        events: [activated, { at: t.ago(since(10 * DAY)), connectionState: 'Offline' }],
        heartbeat,
      };
    }
    if (r < 0.93) {
      const at = t.ago(since(4 * DAY));
      const failure = this.pick(FAILURES);
      return {
        events: [
          activated,
          {
            at,
            connectionState: 'Unhealthy',
            statusDetails: [{ ...failure, timestamp: at, correlationId: this.guid() }],
          },
        ],
        heartbeat,
      };
    }
    if (r < 0.97) {
      return {
        events: [activated, { at: t.ago(since(30 * MINUTE)), connectionState: 'Syncing' }],
        heartbeat,
      };
    }
    return { events: [] }; // never activated
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export const largeScenario: ScenarioFactory = ({ now }): ScenarioData => {
  const t = timeHelpers(now);
  const g = new Generator(t);

  // --- hierarchy: 12 sites, the rest spread round-robin over the sites so no
  // ancestor's sync map outgrows the 500-action limit.
  const nodes: Node[] = [];
  const bySite: Node[][] = [];
  for (let site = 0; site < LARGE_COUNTS.topLevel; site++) {
    const mode = site < 10 ? 'ReadWrite' : 'ReadOnly';
    const node: Node = {
      index: site,
      name: `site${pad(site + 1, 2)}`,
      mode,
      depth: 1,
      site,
      repositories: g.sample(REPOSITORIES, g.int(12, 20)),
      createdAgo: g.int(400, 700) * DAY,
      clients: [],
    };
    nodes.push(node);
    bySite.push([node]);
  }
  for (let i = LARGE_COUNTS.topLevel; i < LARGE_COUNTS.connectedRegistries; i++) {
    const site = i % LARGE_COUNTS.topLevel;
    const parent = g.pick(bySite[site]!.filter((n) => n.depth < LARGE_COUNTS.maxDepth));
    const depth = parent.depth + 1;
    // A ReadOnly parent can only have ReadOnly children.
    const mode = parent.mode === 'ReadOnly' || !g.chance(0.3) ? 'ReadOnly' : 'ReadWrite';
    const prefix = depth === 2 ? 'area' : depth === 3 ? 'line' : 'cell';
    const node: Node = {
      index: i,
      name: `${prefix}${pad(i + 1, 4)}`,
      mode,
      parentName: parent.name,
      depth,
      site,
      // A subset of the parent's repositories, as `permissions update` keeps it.
      repositories: g.sample(parent.repositories, g.int(2, 8)),
      createdAgo: g.int(1, Math.max(1, Math.floor(parent.createdAgo / DAY) - 1)) * DAY,
      clients: [],
    };
    nodes.push(node);
    bySite[site]!.push(node);
  }
  const syncActions = syncScopeMapActions(nodes);

  const scopeMaps: ScenarioScopeMap[] = [];
  const tokens: ScenarioToken[] = [];
  for (const node of nodes) {
    scopeMaps.push({
      name: node.name,
      description: `Created by connected registry sync token: ${node.name}`,
      actions: syncActions.get(node.name) ?? [],
      createdAt: t.ago(node.createdAgo),
    });
    tokens.push({
      name: node.name,
      scopeMapName: node.name,
      status: 'enabled',
      passwords: g.passwords(Math.floor(node.createdAgo / DAY)),
      createdAt: t.ago(node.createdAgo),
    });
  }

  // --- client and unattached tokens, each with its own map (as `az acr token
  // create --repository` makes), a shared one, a system map, or none.
  const userMaps: ScenarioScopeMap[] = [];
  const mapsBySite: string[][] = nodes.slice(0, LARGE_COUNTS.topLevel).map(() => []);
  const addToken = (name: string, actions: string[], site: number | undefined): void => {
    const createdAgo = g.int(1, 600) * DAY;
    const token: ScenarioToken = {
      name,
      status: g.chance(0.04) ? 'disabled' : 'enabled',
      passwords: g.passwords(Math.floor(createdAgo / DAY)),
      createdAt: t.ago(createdAgo),
    };
    const r = g.random();
    const siteMaps = site === undefined ? [] : mapsBySite[site]!;
    if (r < 0.03) {
      // no scope map
    } else if (r < 0.06) {
      token.scopeMapName = g.pick(SYSTEM_SCOPE_MAP_NAMES);
    } else if (r < 0.16 && siteMaps.length > 0) {
      token.scopeMapName = g.pick(siteMaps);
    } else {
      const mapName = `${name}-scope-map`;
      userMaps.push({
        name: mapName,
        description: `Created by token: ${name}`,
        actions,
        createdAt: token.createdAt,
      });
      siteMaps.push(mapName);
      token.scopeMapName = mapName;
    }
    tokens.push(token);
  };

  const nonSyncTokens = LARGE_COUNTS.tokens - nodes.length;
  let created = 0;
  // Leave room for unattached tokens and the 500-action map.
  const clientBudget = nonSyncTokens - 1000;
  for (const node of nodes) {
    const wanted = g.int(0, 16);
    for (let c = 1; c <= wanted && created < clientBudget; c++) {
      const name = `${node.name}-c${pad(c, 2)}`;
      const repos = g.sample(node.repositories, g.int(1, 3));
      // Now and then a repository the connected registry does not sync.
      if (g.chance(0.05)) repos.push(g.pick(REPOSITORIES));
      const perms = g.chance(0.85) ? READ : g.chance(0.66) ? READ_WRITE : ALL;
      const actions = [...new Set(repos)].flatMap((repo) =>
        perms.map((p) => `repositories/${repo}/${p}`),
      );
      addToken(name, actions, node.site);
      node.clients.push(name);
      created++;
    }
  }
  // Some client tokens serve several connected registries of the same site.
  for (const node of nodes) {
    if (!g.chance(0.2) || node.clients.length >= LARGE_COUNTS.maxClientsPerConnectedRegistry)
      continue;
    const sibling = g.pick(bySite[node.site]!);
    const shared = sibling.clients[0];
    if (shared !== undefined && !node.clients.includes(shared)) node.clients.push(shared);
  }

  // One map at exactly the 500-action limit.
  const bulk = REPOSITORIES.slice(0, 100).flatMap((repo) =>
    ALL.map((p) => `repositories/${repo}/${p}`),
  );
  const bulkCreated = 30 * DAY;
  userMaps.push({
    name: 'bulk-importer-scope-map',
    description: 'Created by token: bulk-importer',
    actions: bulk,
    createdAt: t.ago(bulkCreated),
  });
  tokens.push({
    name: 'bulk-importer',
    scopeMapName: 'bulk-importer-scope-map',
    status: 'enabled',
    passwords: [{ name: 'password1', creationTime: t.ago(bulkCreated), expiry: t.ahead(60 * DAY) }],
    createdAt: t.ago(bulkCreated),
  });

  for (let n = 1; tokens.length < LARGE_COUNTS.tokens; n++) {
    let repos: string[];
    const r = g.random();
    if (r < 0.02) repos = ['*'];
    else if (r < 0.12) repos = [`${g.pick(TEAMS)}/*`];
    else repos = g.sample(REPOSITORIES, g.int(1, 5));
    const perms = g.pick([READ, READ, READ, READ_WRITE, ALL]);
    addToken(
      `svc-${pad(n, 4)}`,
      repos.flatMap((repo) => perms.map((p) => `repositories/${repo}/${p}`)),
      undefined,
    );
  }

  // Fill up with maps no token uses.
  for (let n = 1; scopeMaps.length + userMaps.length < LARGE_COUNTS.scopeMaps; n++) {
    userMaps.push({
      name: `unused-${pad(n, 4)}`,
      actions: g
        .sample(REPOSITORIES, g.int(1, 3))
        .flatMap((repo) => READ.map((p) => `repositories/${repo}/${p}`)),
      createdAt: t.ago(g.int(1, 700) * DAY),
    });
  }

  const connectedRegistries: ScenarioConnectedRegistry[] = nodes.map((node) => {
    const cr: ScenarioConnectedRegistry = {
      name: node.name,
      mode: node.mode,
      syncTokenName: node.name,
      clientTokenNames: node.clients,
      messageTtl: g.pick(['P1D', 'P2D', 'P2D', 'P7D', 'P30D']),
      logLevel: 'Information',
      createdAt: t.ago(node.createdAgo),
      runtime: g.runtime(node.createdAgo),
    };
    if (node.parentName !== undefined) cr.parentName = node.parentName;
    if (g.chance(0.3)) {
      cr.schedule = `0 */${g.pick([2, 4, 6, 12])} * * *`;
      cr.syncWindow = g.pick(['PT1H', 'PT2H', 'PT4H']);
    } else {
      cr.schedule = '* * * * *';
    }
    return cr;
  });

  return {
    name: 'large',
    ...contosoIdentity(),
    registries: [
      {
        ...DEMO_REGISTRY,
        sku: 'Premium',
        dataEndpointEnabled: true,
        adminUserEnabled: false,
        createdAt: t.ago(800 * DAY),
        tags: { environment: 'production', scale: 'large' },
        scopeMaps: [...scopeMaps, ...userMaps],
        tokens,
        connectedRegistries,
      },
    ],
  };
};
