import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, auditFacetsSchema, auditPageSchema, errorBodySchema } from '@latchkey/domain';
import { seedAuditedChanges, startDemoHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let noRole: string;
let secret: string;

beforeAll(async () => {
  const demo = await startDemoHarness();
  ({ h, admin, reviewer, noRole } = demo);
  secret = await seedAuditedChanges(demo);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('the audit log API', () => {
  it('is for reviewers and admins only', async () => {
    expect((await h.get(apiPaths.audit)).status).toBe(401);
    expect((await h.get(apiPaths.audit, noRole)).status).toBe(403);
    expect((await h.get(apiPaths.audit, reviewer)).status).toBe(200);
    expect((await h.get(apiPaths.audit, admin)).status).toBe(200);
  });

  it('lists changes newest first with actor, action, target, outcome and ARM request ids, and no secret', async () => {
    const res = await h.get(apiPaths.audit, reviewer);
    const text = await res.text();
    expect(text).not.toContain(secret);
    const page = auditPageSchema.parse(JSON.parse(text));
    expect(page.records.map((x) => `${x.action}:${x.kind}`)).toEqual([
      'token.disable:outcome',
      'token.disable:intent',
      'token.password.generate:outcome',
      'token.password.generate:intent',
    ]);
    const outcome = page.records[0]!;
    expect(outcome).toMatchObject({ actor: 'avery@contoso.onmicrosoft.com', outcome: 'succeeded' });
    expect(outcome.target).toMatch(/\/tokens\/release-manager$/);
    expect(outcome.armRequestIds?.length).toBeGreaterThan(0);
  });

  it('filters and pages', async () => {
    const filtered = auditPageSchema.parse(
      await (await h.get(`${apiPaths.audit}?action=token.disable`, reviewer)).json(),
    );
    expect(filtered.records.map((x) => x.action)).toEqual(['token.disable', 'token.disable']);
    const first = auditPageSchema.parse(
      await (await h.get(`${apiPaths.audit}?limit=3`, reviewer)).json(),
    );
    expect(first.records).toHaveLength(3);
    const second = auditPageSchema.parse(
      await (
        await h.get(
          `${apiPaths.audit}?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
          reviewer,
        )
      ).json(),
    );
    expect(second.records.map((x) => x.seq)).toEqual([first.records[2]!.seq - 1]);
    expect(second.nextCursor).toBeNull();
  });

  it('matches actors and targets by part, any case, and actions by family', async () => {
    const list = async (query: string) =>
      auditPageSchema.parse(await (await h.get(`${apiPaths.audit}?${query}`, reviewer)).json())
        .records;
    // Part of the username, another case.
    expect(await list('actor=AVERY')).toHaveLength(4);
    expect(await list('actor=nobody-here')).toHaveLength(0);
    // A family: every token action; another family: none here.
    expect((await list('action=token.*')).map((r) => r.action)).toEqual([
      'token.disable',
      'token.disable',
      'token.password.generate',
      'token.password.generate',
    ]);
    expect(await list(`action=${encodeURIComponent('scopeMap.*')}`)).toHaveLength(0);
    // Part of a target (the token's name), and an ARM id that holds it (its registry).
    const byName = await list('target=RELEASE-manager');
    expect(byName).toHaveLength(4);
    const registryId = byName[0]!.target.replace(/\/tokens\/[^/]+$/, '');
    expect(await list(`target=${encodeURIComponent(registryId.toUpperCase())}`)).toHaveLength(4);
    // An ARM id is that resource and what is under it, not every id that starts alike.
    expect(await list(`target=${encodeURIComponent(`${registryId}/tokens/release`)}`)).toHaveLength(
      0,
    );
    // What a person types is never a wildcard.
    expect(await list('target=%25')).toHaveLength(0);
  });

  it('lists the actors (with display names) and targets the log holds', async () => {
    expect((await h.get(apiPaths.auditFacets, noRole)).status).toBe(403);
    const facets = auditFacetsSchema.parse(
      await (await h.get(apiPaths.auditFacets, reviewer)).json(),
    );
    expect(facets.actors).toEqual([
      { username: 'avery@contoso.onmicrosoft.com', name: 'Avery Admin' },
    ]);
    expect(facets.targets).toHaveLength(1);
    expect(facets.targets[0]).toMatch(/\/tokens\/release-manager$/);
    expect(facets.targetsTruncated).toBe(false);
    expect((await h.get(`${apiPaths.auditFacets}?x=1`, reviewer)).status).toBe(400);
  });

  it('refuses bad parameters naming them', async () => {
    const action = await h.get(
      `${apiPaths.audit}?action=${encodeURIComponent('token;drop')}`,
      reviewer,
    );
    expect(action.status).toBe(400);
    expect(errorBodySchema.parse(await action.json()).error.details?.[0]).toMatchObject({
      field: 'action',
    });
    const bad = await h.get(`${apiPaths.audit}?limit=9999`, reviewer);
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).error.details?.[0]?.field).toBe('limit');
    const cursor = await h.get(`${apiPaths.audit}?cursor=not-a-cursor`, reviewer);
    expect(cursor.status).toBe(400);
    expect(errorBodySchema.parse(await cursor.json()).error.details?.[0]?.field).toBe('cursor');
    const unknown = await h.get(`${apiPaths.audit}?password=x`, reviewer);
    expect(unknown.status).toBe(400);
  });
});
