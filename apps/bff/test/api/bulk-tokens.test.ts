/**
 * Bulk actions on tokens, on the `large` scenario (5,000 tokens, 300
 * connected registries), through the real SDK against local Azure: 200
 * tokens disabled with Azure throttling mid-way, cancel, and sync tokens
 * never included by "all matching".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  bulkJobSchema,
  bulkPasswordsSchema,
  bulkTokenPreviewSchema,
  csrfHeader,
  errorBodySchema,
  registryOverviewSchema,
  type BulkJob,
  type RegistryOverview,
  type RegistryPath,
} from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let r: RegistryPath;

beforeAll(async () => {
  // No SDK retries: every 429 reaches the bulk runner, whose retries are under test.
  h = await startHarness({ scenario: 'large', maxRetries: 0 });
  const reg = h.azure.scenario().registries.find((x) => x.sku === 'Premium')!;
  r = {
    subscriptionId: reg.subscriptionId,
    resourceGroup: reg.resourceGroup,
    registryName: reg.name,
  };
  [admin, reviewer] = await Promise.all([h.signIn('Avery Admin'), h.signIn('Riley Reviewer')]);
}, 120_000);

afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

/** The registry as ARM holds it now (a fresh read, not the snapshot). */
async function armOverview(): Promise<RegistryOverview> {
  const res = await h.raw('GET', apiPaths.overview(r), {
    cookie: admin,
    'cache-control': 'no-cache',
  });
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(JSON.parse(res.text));
}

async function job(id: string): Promise<BulkJob> {
  const res = await h.get(apiPaths.bulkJob(r, id), admin);
  expect(res.status).toBe(200);
  return bulkJobSchema.parse(await res.json());
}

/** Polls until `done(job)` (bounded: 3,000 polls of 100 ms). */
async function until(id: string, done: (j: BulkJob) => boolean): Promise<BulkJob> {
  let resets = 0;
  for (let i = 0; i < 3000; i++) {
    // A kept-alive connection the server closed between polls answers ECONNRESET: poll again.
    const j = await job(id).catch((error: unknown) => {
      if (++resets > 5) throw error;
      return undefined;
    });
    if (j && done(j)) return j;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bulk job did not get there');
}

async function start(body: Record<string, unknown>): Promise<BulkJob> {
  const preview = await h.send('POST', apiPaths.bulkTokensPreview(r), { cookie: admin, body });
  expect(preview.status).toBe(200);
  const { confirmation } = bulkTokenPreviewSchema.parse(await preview.json());
  const res = await h.send('POST', apiPaths.bulkTokens(r), {
    cookie: admin,
    body: { ...body, confirm: confirmation },
  });
  expect(res.status).toBe(202);
  return bulkJobSchema.parse(await res.json());
}

/** Every audit record of an action, paging through the log (500 a page). */
async function auditOf(action?: string) {
  const all = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const got = await h.audit.list({
      limit: 500,
      ...(action ? { action } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...got.records);
    if (!got.nextCursor) break;
    cursor = got.nextCursor;
  }
  return all;
}

const enabledNonSync = (o: RegistryOverview) =>
  o.tokens.filter((t) => t.status === 'enabled' && t.kind.type !== 'sync').map((t) => t.name);

describe('bulk disable on large', () => {
  it('disables 200 tokens through a 429 mid-way: all done after retries, each audited, every outcome listed', async () => {
    const names = enabledNonSync(await armOverview()).slice(0, 200);
    expect(names).toHaveLength(200);
    const started = await start({ action: 'disable', selection: 'picked', names });
    expect(started.items).toHaveLength(200);

    // Mid-way: once 50 are done, Azure throttles the next three token writes (Retry-After 1 s).
    await until(started.id, (j) => j.progress.done >= 50);
    h.azure.emulator.control.addFault({
      operation: 'Tokens_Update',
      kind: 'throttle',
      retryAfterSeconds: 1,
      times: 3,
    });
    const ended = await until(started.id, (j) => j.finishedAt !== undefined);

    expect(ended.state).toBe('finished');
    expect(ended.progress).toMatchObject({ total: 200, done: 200, failed: 0, pending: 0 });
    expect(ended.items.map((i) => i.name).sort()).toEqual([...names].sort());
    // The three throttled writes were each tried again by the bulk runner.
    expect(ended.items.reduce((sum, i) => sum + (i.attempts ?? 0) - 1, 0)).toBe(3);
    // Azure served all three 429s (the fault is used up).
    expect(h.azure.emulator.control.faults()).toEqual([]);

    // Azure holds every one disabled.
    const arm = await armOverview();
    const disabled = new Set(arm.tokens.filter((t) => t.status === 'disabled').map((t) => t.name));
    expect(names.filter((n) => !disabled.has(n))).toEqual([]);

    // One audit record per token (intent and outcome), plus one for the bulk action.
    const records = await auditOf('token.disable');
    const intents = records.filter((x) => x.kind === 'intent');
    const outcomes = records.filter((x) => x.kind === 'outcome');
    // Each try is its own record: the three throttled tries are recorded as failed, then retried.
    expect([...new Set(intents.map((x) => x.target.split('/').pop()))].sort()).toEqual(
      [...names].sort(),
    );
    expect(intents).toHaveLength(203);
    expect(outcomes.filter((x) => x.outcome === 'succeeded')).toHaveLength(200);
    expect(outcomes.filter((x) => x.outcome === 'failed')).toHaveLength(3);
    expect(new Set(ended.items.map((i) => i.auditId)).size).toBe(200);
    const bulk = await auditOf('token.bulk.disable');
    expect(bulk.filter((x) => x.kind === 'intent')).toHaveLength(1);
    expect(bulk.find((x) => x.kind === 'outcome')?.outcome).toBe('succeeded');
    expect(bulk.find((x) => x.kind === 'intent')?.id).toBe(ended.auditId);
  }, 300_000);

  it('cancel stops at the next item: items not started stay as they were', async () => {
    const names = enabledNonSync(await armOverview()).slice(0, 100);
    // Each token write takes 200 ms, so the job is still running when cancelled.
    h.azure.emulator.control.addFault({
      operation: 'Tokens_Update',
      kind: 'latency',
      latencyMs: 200,
    });
    const started = await start({ action: 'disable', selection: 'picked', names });
    await until(started.id, (j) => j.progress.done >= 4);
    const cancel = await h.send('POST', apiPaths.bulkJobCancel(r, started.id), { cookie: admin });
    expect(cancel.status).toBe(200);
    const ended = await until(started.id, (j) => j.finishedAt !== undefined);
    expect(ended.state).toBe('cancelled');
    const { done, failed, cancelled, pending } = ended.progress;
    expect(pending).toBe(0);
    expect(cancelled).toBeGreaterThan(0);
    expect(done + failed + cancelled).toBe(100);
    // Only the items that ran are changed and audited; the cancelled ones are untouched.
    const arm = await armOverview();
    const status = new Map(arm.tokens.map((t) => [t.name, t.status]));
    for (const item of ended.items) {
      expect(status.get(item.name)).toBe(item.outcome === 'done' ? 'disabled' : 'enabled');
    }
    const intents = (await auditOf('token.disable')).filter(
      (x) => x.kind === 'intent' && names.includes(x.target.split('/').pop()!),
    );
    expect(intents).toHaveLength(done + failed);
  }, 300_000);
});

describe('sync tokens', () => {
  it('"all matching" leaves every sync token out and says so; only a one-by-one pick includes one', async () => {
    const o = await armOverview();
    const sync = o.tokens.filter((t) => t.kind.type === 'sync' && t.status === 'enabled');
    const client = o.tokens.filter((t) => t.kind.type === 'client' && t.status === 'enabled');
    // A filter matching both kinds (e.g. a search), as the grid sends it.
    const names = [...sync.slice(0, 3), ...client.slice(0, 2)].map((t) => t.name);
    const preview = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: admin,
      body: { action: 'disable', selection: 'all-matching', names, filter: 'search "line"' },
    });
    expect(preview.status).toBe(200);
    const p = bulkTokenPreviewSchema.parse(await preview.json());
    expect(p.counts).toMatchObject({ total: 5, willChange: 2, syncExcluded: 3 });
    expect(p.confirmation).toBe('disable 2 tokens');
    expect(p.notes.join(' ')).toContain('3 sync tokens are left out');
    for (const s of sync.slice(0, 3)) {
      const item = p.items.find((i) => i.name === s.name)!;
      expect(item.outcome).toBe('skipped');
      expect(item.reason).toContain('chosen one by one');
      expect(item.blastRadius).toContain(
        s.kind.type === 'sync' ? s.kind.connectedRegistry : 'never',
      );
    }

    // "All matching" cannot smuggle a sync token in.
    const refused = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: admin,
      body: {
        action: 'disable',
        selection: 'all-matching',
        names,
        includeSyncTokens: [sync[0]!.name],
      },
    });
    expect(refused.status).toBe(400);
    const error = errorBodySchema.parse(await refused.json()).error;
    expect(error.details?.[0]).toMatchObject({ field: 'includeSyncTokens', rule: 'picked-only' });

    // Picked one by one, the sync token is in, with its blast radius.
    const picked = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: admin,
      body: { action: 'disable', selection: 'picked', names, includeSyncTokens: [sync[0]!.name] },
    });
    const pp = bulkTokenPreviewSchema.parse(await picked.json());
    expect(pp.counts).toMatchObject({ willChange: 3, syncExcluded: 2 });
    expect(pp.items.find((i) => i.name === sync[0]!.name)).toMatchObject({ outcome: 'pending' });

    // Running the "all matching" action changes no sync token in Azure.
    const started = await start({ action: 'disable', selection: 'all-matching', names });
    const ended = await until(started.id, (j) => j.finishedAt !== undefined);
    expect(ended.progress).toMatchObject({ done: 2, skipped: 3 });
    const after = await armOverview();
    for (const s of sync.slice(0, 3)) {
      expect(after.tokens.find((t) => t.name === s.name)?.status).toBe('enabled');
    }
  }, 120_000);
});

describe('confirmation, validation, ownership and secrets', () => {
  it('refuses a wrong confirmation and bad input naming the field; changes nothing', async () => {
    const names = enabledNonSync(await armOverview()).slice(300, 302);
    const wrong = await h.send('POST', apiPaths.bulkTokens(r), {
      cookie: admin,
      body: { action: 'disable', selection: 'picked', names, confirm: 'yes' },
    });
    expect(wrong.status).toBe(400);
    expect(errorBodySchema.parse(await wrong.json()).error.details?.[0]).toMatchObject({
      field: 'confirm',
      rule: 'matches-preview',
    });
    const bad = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: admin,
      body: { action: 'explode', selection: 'picked', names },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('action');
    const o = await armOverview();
    for (const n of names) expect(o.tokens.find((t) => t.name === n)?.status).toBe('enabled');
    // A reviewer may not start one.
    const denied = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: reviewer,
      body: { action: 'disable', selection: 'picked', names },
    });
    expect(denied.status).toBe(403);
  });

  it('reveals generated passwords once, uncompressed, and never in the log, the audit log or the job', async () => {
    const o = await armOverview();
    const names = o.tokens
      .filter((t) => t.kind.type === 'client')
      .slice(10, 13)
      .map((t) => t.name);
    // More than the credential budget allows: the preview says so before anything starts.
    const many = o.tokens
      .filter((t) => t.kind.type === 'client')
      .slice(20, 45)
      .map((t) => t.name);
    const over = await h.send('POST', apiPaths.bulkTokensPreview(r), {
      cookie: admin,
      body: { action: 'generate-passwords', selection: 'picked', names: many },
    });
    expect(bulkTokenPreviewSchema.parse(await over.json()).notes.join(' ')).toContain(
      'at most 20 passwords per 10 minutes',
    );
    const started = await start({ action: 'generate-passwords', selection: 'picked', names });
    const ended = await until(started.id, (j) => j.finishedAt !== undefined);
    expect(ended.progress.done).toBe(3);
    expect(ended.passwords).toBe('ready');
    const res = await h.raw('POST', apiPaths.bulkJobPasswords(r, started.id), {
      cookie: admin,
      origin: h.base,
      [csrfHeader]: '1',
      'accept-encoding': 'br, gzip',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toContain('no-store');
    const secrets = bulkPasswordsSchema.parse(JSON.parse(res.text));
    expect(secrets.passwords.map((p) => p.token).sort()).toEqual([...names].sort());
    for (const p of secrets.passwords) expect(secrets.csv).toContain(p.value);

    const again = await h.send('POST', apiPaths.bulkJobPasswords(r, started.id), { cookie: admin });
    expect(again.status).toBe(409);
    const values = secrets.passwords.map((p) => p.value);
    const jobText = JSON.stringify(await job(started.id));
    const auditText = JSON.stringify(await auditOf());
    const logText = h.logs.join('\n');
    for (const v of values) {
      expect(v.length).toBeGreaterThan(10);
      expect(jobText).not.toContain(v);
      expect(auditText).not.toContain(v);
      expect(logText).not.toContain(v);
    }
  }, 120_000);

  it("keeps each person's jobs to themselves", async () => {
    const names = enabledNonSync(await armOverview()).slice(400, 401);
    const started = await start({ action: 'disable', selection: 'picked', names });
    // Another admin does not see it: "not found", as if it did not exist.
    const other = await h.signIn('Morgan Limited');
    expect((await h.get(apiPaths.bulkJob(r, started.id), other)).status).toBe(404);
    const res = await h.get(apiPaths.bulkJob(r, started.id), reviewer);
    expect(res.status).toBe(403);
    await until(started.id, (j) => j.finishedAt !== undefined);
  });
});
