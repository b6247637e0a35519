/**
 * Concurrent changes through one BFF instance and through two instances on
 * one real PostgreSQL (each its own pools and lock manager, as two processes
 * would have), against one local Azure: every answer matches what ARM holds
 * afterwards (a 2xx means it is in ARM; a refusal is a 409 with the current
 * state) and every audit outcome matches ARM.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  connectedRegistryMutationResultSchema,
  credentialResultSchema,
  errorBodySchema,
  registryOverviewSchema,
  scopeMapMutationResultSchema,
  type RegistryPath,
} from '@latchkey/domain';
import type { AuditRecord } from '../../src/storage';
import { createDatabase, dropDatabase } from '../storage-harness';
import { startTwoInstances, type Harness } from './harness';

const ROUNDS = 20;
let dbName: string | undefined;

let a: Harness;
let b: Harness;
let r: RegistryPath;
let cookies: Map<Harness, string>;

beforeAll(async () => {
  const database = await createDatabase();
  dbName = database.name;
  ({ a, b, r, cookies } = await startTwoInstances({
    storage: { kind: 'postgres', url: database.url, poolSize: 4, lockPoolSize: 6 },
    credentialLimit: { limit: 10_000, windowMs: 60_000 },
  }));
}, 90_000);

afterEach(() => a.azure.emulator.control.clearFaults());

afterAll(async () => {
  await b?.close();
  await a?.close();
  if (dbName) await dropDatabase(dbName).catch(() => {});
});

/** Both requests through one instance, or one through each. */
const routes = [
  ['one instance', () => [a, a] as const],
  ['two instances', () => [a, b] as const],
] as const;

const post = (h: Harness, path: string, body: unknown) =>
  h.post(path, { cookie: cookies.get(h)!, body });

/** What ARM holds now, read through the BFF's read path (the real SDK against local Azure). */
async function arm() {
  const res = await a.get(apiPaths.overview(r), cookies.get(a));
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

const records = async (): Promise<AuditRecord[]> => {
  const all: AuditRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const p = await a.audit.list({ limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...p.records);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return all.reverse();
};

/** The outcomes of one intent. */
async function outcomesOf(intentId: string): Promise<Array<AuditRecord['outcome']>> {
  const { rows } = await a.storage.db.query<{ outcome: AuditRecord['outcome'] }>(
    'SELECT outcome FROM audit_log WHERE intent_id = $1 ORDER BY seq',
    [intentId],
  );
  return rows.map((x) => x.outcome);
}

/** A refused answer: 409 carrying the current state, and no intent recorded for it. */
async function expectRefused(res: Response): Promise<unknown> {
  expect(res.status).toBe(409);
  const { error } = errorBodySchema.parse(await res.json());
  expect(error.code).toBe('conflict');
  expect(error.current).toBeDefined();
  const recorded = await a.storage.db.query('SELECT seq FROM audit_log WHERE request_id = $1', [
    error.requestId,
  ]);
  expect(recorded.rows).toEqual([]);
  return error.current;
}

async function syncMapOf(cr: string): Promise<string> {
  const o = await arm();
  const c = o.connectedRegistries.find((x) => x.name === cr)!;
  return o.tokens.find((t) => t.name === c.syncTokenName)!.scopeMapName!;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it is true (bounded: 10 s). */
async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await probe()) return;
    await sleep(10);
  }
  throw new Error('timed out waiting');
}

async function everyIntentHasOneOutcome(): Promise<void> {
  const all = await records();
  const intents = all.filter((x) => x.kind === 'intent');
  for (const intent of intents) {
    expect(
      all.filter((x) => x.intentId === intent.id),
      intent.action,
    ).toHaveLength(1);
  }
  expect(await a.audit.verifyChain()).toMatchObject({ ok: true });
}

describe.each(routes)('races through %s', (_label, pair) => {
  it('concurrent attaches and detaches on one connected registry all land in ARM', async () => {
    const [x, y] = pair();
    const o = await arm();
    const cr = o.connectedRegistries.find((c) => c.name === 'edgespare1')!;
    const free = o.tokens
      .filter((t) => t.kind.type !== 'sync' && !cr.clientTokenNames.includes(t.name))
      .map((t) => t.name);
    const [t1, t2, t3] = free as [string, string, string];
    const path = apiPaths.connectedRegistryClientTokens(r, 'edgespare1');
    for (let round = 0; round < ROUNDS; round++) {
      // Even rounds: two attaches of different tokens; odd rounds: detach one, attach another.
      const bodies =
        round % 2 === 0
          ? [{ add: [t1] }, { add: [t2] }]
          : [{ remove: [t1] }, { add: [t3], remove: [t2] }];
      const answers = await Promise.all([post(x, path, bodies[0]), post(y, path, bodies[1])]);
      const now = (await arm()).connectedRegistries.find((c) => c.name === 'edgespare1')!;
      for (const [i, res] of answers.entries()) {
        expect(res.status, `round ${round}: ${await res.clone().text()}`).toBe(200);
        const body = connectedRegistryMutationResultSchema.parse(await res.json());
        const asked = bodies[i] as { add?: string[]; remove?: string[] };
        for (const t of asked.add ?? []) expect(now.clientTokenNames).toContain(t);
        for (const t of asked.remove ?? []) expect(now.clientTokenNames).not.toContain(t);
        expect(await outcomesOf(body.auditId)).toEqual(['succeeded']);
      }
      if (round % 2 === 1) {
        // Back to the start for the next round.
        const reset = await post(x, path, { remove: [t3] });
        expect(reset.status).toBe(200);
      }
    }
  }, 60_000);

  it('sibling synced-repository adds sharing a parent map both reach the parent', async () => {
    const [x, y] = pair();
    const parent = await syncMapOf('sitenorth');
    const tag = _label.replace(/\W/g, '');
    for (let round = 0; round < ROUNDS; round++) {
      const repos = [`race/${tag}-north1-${round}`, `race/${tag}-north2-${round}`];
      const answers = await Promise.all([
        post(x, apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline1'), { add: [repos[0]] }),
        post(y, apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline2'), { add: [repos[1]] }),
      ]);
      const maps = (await arm()).scopeMaps;
      const parentActions = maps.find((m) => m.name === parent)!.actions;
      for (const [i, res] of answers.entries()) {
        expect(res.status, `round ${round}: ${await res.clone().text()}`).toBe(200);
        const body = connectedRegistryMutationResultSchema.parse(await res.json());
        expect(parentActions).toContain(`repositories/${repos[i]}/content/read`);
        expect(await outcomesOf(body.auditId)).toEqual(['succeeded']);
      }
    }
  }, 60_000);

  it('a synced-repository change against a scope-map save on the same map: no action is lost', async () => {
    const [x, y] = pair();
    const map = await syncMapOf('edgeline1');
    const tag = _label.replace(/\W/g, '');
    let saved = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const loaded = (await arm()).scopeMaps.find((m) => m.name === map)!;
      const action = `repositories/race/${tag}-saved-${round}/content/read`;
      const repo = `race/${tag}-synced-${round}`;
      const save = () =>
        x.send('PUT', apiPaths.scopeMapResource(r, map), {
          cookie: cookies.get(x)!,
          body: { actions: [...loaded.actions, action], expectedVersion: loaded.version },
        });
      const sync = () =>
        post(y, apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline1'), { add: [repo] });
      let saveRes: Response;
      let syncRes: Response;
      if (round % 2 === 0) {
        // Both at once; the first write is held, so the other arrives while it runs.
        a.azure.emulator.control.addFault({
          operation: 'ScopeMaps_Update',
          kind: 'latency',
          latencyMs: 60,
          times: 1,
        });
        [saveRes, syncRes] = await Promise.all([save(), sync()]);
      } else {
        // The synced-repository change first, its write held; the save comes meanwhile.
        a.azure.emulator.control.addFault({
          operation: 'ScopeMaps_Update',
          kind: 'latency',
          latencyMs: 250,
          times: 1,
        });
        const pending = sync();
        // Its write has reached ARM (the fault is taken) while it holds the map's lock.
        await until(async () => a.azure.emulator.control.faults().length === 0);
        [saveRes, syncRes] = await Promise.all([save(), pending]);
      }
      const now = (await arm()).scopeMaps.find((m) => m.name === map)!.actions;
      // The synced repository is a delta: it always lands.
      expect(syncRes.status, `round ${round}: ${await syncRes.clone().text()}`).toBe(200);
      const syncBody = connectedRegistryMutationResultSchema.parse(await syncRes.json());
      expect(now).toContain(`repositories/${repo}/content/read`);
      expect(await outcomesOf(syncBody.auditId)).toEqual(['succeeded']);
      // The save compares versions: it lands, or is refused with the current map.
      if (saveRes.status === 200) {
        saved++;
        const body = scopeMapMutationResultSchema.parse(await saveRes.json());
        expect(now).toContain(action);
        expect(await outcomesOf(body.auditId)).toEqual(['succeeded']);
      } else {
        refused++;
        const current = (await expectRefused(saveRes)) as { actions: string[] };
        expect(current.actions).toContain(`repositories/${repo}/content/read`);
        expect(now).not.toContain(action);
      }
    }
    expect(saved + refused).toBe(ROUNDS);
    // The rounds where the save came while the other change held the map were refused.
    expect(refused).toBeGreaterThanOrEqual(ROUNDS / 2);
    console.log(`[races] ${_label}: scope-map save won ${saved}, refused ${refused} of ${ROUNDS}`);
  }, 60_000);

  it('same-name token creates: one 201 whose password is the one in ARM, the other 409', async () => {
    const [x, y] = pair();
    const tag = _label.replace(/\W/g, '');
    for (let round = 0; round < ROUNDS; round++) {
      const name = `race-${tag}-${round}`;
      const body = {
        name,
        scopeMap: { existing: 'scanner-pull' },
        password: { slot: 'password1' },
      };
      const answers = await Promise.all([
        post(x, apiPaths.tokens(r), body),
        post(y, apiPaths.tokens(r), body),
      ]);
      const created = answers.filter((res) => res.status === 201);
      const others = answers.filter((res) => res.status !== 201);
      expect(created, `round ${round}`).toHaveLength(1);
      const won = credentialResultSchema.parse(await created[0]!.json());
      const current = (await expectRefused(others[0]!)) as { name: string };
      expect(current.name).toBe(name);
      const inArm = (await arm()).tokens.find((t) => t.name === name)!;
      const slot = inArm.passwords.find((p) => p.name === 'password1')!;
      // The password the winner holds is the one ARM has (the same creation time).
      expect(slot.creationTime).toBe(
        won.token.passwords.find((p) => p.name === 'password1')!.creationTime,
      );
      expect(await outcomesOf(won.auditId)).toEqual(['succeeded']);
    }
  }, 60_000);
});

describe('200 mixed concurrent operations across both instances', () => {
  it('every intent has exactly one outcome, the chain verifies, ARM matches every success', async () => {
    const o = await arm();
    const spare = o.connectedRegistries.find((c) => c.name === 'edgespare1')!;
    const tokens = o.tokens
      .filter((t) => t.kind.type !== 'sync' && !spare.clientTokenNames.includes(t.name))
      .map((t) => t.name)
      .slice(0, 6);
    const map = await syncMapOf('edgeline2');
    const ops: Array<() => Promise<{ res: Response; check?: (arm: Overview) => void }>> = [];
    for (let i = 0; i < 200; i++) {
      const via = i % 2 === 0 ? a : b;
      const t = tokens[i % tokens.length]!;
      switch (i % 5) {
        case 0:
        case 1: {
          // Attach or detach; the last answer for a token decides what ARM must hold.
          const attach = i % 5 === 0;
          ops.push(async () => ({
            res: await post(via, apiPaths.connectedRegistryClientTokens(r, 'edgespare1'), {
              [attach ? 'add' : 'remove']: [t],
            }),
          }));
          break;
        }
        case 2: {
          const repo = `mixed/repo-${i}`;
          ops.push(async () => ({
            res: await post(via, apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline2'), {
              add: [repo],
            }),
            check: (now) =>
              expect(now.scopeMaps.find((m) => m.name === map)!.actions).toContain(
                `repositories/${repo}/content/read`,
              ),
          }));
          break;
        }
        case 3: {
          const name = `mixed-${Math.floor(i / 10)}`;
          ops.push(async () => ({
            res: await post(via, apiPaths.tokens(r), {
              name,
              scopeMap: { existing: 'scanner-pull' },
              password: { slot: 'password1' },
            }),
            check: (now) => expect(now.tokens.map((x) => x.name)).toContain(name),
          }));
          break;
        }
        default: {
          ops.push(async () => ({
            res: await via.send('PATCH', apiPaths.tokenResource(r, t), {
              cookie: cookies.get(via)!,
              body: { status: i % 10 < 5 ? 'disabled' : 'enabled' },
            }),
          }));
        }
      }
    }
    const before = (await records()).length;
    const results = await Promise.all(ops.map((op) => op()));
    const statuses = results.map((x) => x.res.status);
    // Successes, or refusals with the current state; nothing else.
    expect(statuses.filter((s) => ![200, 201, 409].includes(s))).toEqual([]);
    const now = await arm();
    for (const { res, check } of results) if (res.status < 300 && check) check(now);
    // What ARM holds of each attach/detach is what the last of them (in audit order) asked.
    const added = (await records()).slice(before);
    const lastClientChange = new Map<string, 'attached' | 'detached'>();
    for (const intent of added.filter(
      (x) => x.kind === 'intent' && x.action === 'connectedRegistry.clientTokens',
    )) {
      const state = (intent.before as { state: { add: string[]; remove: string[] } }).state;
      for (const n of state.add) lastClientChange.set(n, 'attached');
      for (const n of state.remove) lastClientChange.set(n, 'detached');
    }
    const sparesNow = now.connectedRegistries.find((c) => c.name === 'edgespare1')!;
    for (const [n, how] of lastClientChange) {
      expect(sparesNow.clientTokenNames.includes(n), n).toBe(how === 'attached');
    }
    await everyIntentHasOneOutcome();
    const outcomes = added.filter((x) => x.kind === 'outcome');
    expect(outcomes.every((x) => x.outcome === 'succeeded')).toBe(true);
    expect(outcomes.length).toBe(statuses.filter((s) => s < 300).length);
  }, 90_000);
});

type Overview = Awaited<ReturnType<typeof arm>>;
