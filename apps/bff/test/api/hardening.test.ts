/**
 * Findings of the outside security review, each checked through the real
 * API against local Azure: path names that would change the ARM URL, the
 * credential budget spent only on requests that reach Azure, and static
 * files that are missing or refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, errorBodySchema, type RegistryPath } from '@latchkey/domain';
import { errorOf, startDemoHarness, type Harness } from './harness';

let h: Harness;
let r: RegistryPath;
let admin: string;
let reviewer: string;
const webRoot = mkdtempSync(join(tmpdir(), 'latchkey-web-'));

beforeAll(async () => {
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Latchkey</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(webRoot, 'assets', '.secret'), 'not served');
  // One credential per person: any unit a refused request spent would show.
  ({ h, r, admin, reviewer } = await startDemoHarness({
    credentialLimit: { limit: 1, windowMs: 10 * 60_000 },
    webRoot,
  }));
}, 60_000);
afterAll(async () => {
  await h?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const armCalls = () => h.azure.emulator.control.counters().total;
const errorLines = () =>
  h.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

describe('path names that URL parsers would normalise', () => {
  it.each([
    ['..', '%2e%2e'],
    ['.', '%2E'],
    ['a name ending in a period', 'rg-contoso.'],
  ])(
    'refuses a resource group of %s with 400 naming the field, and calls no ARM',
    async (_what, segment) => {
      const before = armCalls();
      // Raw, as a hostile client sends it: fetch would resolve the dot segments itself.
      const res = await h.raw(
        'GET',
        `/api/registries/${r.subscriptionId}/${segment}/${r.registryName}/overview`,
        { cookie: reviewer },
      );
      expect(res.status).toBe(400);
      const error = errorBodySchema.parse(JSON.parse(res.text)).error;
      expect(error.code).toBe('invalid_input');
      expect(error.details?.[0]?.field).toBe('resourceGroup');
      expect(error.message).toMatch(/not ending in a period/);
      expect(armCalls()).toBe(before);
    },
  );
});

describe('the credential budget is spent only on a request that reaches Azure', () => {
  it('keeps the unit through 400s and 404s, then spends it on the first good request', async () => {
    const refused = [
      // 400: a slot that does not exist
      h.post(apiPaths.tokenPasswords(r, 'tracker-south'), {
        cookie: admin,
        body: { slot: 'password3' },
      }),
      // 400: an unknown field
      h.post(apiPaths.tokenPasswords(r, 'tracker-south'), {
        cookie: admin,
        body: { slot: 'password2', extra: 1 },
      }),
      // 400: a token name Azure forbids
      h.post(apiPaths.tokenPasswords(r, 'a.b'), { cookie: admin, body: { slot: 'password2' } }),
      // 400: a token without a scope map
      h.post(apiPaths.tokens(r), { cookie: admin, body: { name: 'no-scope-map' } }),
      // 404: no such token
      h.post(apiPaths.tokenPasswords(r, 'no-such-token'), {
        cookie: admin,
        body: { slot: 'password2' },
      }),
      // 404: no such connected registry
      h.post(apiPaths.connectedRegistryConnectionString(r, 'nosuchregistry'), {
        cookie: admin,
        body: { slot: 'password2', confirmConnectedRegistryName: 'nosuchregistry' },
      }),
    ];
    const statuses = [];
    for (const res of refused) statuses.push((await res).status);
    expect(statuses).toEqual([400, 400, 400, 400, 404, 404]);
    // 403: a reviewer may not generate credentials (and spends nothing of their own).
    expect(
      (
        await h.post(apiPaths.tokenPasswords(r, 'tracker-south'), {
          cookie: reviewer,
          body: { slot: 'password2' },
        })
      ).status,
    ).toBe(403);

    const good = await h.post(apiPaths.tokenPasswords(r, 'tracker-south'), {
      cookie: admin,
      body: { slot: 'password2' },
    });
    expect(good.status).toBe(200);
    // The budget is real: the next one is refused.
    const next = await h.post(apiPaths.tokenPasswords(r, 'tracker-south'), {
      cookie: admin,
      body: { slot: 'password1' },
    });
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('static files', () => {
  it('serves what exists', async () => {
    const res = await h.get('/assets/app-1234.js');
    expect(res.status).toBe(200);
  });

  it.each([
    ['a missing asset', '/assets/missing-5678.js', 404],
    ['a dot-file', '/assets/.secret', 404],
    ['an encoded step out of the folder', '/assets/%2e%2e/index.html', 400],
    ['a malformed encoding', '/assets/%E0%A4%A', 400],
  ])('answers %s with %d and logs no error', async (_what, path, status) => {
    const before = errorLines().length;
    const res = await h.raw('GET', path);
    expect(res.status).toBe(status);
    expect(errorBodySchema.parse(JSON.parse(res.text)).error.code).toBe(
      status === 404 ? 'not_found' : 'invalid_input',
    );
    expect(errorLines().length).toBe(before);
  });
});

describe('one msal application, one cache partition per person', () => {
  it('stores in each partition only the tokens of its own account', async () => {
    // Three people signed in at once (the harness) and used Azure at once.
    await Promise.all(
      [admin, reviewer].map(async (cookie) =>
        expect((await h.get(apiPaths.overview(r), cookie)).status).toBe(200),
      ),
    );
    const { rows } = await h.storage.db.query<{ partition_key: string }>(
      'SELECT partition_key FROM token_cache',
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const { partition_key: partition } of rows) {
      const cache = JSON.parse((await h.tokenCache.get(partition))!) as Record<
        string,
        Record<string, { home_account_id?: string }>
      >;
      const owners = ['Account', 'IdToken', 'AccessToken', 'RefreshToken'].flatMap((section) =>
        Object.values(cache[section] ?? {}).map((entry) => entry.home_account_id),
      );
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners)).toEqual(new Set([partition]));
    }
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the person who signs out, and only theirs', async () => {
    const first = await h.signIn('Avery Admin');
    const second = await h.signIn('Avery Admin');
    const other = await h.signIn('Riley Reviewer');
    for (const cookie of [first, second, other])
      expect((await h.get(apiPaths.registries, cookie)).status).toBe(200);

    const out = await h.post(apiPaths.logout, { cookie: first });
    expect(out.status).toBe(200);

    // The other session of the same person is signed out, not left half-alive
    // (signed in but refused by Azure with reauth_required).
    for (const path of [apiPaths.me, apiPaths.registries]) {
      const res = await h.get(path, second);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    // Someone else is untouched.
    expect((await h.get(apiPaths.registries, other)).status).toBe(200);
    // Signing in again works at once.
    const again = await h.signIn('Avery Admin');
    expect((await h.get(apiPaths.registries, again)).status).toBe(200);
  });
});
