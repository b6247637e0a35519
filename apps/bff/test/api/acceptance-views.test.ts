import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  registryOverviewSchema,
  tokenDetailSchema,
  whoCanAccess,
  type RegistryPath,
} from '@latchkey/domain';
import { setTokenStatusInAzure, startDemoHarness, type Harness } from './harness';

// What the console's views read about acceptance, over real HTTPS against
// local Azure's demo: the token page's API, and who-can-access as the SPA
// computes it from the overview the API serves. Expectations come from the
// scenario (packages/local-azure/src/scenario/demo.ts): edgeline1 is a ReadOnly
// child of sitenorth syncing factory/line-agent, its sync token is named
// edgeline1; edgeline4 is a child of sitesouth with the sync token edgeline4.

let h: Harness;
let r: RegistryPath;
let reviewer: string;

beforeAll(async () => {
  ({ h, r, reviewer } = await startDemoHarness());
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const overview = async () =>
  registryOverviewSchema.parse(await (await h.get(apiPaths.overview(r), reviewer)).json());

const tokenDetail = async (name: string) => {
  const res = await h.get(apiPaths.token(r, name), reviewer);
  expect(res.status).toBe(200);
  return tokenDetailSchema.parse(await res.json());
};

describe("a child's sync token at its parent", () => {
  it('the token detail lists the parent that accepts it, besides the registry it syncs', async () => {
    const names = (await tokenDetail('edgeline1')).connectedRegistries.map((c) => c.name).sort();
    expect(names).toEqual(['edgeline1', 'sitenorth']);
    // A top-level registry's sync token signs in to the cloud registry: no other place.
    expect((await tokenDetail('sitenorth')).connectedRegistries.map((c) => c.name)).toEqual([
      'sitenorth',
    ]);
    // A client token: exactly the registries it is a client of (not their parents).
    expect((await tokenDetail('line1-hmi')).connectedRegistries.map((c) => c.name)).toEqual([
      'edgeline1',
    ]);
  });

  it('who-can-access for factory/line-agent at sitenorth shows it, how it is accepted and its rule', async () => {
    const answer = whoCanAccess(await overview(), 'factory/line-agent', 'sitenorth');
    const row = answer.tokens.find((t) => t.token === 'edgeline1');
    expect(row).toMatchObject({
      kind: { type: 'sync', connectedRegistry: 'edgeline1' },
      acceptedAs: [{ type: 'child-sync-token', child: 'edgeline1' }],
    });
    expect(row!.granted.find((g) => g.permission === 'content/read')?.rules).toEqual([
      'repositories/factory/line-agent/content/read',
    ]);
    expect(row!.removed).toEqual([]);
  });
});

describe('a sync token disabled in Azure', () => {
  it('leaves nothing effective on its connected registry on the next read, with the reason', async () => {
    const before = whoCanAccess(await overview(), 'factory/line-agent', 'edgeline4');
    expect(before.tokens.some((t) => t.granted.length > 0)).toBe(true);
    expect(before.connectedRegistry?.disabledBySyncToken).toBeUndefined();

    await setTokenStatusInAzure(h, r, 'edgeline4', 'disabled');
    try {
      const after = whoCanAccess(await overview(), 'factory/line-agent', 'edgeline4');
      expect(after.connectedRegistry?.disabledBySyncToken).toBe('edgeline4');
      // The same tokens are still listed (the review hides nothing), none effective.
      expect(after.tokens.map((t) => t.token)).toEqual(
        [...before.tokens.map((t) => t.token)].sort(),
      );
      for (const t of after.tokens) {
        expect(t.granted, t.token).toEqual([]);
        expect(new Set(t.removed.map((g) => g.reason)), t.token).toEqual(
          new Set(['registry-disabled']),
        );
      }
      // The printable report says so for edgeline4, and only for it.
      const report = await (
        await h.get(apiPaths.accessReport(r, 'effective-access'), reviewer)
      ).text();
      expect(report.match(/<strong>Disabled:<\/strong>/g)).toHaveLength(1);
      expect(report).toContain(
        '<strong>Disabled:</strong> its sync token <code>edgeline4</code> is disabled',
      );
    } finally {
      await setTokenStatusInAzure(h, r, 'edgeline4', 'enabled');
    }
    const again = whoCanAccess(await overview(), 'factory/line-agent', 'edgeline4');
    expect(again.connectedRegistry?.disabledBySyncToken).toBeUndefined();
  });
});
