import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, auditPageSchema, errorBodySchema } from '@latchkey/domain';
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

  it('refuses bad parameters naming them', async () => {
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
