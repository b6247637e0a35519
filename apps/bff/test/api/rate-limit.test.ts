/**
 * One per-person credential budget for every route that mints a credential
 * (create token with its first password, generate password, connection
 * string), kept in storage so BFF instances on one database share it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiPaths, type RegistryPath } from '@latchkey/domain';
import { startDemoHarness, startHarness, type Harness, errorOf } from './harness';
import '../provided-context';

const WINDOW_MS = 10 * 60_000;

let h: Harness;
let admin: string;
let reviewer: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin, reviewer } = await startDemoHarness({
    credentialLimit: { limit: 3, windowMs: WINDOW_MS },
  }));
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const createToken = (harness: Harness, cookie: string, name: string) =>
  harness.post(apiPaths.tokens(r), {
    cookie,
    body: {
      name,
      scopeMap: {
        inline: {
          repositories: [{ repository: 'factory/line-agent', permissions: ['content/read'] }],
          gateways: [],
        },
      },
    },
  });
const generate = (harness: Harness, cookie: string, token: string) =>
  harness.post(apiPaths.tokenPasswords(r, token), { cookie, body: { slot: 'password2' } });
const connectionString = (harness: Harness, cookie: string, cr: string) =>
  harness.post(apiPaths.connectedRegistryConnectionString(r, cr), {
    cookie,
    body: { slot: 'password2', confirmConnectedRegistryName: cr },
  });

describe('one credential budget per person', () => {
  it('is drawn on by all three credential routes and refuses the next with 429, Retry-After and the limit named', async () => {
    // A person who may not generate credentials is refused first and spends nothing.
    expect((await generate(h, reviewer, 'tracker-south')).status).toBe(403);

    expect((await createToken(h, admin, 'budget-token')).status).toBe(201);
    expect((await generate(h, admin, 'tracker-south')).status).toBe(200);
    const third = await connectionString(h, admin, 'edgeline3');
    expect(third.status).toBe(200);
    const secret = ((await third.json()) as { credentials: { passwords: [{ value: string }] } })
      .credentials.passwords[0].value;

    for (const refused of [
      await generate(h, admin, 'line3-scanner'),
      await createToken(h, admin, 'budget-token-2'),
      await connectionString(h, admin, 'edgeline4'),
    ]) {
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
      const error = await errorOf(refused);
      expect(error.code).toBe('rate_limited');
      expect(error.retryAfterSeconds).toBe(retryAfter);
      expect(error.message).toContain('at most 3 passwords or connection strings');
      expect(error.message).toContain('per 10 minutes');
    }
    // Refused requests reached no route: no token was created, nothing audited.
    const overview = (await (await h.get(apiPaths.overview(r), admin)).json()) as {
      tokens: Array<{ name: string }>;
    };
    expect(overview.tokens.map((t) => t.name)).not.toContain('budget-token-2');
    const refusedAudit = (await h.audit.list({ limit: 500 })).records.filter(
      (x) => x.target.endsWith('/tokens/budget-token-2') || x.target.endsWith('/edgeline4'),
    );
    expect(refusedAudit).toEqual([]);

    // One log line per refusal, naming who and the limit, carrying no secret.
    const refusals = h.logs.filter((l) => l.includes('credential budget spent'));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toContain('"limit":3');
    expect(h.logs.join('\n')).not.toContain(secret);
  }, 60_000);
});

describe('two BFF instances on one PostgreSQL', () => {
  const db = `latchkey_budget_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  const asSuperuser = async (sql: string) => {
    const client = new pg.Client(inject('postgresAdminUrl'));
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(async () => {
    await asSuperuser(`CREATE DATABASE ${db}`);
    const u = new URL(inject('postgresAdminUrl'));
    u.pathname = `/${db}`;
    url = u.toString();
  });
  afterAll(() => asSuperuser(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));

  it('share one budget, also under simultaneous requests', async () => {
    // Instances of one deployment share the database and the token-cache key.
    const shared = {
      azure: h.azure,
      storage: { kind: 'postgres', url } as const,
      encryptionKey: randomBytes(32),
      credentialLimit: { limit: 4, windowMs: WINDOW_MS },
    };
    const one = await startHarness(shared);
    const two = await startHarness(shared);
    try {
      const c1 = await one.signIn('Avery Admin');
      const c2 = await two.signIn('Avery Admin');
      expect((await generate(one, c1, 'line1-hmi')).status).toBe(200);
      expect((await generate(two, c2, 'line1-camera01')).status).toBe(200);
      // Two units left: of four simultaneous requests spread over both instances, two pass.
      const tokens = ['line2-plc', 'line2-camera01', 'line4-camera01', 'ops-readall'];
      const statuses = await Promise.all(
        tokens.map((t, i) => (i % 2 ? generate(two, c2, t) : generate(one, c1, t))),
      ).then((all) => all.map((x) => x.status));
      expect(statuses.sort()).toEqual([200, 200, 429, 429]);
      // Spent on one instance, refused on the other.
      expect((await connectionString(one, c1, 'edgeline1')).status).toBe(429);
      expect((await createToken(two, c2, 'budget-two-instances')).status).toBe(429);
    } finally {
      await one.close();
      await two.close();
    }
  }, 90_000);
});
