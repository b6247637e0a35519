/**
 * The shared registry snapshot through the BFF's HTTP API, against a real
 * local Azure: what a read costs cold and warm, who is refused at the gate,
 * how console changes and changes made directly in Azure reach it, and (two
 * BFF instances on one real PostgreSQL) what the instances share.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiPaths,
  auditPageSchema,
  registryOverviewSchema,
  type RegistryOverview,
  type RegistryPath,
} from '@latchkey/domain';
import {
  errorOf,
  setTokenStatusInAzure,
  startDemoHarness,
  startHarness,
  type Harness,
} from './harness';
import type { OverviewBodies } from '../../src/features/registries/overview-body';
import { heldRelisten, until } from '../listening';
import '../provided-context';

/** Small pages, so the demo registry's lists span several and a later page can change unseen. */
const PAGE_SIZE = 5;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
/** Enabled, attached to no connected registry, and far past the first page. */
const LATER_TOKEN = 'ci-pipeline';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** The BFF's clock in the one-instance tests: real time plus what a test adds to pass the window. */
let skew = 0;

async function overviewOf(h: Harness, r: RegistryPath, cookie: string, fresh = false) {
  const res = await fetch(`${h.base}${apiPaths.overview(r)}`, {
    headers: { cookie, ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
  });
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}
const statusOf = (o: RegistryOverview, name: string) =>
  o.tokens.find((t) => t.name === name)?.status;

/** What the demo registry's full read costs at PAGE_SIZE (the five system scope maps included). */
function sweepOf(h: Harness) {
  const data = h.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  return {
    Registries_Get: 1,
    Tokens_List: pages(data.tokens.length),
    ScopeMaps_List: pages(data.scopeMaps.length + 5),
    ConnectedRegistries_List: pages(data.connectedRegistries.length),
  };
}
const GATE = {
  Registries_Get: 1,
  Tokens_List: 1,
  ScopeMaps_List: 1,
  ConnectedRegistries_List: 1,
};

/** Generates a password of LATER_TOKEN through the console; returns its value (the secret). */
async function generatePassword(
  h: Harness,
  r: RegistryPath,
  cookie: string,
  slot: 'password1' | 'password2',
): Promise<string> {
  const gen = await h.post(apiPaths.tokenPasswords(r, LATER_TOKEN), { cookie, body: { slot } });
  expect(gen.status).toBe(200);
  const body = (await gen.json()) as { credentials: { passwords: Array<{ value: string }> } };
  return body.credentials.passwords[0]!.value;
}

async function observedRecords(h: Harness, cookie: string) {
  const res = await h.get(`/api/audit?actor=${encodeURIComponent('observed in Azure')}`, cookie);
  expect(res.status).toBe(200);
  return auditPageSchema.parse(await res.json()).records;
}

describe('registry snapshot, one instance', () => {
  let h: Harness;
  let r: RegistryPath;
  let admin: string;
  let reviewer: string;
  let sasha: string;

  beforeAll(async () => {
    ({ h, r, admin, reviewer } = await startDemoHarness({ now: () => Date.now() + skew }));
    sasha = await h.signIn('Sasha Scoped');
    h.azure.emulator.control.updateSettings({ pageSize: PAGE_SIZE });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('costs the full sweep cold, and the gate (4 requests) on a repeat by the same person or another', async () => {
    const sweep = sweepOf(h);
    expect(sweep.Tokens_List).toBeGreaterThan(1);
    h.azure.emulator.control.resetCounters();
    const cold = await overviewOf(h, r, admin);
    expect(h.azure.emulator.control.counters().byOperation).toEqual(sweep);
    expect(cold.snapshot).toBeUndefined();

    for (const who of [admin, reviewer]) {
      h.azure.emulator.control.resetCounters();
      const warm = await overviewOf(h, r, who);
      expect(h.azure.emulator.control.counters()).toEqual({ total: 4, byOperation: GATE });
      expect(warm.snapshot).toMatchObject({ refreshing: false });
      expect(warm.tokens.map((t) => t.name)).toEqual(cold.tokens.map((t) => t.name));
      expect(warm.fetchedAt).toBe(cold.fetchedAt);
    }
  });

  it('reads ARM in full when asked with Cache-Control: no-cache', async () => {
    h.azure.emulator.control.resetCounters();
    const fresh = await overviewOf(h, r, reviewer, true);
    expect(h.azure.emulator.control.counters().byOperation).toEqual(sweepOf(h));
    expect(fresh.snapshot).toBeUndefined();
  });

  it('shows a change made in Azure after the freshness window, recorded as "observed in Azure"', async () => {
    const before = await overviewOf(h, r, admin);
    expect(statusOf(before, LATER_TOKEN)).toBe('enabled');
    const token = before.tokens.find((t) => t.name === LATER_TOKEN)!;
    expect(before.tokens.indexOf(token)).toBeGreaterThanOrEqual(PAGE_SIZE);
    await setTokenStatusInAzure(h, r, LATER_TOKEN, 'disabled');

    // Within the window the first pages still agree: the snapshot is served as it was.
    const within = await overviewOf(h, r, admin);
    expect(statusOf(within, LATER_TOKEN)).toBe('enabled');

    skew += 31_000; // past the default 30-second window
    const stale = await overviewOf(h, r, reviewer);
    expect(stale.snapshot).toMatchObject({ refreshing: true });
    expect(stale.snapshot!.ageSeconds).toBeGreaterThanOrEqual(31);
    expect(statusOf(stale, LATER_TOKEN)).toBe('enabled');
    await h.snapshots.settled();

    const after = await overviewOf(h, r, admin);
    expect(statusOf(after, LATER_TOKEN)).toBe('disabled');
    const observed = (await observedRecords(h, admin)).filter((x) => x.target === token.id);
    expect(observed).toHaveLength(1);
    const record = observed[0]!;
    expect(record).toMatchObject({
      kind: 'observed',
      actor: 'observed in Azure',
      action: 'token.status',
      before: 'enabled',
      intentId: null,
      outcome: null,
    });
    const { value, window } = record.after as {
      value: string;
      window: { from: string; to: string };
    };
    expect(value).toBe('disabled');
    expect(window.from).toBe(before.fetchedAt);
    expect(Date.parse(window.to)).toBeGreaterThan(Date.parse(window.from));
    expect((await h.audit.verifyChain()).ok).toBe(true);
  });

  it('takes a console change from its read-back at once: no refresh, nothing "observed"', async () => {
    const observedBefore = (await observedRecords(h, admin)).length;
    const res = await h.send('PATCH', apiPaths.tokenResource(r, LATER_TOKEN), {
      cookie: admin,
      body: { status: 'enabled' },
    });
    expect(res.status).toBe(200);
    h.azure.emulator.control.resetCounters();
    const next = await overviewOf(h, r, reviewer);
    expect(statusOf(next, LATER_TOKEN)).toBe('enabled');
    expect(next.snapshot).toBeDefined();
    expect(h.azure.emulator.control.counters()).toEqual({ total: 4, byOperation: GATE });
    await h.snapshots.settled();
    expect(await observedRecords(h, admin)).toHaveLength(observedBefore);
  });

  it('stores no secret: a generated password never reaches the snapshot', async () => {
    const secret = await generatePassword(h, r, admin, 'password2');
    const { rows } = await h.storage.db.query<{ data: unknown }>(
      'SELECT data FROM registry_snapshots',
    );
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(stored).toContain(LATER_TOKEN);
    expect(stored).not.toContain(secret);
  });

  // Last: the refused sweep's other lists may still be reading when it returns.
  it("refuses a person whose role cannot list tokens with ARM's refusal, though the snapshot is warm", async () => {
    await overviewOf(h, r, admin);
    const variants: Array<Record<string, string>> = [{}, { 'cache-control': 'no-cache' }];
    for (const headers of variants) {
      h.azure.emulator.control.resetCounters();
      const res = await fetch(`${h.base}${apiPaths.overview(r)}`, {
        headers: { cookie: sasha, ...headers },
      });
      expect(res.status).toBe(403);
      const text = await res.text();
      const error = await errorOf(new Response(text));
      expect(error.code).toBe('azure_forbidden');
      expect(error.message).toContain('Microsoft.ContainerRegistry/registries/tokens/read');
      // Nothing of the snapshot leaks into the refusal.
      expect(text).not.toContain(LATER_TOKEN);
      expect(h.azure.emulator.control.counters().byOperation.Tokens_List).toBe(1);
    }
    // The findings are refused the same way.
    const findings = await h.get(apiPaths.findings(r), sasha);
    expect(findings.status).toBe(403);
  });
});

describe('registry snapshot, two instances on one PostgreSQL', () => {
  const dbName = `latchkey_snap_${process.pid}_${randomBytes(3).toString('hex')}`;
  let a: Harness;
  let b: Harness;
  let r: RegistryPath;
  let adminA: string;
  let adminB: string;
  let sashaB: string;
  /** Every payload sent on the snapshot channel, heard by the test's own LISTEN. */
  const payloads: string[] = [];
  let watcher: pg.Client | undefined;
  /** B waits here before each attempt to listen again, until the test releases it. */
  const relisten = heldRelisten();

  async function asSuperuser(sql: string): Promise<void> {
    const client = new pg.Client(inject('postgresAdminUrl'));
    await client.connect();
    await client.query(sql).finally(() => client.end());
  }

  /** Sets LATER_TOKEN's status through the console on A. */
  async function changeOnA(status: 'enabled' | 'disabled'): Promise<void> {
    const res = await a.send('PATCH', apiPaths.tokenResource(r, LATER_TOKEN), {
      cookie: adminA,
      body: { status },
    });
    expect(res.status).toBe(200);
  }

  /** B's cache warm and trusted: its read asked storage nothing. */
  async function warmB(): Promise<void> {
    await overviewOf(b, r, adminB);
    const hits = b.snapshots.stats().cacheHits;
    await overviewOf(b, r, adminB);
    expect(b.snapshots.stats().cacheHits).toBeGreaterThan(hits);
  }

  beforeAll(async () => {
    await asSuperuser(`CREATE DATABASE ${dbName}`);
    const url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${dbName}`;
    const storage = { kind: 'postgres' as const, url: url.toString() };
    const encryptionKey = randomBytes(32);
    a = await startHarness({ storage, encryptionKey });
    b = await startHarness({
      storage,
      encryptionKey,
      azure: a.azure,
      snapshotListen: relisten.options,
    });
    watcher = new pg.Client(url.toString());
    await watcher.connect();
    watcher.on('notification', (message) => payloads.push(message.payload ?? ''));
    await watcher.query('LISTEN latchkey_snapshots');
    a.azure.emulator.control.updateSettings({ pageSize: PAGE_SIZE });
    const reg = a.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
    r = {
      subscriptionId: reg.subscriptionId,
      resourceGroup: reg.resourceGroup,
      registryName: reg.name,
    };
    [adminA, adminB, sashaB] = await Promise.all([
      a.signIn('Avery Admin'),
      b.signIn('Avery Admin'),
      b.signIn('Sasha Scoped'),
    ]);
    await until(() => a.snapshots.stats().listening && b.snapshots.stats().listening, 'listening');
  }, 90_000);
  afterAll(async () => {
    await watcher?.end();
    await b?.close();
    await a?.close();
    await asSuperuser(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it("serves one instance's snapshot to the other, and a console change on one at the other's next read", async () => {
    const control = a.azure.emulator.control;
    control.resetCounters();
    await overviewOf(a, r, adminA);
    expect(control.counters().byOperation).toEqual(sweepOf(a));

    control.resetCounters();
    const shared = await overviewOf(b, r, adminB);
    expect(control.counters()).toEqual({ total: 4, byOperation: GATE });
    expect(statusOf(shared, LATER_TOKEN)).toBe('enabled');

    const res = await a.send('PATCH', apiPaths.tokenResource(r, LATER_TOKEN), {
      cookie: adminA,
      body: { status: 'disabled' },
    });
    expect(res.status).toBe(200);

    // Well within the 30-second window, and the change is past the first page:
    // only the snapshot itself can carry it to the other instance.
    control.resetCounters();
    const next = await overviewOf(b, r, adminB);
    expect(statusOf(next, LATER_TOKEN)).toBe('disabled');
    expect(next.snapshot).toMatchObject({ refreshing: false });
    expect(control.counters()).toEqual({ total: 4, byOperation: GATE });
    expect(await observedRecords(b, adminB)).toEqual([]);
  });

  it('runs one full refresh per registry at a time across instances', async () => {
    const control = a.azure.emulator.control;
    const sweep = sweepOf(a);
    // Hold every token page, so the second instance asks while the first still reads.
    control.addFault({ operation: 'Tokens_List', kind: 'latency', latencyMs: 300 });
    control.resetCounters();
    const first = overviewOf(a, r, adminA, true);
    for (let i = 0; i < 200 && !control.counters().byOperation.Tokens_List; i++) await sleep(10);
    const second = overviewOf(b, r, adminB, true);
    const [x, y] = await Promise.all([first, second]);
    control.clearFaults();
    expect(x.fetchedAt).toBe(y.fetchedAt);
    // One sweep, plus the waiting instance's own gate (its permission check).
    expect(control.counters().byOperation).toEqual({
      Registries_Get: sweep.Registries_Get + 1,
      Tokens_List: sweep.Tokens_List + 1,
      ScopeMaps_List: sweep.ScopeMaps_List + 1,
      ConnectedRegistries_List: sweep.ConnectedRegistries_List + 1,
    });
  });

  it('learns of a console change on the other instance from its notification: the next read shows it, asking storage no version', async () => {
    await warmB();
    const before = b.snapshots.stats();
    expect(before.listening).toBe(true);
    const version = b.snapshots.cached(r)!.version;
    const status = statusOf(await overviewOf(b, r, adminB), LATER_TOKEN);
    const next = status === 'enabled' ? 'disabled' : 'enabled';
    await changeOnA(next);

    // B drops its entry when the notification arrives, before any read of B's.
    await until(() => b.snapshots.stats().notifications > before.notifications, 'B notified');
    expect(b.snapshots.cached(r)).toBeUndefined();
    const heard = b.snapshots.stats();
    const bodies = b.app.locals.overviewBodies as OverviewBodies;
    const built = bodies.builds;
    const control = a.azure.emulator.control;
    control.resetCounters();
    const read = await overviewOf(b, r, adminB);
    expect(statusOf(read, LATER_TOKEN)).toBe(next);
    expect(read.snapshot).toMatchObject({ refreshing: false });
    expect(control.counters()).toEqual({ total: 4, byOperation: GATE });
    // One fetch of the new row, no version query: the notification did the work.
    expect(b.snapshots.stats()).toMatchObject({
      versionChecks: heard.versionChecks,
      fullReads: heard.fullReads + 1,
    });
    expect(b.snapshots.cached(r)!.version).toBe(version + 1);
    // And the next read costs storage nothing at all, nor serializing the overview again.
    expect(bodies.builds).toBe(built + 1);
    const after = b.snapshots.stats();
    await overviewOf(b, r, adminB);
    expect(bodies.builds).toBe(built + 1);
    expect(b.snapshots.stats()).toMatchObject({
      versionChecks: after.versionChecks,
      fullReads: after.fullReads,
    });
    expect(b.snapshots.stats().cacheHits).toBeGreaterThan(after.cacheHits);
    expect(await observedRecords(b, adminB)).toEqual([]);
  });

  it("refuses a person whose role cannot list tokens with ARM's refusal, though the instance's cache is warm", async () => {
    await warmB();
    for (const path of [
      apiPaths.overview(r),
      apiPaths.overviewStream(r),
      apiPaths.overviewRuntime(r),
    ]) {
      const hits = b.snapshots.stats().cacheHits;
      a.azure.emulator.control.resetCounters();
      const res = await fetch(`${b.base}${path}`, { headers: { cookie: sashaB } });
      expect(res.status).toBe(403);
      const text = await res.text();
      expect((await errorOf(new Response(text))).code).toBe('azure_forbidden');
      expect(text).not.toContain(LATER_TOKEN);
      // The gate ran as Sasha, against ARM, whatever the cache held.
      expect(a.azure.emulator.control.counters().byOperation.Tokens_List).toBe(1);
      if (path === apiPaths.overview(r)) expect(b.snapshots.stats().cacheHits).toBe(hits + 1);
    }
  });

  it('holds no secret in a notification or in either cache: a generated password reaches neither', async () => {
    const secret = await generatePassword(a, r, adminA, 'password1');
    expect(secret.length).toBeGreaterThan(8);
    const version = a.snapshots.cached(r)!.version;
    await until(
      () => payloads.some((p) => p.split(':').at(-2) === String(version)),
      "the password's notification",
    );
    await overviewOf(b, r, adminB);
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads)
      expect(payload).toMatch(/^\/subscriptions\/[^:]+\/registries\/contosoregistry:\d+:\d+$/);
    const caches = JSON.stringify([a.snapshots.cached(r), b.snapshots.cached(r)]);
    expect(caches).toContain(LATER_TOKEN);
    expect(caches).not.toContain(secret);
    expect(payloads.join('\n')).not.toContain(secret);
  });

  it('serves a change through the version check while its listening connection is down, and listens again', async () => {
    await warmB();
    const pid = b.snapshots.stats().listenerPid;
    expect(pid).toBeGreaterThan(0);
    await asSuperuser(`SELECT pg_terminate_backend(${Number(pid)})`);
    await until(() => !b.snapshots.stats().listening, 'B stopped listening');
    await until(() => relisten.attempts() === 1, 'B waiting to listen again');

    // B cannot hear this one: only the version check can show it.
    const status = statusOf(await overviewOf(a, r, adminA), LATER_TOKEN);
    const next = status === 'enabled' ? 'disabled' : 'enabled';
    await changeOnA(next);
    const down = b.snapshots.stats();
    const read = await overviewOf(b, r, adminB);
    expect(statusOf(read, LATER_TOKEN)).toBe(next);
    expect(b.snapshots.stats().versionChecks).toBeGreaterThan(down.versionChecks);
    expect(b.snapshots.stats().cacheHits).toBe(down.cacheHits);

    relisten.release();
    await until(() => b.snapshots.stats().listening, 'B listening again');
    expect(b.snapshots.stats().listenerPid).not.toBe(pid);
    await warmB();
    const back = b.snapshots.stats();
    await changeOnA(status!);
    await until(() => b.snapshots.stats().notifications > back.notifications, 'B notified again');
    expect(statusOf(await overviewOf(b, r, adminB), LATER_TOKEN)).toBe(status);
    expect(b.snapshots.stats().versionChecks).toBe(back.versionChecks);

    // Logged both ways, without the database's password.
    const logs = b.logs.join('');
    expect(logs).toContain('not listening for snapshot changes');
    expect(logs.split('"listening for snapshot changes"').length).toBeGreaterThanOrEqual(3);
    expect(logs).not.toContain('latchkey-test');
  });
});
