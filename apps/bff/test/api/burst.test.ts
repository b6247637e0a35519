/**
 * One person's burst of expensive requests (the review's: 150 overviews, 60
 * exports, 40 reports, plus findings): every answer is a 200 or a 429 with
 * Retry-After, never a 5xx; the identity provider's metadata is fetched once
 * for the whole process; overlapping sweeps of one registry are one sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, errorBodySchema, type RegistryPath } from '@latchkey/domain';
import { startDemoHarness, type Harness } from './harness';

let h: Harness;
let r: RegistryPath;
let admin: string;

beforeAll(async () => {
  ({ h, r, admin } = await startDemoHarness());
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const base = () => apiPaths.overview(r).replace(/\/overview$/, '');

describe('a burst of expensive requests from one person', () => {
  it('gets 200s and 429s with Retry-After, no 5xx, and one metadata fetch', async () => {
    const paths = [
      ...Array.from({ length: 150 }, () => apiPaths.overview(r)),
      ...Array.from({ length: 50 }, () => `${base()}/findings`),
      ...Array.from({ length: 20 }, () => `${base()}/exports/findings?format=csv`),
      ...Array.from({ length: 20 }, () => `${base()}/exports/tokens?format=json`),
      ...Array.from({ length: 20 }, () => `${base()}/exports/effective-access?format=csv`),
      ...Array.from({ length: 40 }, () => `${base()}/reports/access-review`),
    ];
    expect(paths).toHaveLength(300);
    const answers = await Promise.all(
      paths.map(async (path) => {
        const res = await h.get(path, admin);
        const text = await res.text();
        return { status: res.status, retryAfter: res.headers.get('retry-after'), text };
      }),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.retryAfter).toMatch(/^\d+$/);
      const error = errorBodySchema.parse(JSON.parse(refused.text)).error;
      expect(error.code).toBe('rate_limited');
      expect(error.message).toMatch(/at most 8 at a time per person/);
    }
    // One msal application per process: the authority's metadata was fetched
    // once (at the first sign-in), not once per token request.
    expect(h.azure.identity.counters().discovery).toBe(1);

    // Once the burst is over, the person is served again.
    expect((await h.get(apiPaths.overview(r), admin)).status).toBe(200);
  });

  it('shares one ARM sweep among overlapping reads of one registry', async () => {
    const control = h.azure.emulator.control;
    // A slow registry read keeps the first sweep open while the others arrive.
    control.addFault({ operation: 'Registries_Get', kind: 'latency', latencyMs: 1500, times: 1 });
    control.resetCounters();
    const reads = [
      apiPaths.overview(r),
      apiPaths.overview(r),
      `${base()}/findings`,
      `${base()}/exports/tokens?format=csv`,
      `${base()}/reports/access-review`,
    ];
    const statuses = await Promise.all(reads.map(async (p) => (await h.get(p, admin)).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(control.counters().byOperation.Registries_Get).toBe(1);
  });
});
