/**
 * Changes across storage failures, on a PostgreSQL server of this file's own
 * (so it can be stopped and restarted) shared by two BFF instances and one
 * local Azure: a restart while a scope-map save holds its lock loses no
 * update; an outcome storage refuses is written when it returns; the periodic
 * sweep marks a cut-off change "outcome unknown" without any restart and a
 * read settles it; a change that a later console change superseded is settled
 * as "outcome unknown (superseded)"; reads and writes during the outage
 * answer 503 with Retry-After.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  childId,
  errorBodySchema,
  registryOverviewSchema,
  scopeMapMutationResultSchema,
  tokenMutationResultSchema,
  type RegistryPath,
} from '@latchkey/domain';
import type { AuditRecord } from '../../src/storage';
import { startPostgres, type TestPostgres } from '../global-setup';
import { startHarness, startTwoInstances, type Harness } from './harness';

/**
 * Longer than any change here takes, the outage included (an outcome kept
 * through a longer outage is written after the sweep's "unknown": also
 * allowed, but this file checks the outcome written when storage returns).
 */
const SWEEP = { everyMs: 200, olderThanMs: 15_000 };

let server: TestPostgres;
let a: Harness;
let b: Harness;
let r: RegistryPath;
let cookies: Map<Harness, string>;
const encryptionKey = randomBytes(32);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns a value (bounded: 30 s). */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const instanceOptions = () => ({
  storage: { kind: 'postgres' as const, url: server.url, poolSize: 4, lockPoolSize: 4 },
  sweep: SWEEP,
});
/** A third instance on the same database and local Azure. */
const instance = () => startHarness({ ...instanceOptions(), encryptionKey, azure: a.azure });

beforeAll(async () => {
  server = await startPostgres({ restartable: true });
  ({ a, b, r, cookies } = await startTwoInstances({ ...instanceOptions(), encryptionKey }));
}, 90_000);

afterEach(() => a.azure.emulator.control.clearFaults());

afterAll(async () => {
  await b?.close();
  await a?.close();
  await server?.stop();
});

async function arm() {
  const res = await b.get(apiPaths.overview(r), cookies.get(b));
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

async function recordsOf(intentId: string): Promise<AuditRecord[]> {
  const { records } = await a.audit.list({ limit: 500 });
  return records.filter((x) => x.intentId === intentId).reverse();
}

/** Waits until the held ARM write has reached local Azure (its fault was taken). */
const writeHeld = () =>
  until('the ARM write to be held', async () =>
    a.azure.emulator.control.faults().length === 0 ? true : undefined,
  );

const enabledTokens = async () =>
  (await arm()).tokens
    .filter((t) => t.kind.type !== 'sync' && t.status === 'enabled')
    .map((t) => t.name);

describe('a PostgreSQL restart while a scope-map save holds its lock', () => {
  it('loses no update: the second save waits for the first, and answers and audit match ARM', async () => {
    const map = 'scanner-pull';
    const loaded = (await arm()).scopeMaps.find((m) => m.name === map)!;
    const first = 'repositories/fenced/first/content/read';
    const second = 'repositories/fenced/second/content/read';
    a.azure.emulator.control.addFault({
      operation: 'ScopeMaps_Update',
      kind: 'latency',
      latencyMs: 2500,
      times: 1,
    });
    const save = (h: Harness, action: string) =>
      h.send('PUT', apiPaths.scopeMapResource(r, map), {
        cookie: cookies.get(h)!,
        body: { actions: [...loaded.actions, action], expectedVersion: loaded.version },
      });
    const pending = save(a, first);
    await writeHeld();
    // The first save's lock dies with its connection; its ARM write is still in flight.
    await server.halt();
    await server.resume();
    // Another person saves the version they loaded, through the other instance.
    const [firstRes, secondRes] = await Promise.all([pending, save(b, second)]);

    const now = (await arm()).scopeMaps.find((m) => m.name === map)!;
    expect(firstRes.status, await firstRes.clone().text()).toBe(200);
    const won = scopeMapMutationResultSchema.parse(await firstRes.json());
    expect(now.actions).toContain(first);
    // It learnt of the loss after ARM answered: it says so.
    expect(won.notice).toMatch(/^Applied in Azure\..*the audit record will be settled/);
    // The second came while the first was in flight: refused with the map as it is now.
    expect(secondRes.status, await secondRes.clone().text()).toBe(409);
    const { error } = errorBodySchema.parse(await secondRes.json());
    expect((error.current as { actions: string[] }).actions).toContain(first);
    expect(now.actions).not.toContain(second);

    const outcome = await until('the first save’s outcome', async () => {
      const [o] = await recordsOf(won.auditId);
      return o;
    });
    expect(outcome.outcome).toBe('succeeded');
    expect(outcome.after).toMatchObject({ lockLost: true });
    expect(await recordsOf(won.auditId)).toHaveLength(1);
    expect(await a.audit.verifyChain()).toMatchObject({ ok: true });
  }, 60_000);
});

describe('PostgreSQL stopped between intent and outcome', () => {
  it('answers the truth, 503s reads and writes meanwhile, and writes the outcome when it returns', async () => {
    const [name, other] = await enabledTokens();
    a.azure.emulator.control.addFault({
      operation: 'Tokens_Update',
      kind: 'latency',
      latencyMs: 1500,
      times: 1,
    });
    const pending = a.send('PATCH', apiPaths.tokenResource(r, name!), {
      cookie: cookies.get(a)!,
      body: { status: 'disabled' },
    });
    await writeHeld();
    await server.halt();
    let down = true;
    try {
      const res = await pending;
      expect(res.status, await res.clone().text()).toBe(200);
      const body = tokenMutationResultSchema.parse(await res.json());
      expect(body.token.status).toBe('disabled');
      expect(body.notice).toMatch(/^Applied in Azure\./);

      // During the outage: reads and writes answer 503 with Retry-After.
      const read = await b.get(apiPaths.overview(r), cookies.get(b));
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('5');
      expect(errorBodySchema.parse(await read.json()).error.code).toBe('storage_unavailable');
      const write = await b.send('PATCH', apiPaths.tokenResource(r, other!), {
        cookie: cookies.get(b)!,
        body: { status: 'disabled' },
      });
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');

      await server.resume();
      down = false;
      // No restart of either instance: the sweep writes the kept outcome.
      const [outcome] = await until('the kept outcome', async () => {
        const records = await recordsOf(body.auditId);
        return records.length > 0 ? records : undefined;
      });
      expect(outcome!.outcome).toBe('succeeded');
      expect(outcome!.after).toMatchObject({ lockLost: true });
      expect((await arm()).tokens.find((t) => t.name === name)!.status).toBe('disabled');
      expect((await arm()).tokens.find((t) => t.name === other)!.status).toBe('enabled');
    } finally {
      if (down) await server.resume();
    }
  }, 60_000);
});

describe('changes cut off by a crashed instance', () => {
  it('are marked unknown by the sweep, no restart, and a read settles each from evidence about it', async () => {
    const [crashedApplied, neverSent, plainCrash] = await enabledTokens();
    const tokenId = (n: string) => childId(r, 'tokens', n);
    const intentOf = (n: string, action: string) =>
      a.audit.appendIntent({
        actor: 'avery@contoso.example',
        action,
        target: tokenId(n),
        before: {
          actor: { oid: 'x', name: 'Avery', username: 'avery' },
          state: { status: 'enabled' },
        },
        requestId: `crashed-${n}`,
      });

    // 1. A third instance disables a token, ARM applies it, the instance dies before
    //    its outcome; then the token is re-enabled through another instance.
    const c = await instance();
    const cCookie = await c.signIn('Avery Admin');
    a.azure.emulator.control.addFault({
      operation: 'Tokens_Update',
      kind: 'latency',
      latencyMs: 800,
      times: 1,
    });
    const cut = c
      .send('PATCH', apiPaths.tokenResource(r, crashedApplied!), {
        cookie: cCookie,
        body: { status: 'disabled' },
      })
      .catch(() => undefined);
    await writeHeld();
    const crashedIntent = await until('the crashed change’s intent', async () =>
      (await a.audit.pendingIntents()).find((x) => x.target === tokenId(crashedApplied!)),
    );
    await c.close();
    await cut;
    expect((await arm()).tokens.find((t) => t.name === crashedApplied)!.status).toBe('disabled');
    const reenable = await b.send('PATCH', apiPaths.tokenResource(r, crashedApplied!), {
      cookie: cookies.get(b)!,
      body: { status: 'enabled' },
    });
    expect(reenable.status).toBe(200);

    // 2. A disable cut off before it reached ARM, then a disable through another instance.
    const neverSentIntent = await intentOf(neverSent!, 'token.disable');
    const disable = await b.send('PATCH', apiPaths.tokenResource(r, neverSent!), {
      cookie: cookies.get(b)!,
      body: { status: 'disabled' },
    });
    expect(disable.status).toBe(200);

    // 3. A disable cut off before it reached ARM, nothing after it.
    const plainIntent = await intentOf(plainCrash!, 'token.disable');

    // The sweep (not a restart) marks all three once they are older than any change.
    for (const id of [crashedIntent.id, neverSentIntent, plainIntent]) {
      await until('the sweep to mark it', async () => {
        const records = await recordsOf(id);
        return records.length > 0 ? records : undefined;
      });
      expect((await recordsOf(id)).map((x) => x.outcome)).toEqual(['unknown']);
    }
    // A read settles them.
    await arm();
    const settled = async (id: string) => (await recordsOf(id)).map((x) => [x.outcome, x.after]);
    for (const id of [crashedIntent.id, neverSentIntent]) {
      const [, last] = await settled(id);
      expect(last![0]).toBe('unknown');
      expect((last![1] as { note: string }).note).toMatch(
        /^outcome unknown \(superseded by token\.(enable|disable) by /,
      );
    }
    const [, plain] = await settled(plainIntent);
    expect(plain![0]).toBe('failed');
    expect((plain![1] as { note: string }).note).toMatch(/token .* is enabled$/);
    // Settled for good: another read changes nothing.
    await arm();
    for (const id of [crashedIntent.id, neverSentIntent, plainIntent]) {
      expect(await recordsOf(id)).toHaveLength(2);
    }
    expect(await a.audit.verifyChain()).toMatchObject({ ok: true });
  }, 90_000);
});
