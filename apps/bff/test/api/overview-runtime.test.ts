/**
 * The hierarchy's light poll through the BFF's HTTP API, against a real local
 * Azure: connected registries' runtime state only, after the person's own
 * gate, 304 while nothing moved, and a version that moves only when something
 * other than runtime state changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  registryOverviewSchema,
  registryRuntimeSchema,
  type RegistryPath,
  type RegistryRuntime,
} from '@latchkey/domain';
import { errorOf, startDemoHarness, type Harness } from './harness';

const GATE = { Registries_Get: 1, Tokens_List: 1, ScopeMaps_List: 1, ConnectedRegistries_List: 1 };
const MINUTE = 60_000;

describe('connected-registry runtime poll', () => {
  let h: Harness;
  let r: RegistryPath;
  let admin: string;
  let sasha: string;
  /** The BFF's clock: real time plus what a test adds to pass the freshness window. */
  let skew = 0;
  const control = () => h.azure.emulator.control;
  const poll = (cookie: string, etag?: string) =>
    fetch(`${h.base}${apiPaths.overviewRuntime(r)}`, {
      headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) },
    });
  const read = async (res: Response): Promise<RegistryRuntime> => {
    expect(res.status).toBe(200);
    return registryRuntimeSchema.parse(await res.json());
  };
  /** Moves both clocks past the freshness window and lets the refresh that starts finish. */
  const refresh = async (cookie: string) => {
    skew += 31_000;
    await (await poll(cookie)).text();
    await h.snapshots.settled();
  };

  beforeAll(async () => {
    ({ h, r, admin } = await startDemoHarness({ now: () => Date.now() + skew }));
    sasha = await h.signIn('Sasha Scoped');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('answers each connected registry runtime fields only, as the overview has them, for the gate alone', async () => {
    const overview = registryOverviewSchema.parse(
      await (await h.get(apiPaths.overview(r), admin)).json(),
    );
    control().resetCounters();
    const res = await poll(admin);
    const text = await res.clone().text();
    const runtime = await read(res);
    expect(control().counters()).toEqual({ total: 4, byOperation: GATE });
    expect(res.headers.get('etag')).toMatch(/^"rt-[\w-]+"$/);
    expect(runtime.fetchedAt).toBe(overview.fetchedAt);
    // Independent of the BFF's code: the overview's own rows, with the documented fields picked.
    expect(runtime.items).toEqual(
      overview.connectedRegistries.map((cr) => ({
        name: cr.name,
        connectionState: cr.connectionState,
        statusDetails: cr.statusDetails,
        ...(cr.lastActivityTime ? { lastActivityTime: cr.lastActivityTime } : {}),
        ...(cr.lastSyncTime ? { lastSyncTime: cr.lastSyncTime } : {}),
      })),
    );
    // Small: nothing of tokens or scope maps travels, and no item carries more than its runtime fields.
    expect(text).not.toContain('ci-pipeline');
    expect(text).not.toContain('syncTokenName');
    expect(text.length).toBeLessThan(JSON.stringify(overview).length / 4);
  });

  it('answers 304 for the gate alone while nothing moved', async () => {
    const first = await poll(admin);
    const etag = first.headers.get('etag')!;
    await first.text();
    control().resetCounters();
    const again = await poll(admin, etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(control().counters()).toEqual({ total: 4, byOperation: GATE });
  });

  it('refuses a person whose role cannot list tokens: a 403, never a 304 or the state', async () => {
    const first = await poll(admin);
    const etag = first.headers.get('etag')!;
    await first.text();
    for (const tag of [undefined, etag, '*']) {
      const res = await poll(sasha, tag);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect((await errorOf(new Response(text))).code).toBe('azure_forbidden');
      expect(text).not.toContain('connectionState');
      expect(res.headers.get('etag') ?? '').not.toContain('rt-');
    }
  });

  it('moves the tag but not the version when a device changes state; moves the version on a registry change', async () => {
    const before = await poll(admin);
    const etag = before.headers.get('etag')!;
    const was = await read(before);
    const edgeline4 = was.items.find((i) => i.name === 'edgeline4')!;
    expect(edgeline4.connectionState).toBe('Offline');

    // The demo's edgeline4 resyncs three minutes after the scenario starts.
    h.azure.clock.advance(4 * MINUTE);
    await refresh(admin);
    const after = await poll(admin, etag);
    const now = await read(after);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(now.items.find((i) => i.name === 'edgeline4')?.connectionState).toBe('Syncing');
    expect(now.version).toBe(was.version);

    const change = await h.send('PATCH', apiPaths.tokenResource(r, 'ci-pipeline'), {
      cookie: admin,
      body: { status: 'disabled' },
    });
    expect(change.status).toBe(200);
    const changed = await read(await poll(admin, after.headers.get('etag')!));
    expect(changed.version).not.toBe(was.version);
    await h.send('PATCH', apiPaths.tokenResource(r, 'ci-pipeline'), {
      cookie: admin,
      body: { status: 'enabled' },
    });
  });
});
