import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  auditExportColumns,
  auditExportSchema,
  auditPageSchema,
  auditVerificationSchema,
  errorBodySchema,
  parseCsv,
} from '@latchkey/domain';
import { auditRouter } from '../../src/features/audit/router';
import { errorHandler } from '../../src/http/error-handler';
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

describe('audit export', () => {
  it('is for reviewers and admins only', async () => {
    for (const path of [
      apiPaths.auditExport('csv'),
      apiPaths.auditExport('json'),
      apiPaths.auditVerify,
    ]) {
      expect((await h.get(path)).status, path).toBe(401);
      expect((await h.get(path, noRole)).status, path).toBe(403);
      expect((await h.get(path, reviewer)).status, path).toBe(200);
      expect((await h.get(path, admin)).status, path).toBe(200);
    }
  });

  it('downloads every record newest first as CSV with stable columns and no secret', async () => {
    const res = await h.get(apiPaths.auditExport('csv'), reviewer);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="latchkey-audit-\d{8}T\d{4}Z\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-latchkey-truncated')).toBe('false');
    expect(res.headers.get('x-latchkey-record-count')).toBe('4');
    const text = await res.text();
    expect(text).not.toContain(secret);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...auditExportColumns]);
    const col = (name: (typeof auditExportColumns)[number]) => auditExportColumns.indexOf(name);
    expect(rows.map((x) => `${x[col('seq')]} ${x[col('action')]} ${x[col('kind')]}`)).toEqual([
      '4 token.disable outcome',
      '3 token.disable intent',
      '2 token.password.generate outcome',
      '1 token.password.generate intent',
    ]);
    const outcome = rows[0]!;
    expect(outcome[col('outcome')]).toBe('succeeded');
    expect(outcome[col('armRequestIds')]).not.toBe('');
    expect(outcome[col('prevHash')]).toBe(rows[1]![col('hash')]);
    expect(JSON.parse(outcome[col('after')]!)).toBeTypeOf('object');
  });

  it('matches the audit API as JSON, and applies the filters', async () => {
    // Streamed in pieces, the text is still what one JSON.stringify of the document writes.
    const text = await (await h.get(apiPaths.auditExport('json'), reviewer)).text();
    const doc = auditExportSchema.parse(JSON.parse(text));
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    const page = auditPageSchema.parse(await (await h.get(apiPaths.audit, reviewer)).json());
    expect(doc.records).toEqual(page.records);
    expect(doc).toMatchObject({ truncated: false, limit: 50_000, stamp: { scope: 'audit log' } });

    const filtered = auditExportSchema.parse(
      await (
        await h.get(apiPaths.auditExport('json', { action: 'token.disable' }), reviewer)
      ).json(),
    );
    expect(filtered.filters).toEqual({ action: 'token.disable' });
    expect(filtered.records.map((x) => x.seq)).toEqual([4, 3]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await h.get(apiPaths.auditExport('csv', { from: future }), reviewer);
    expect(parseCsv(await none.text())).toEqual([[...auditExportColumns]]);
  });

  it('refuses bad input naming the field', async () => {
    for (const [path, field] of [
      [apiPaths.auditExport('xml' as 'csv'), 'format'],
      ['/api/audit/export', 'format'],
      [apiPaths.auditExport('csv', { from: 'yesterday' }), 'from'],
      [`${apiPaths.auditExport('csv')}&cursor=abc`, 'cursor'],
    ] as const) {
      const res = await h.get(path, reviewer);
      expect(res.status, path).toBe(400);
      const body = errorBodySchema.parse(await res.json());
      expect(body.error.details?.map((d) => d.field).join(' '), path).toContain(field);
    }
  });

  it('says when it holds only the newest records of more than its limit', async () => {
    // The route with a limit of 3 over the same log, behind a stand-in for the session layer.
    const app = express();
    app.use((req, _res, next) => {
      (req as unknown as { session: unknown }).session = {
        data: { roles: ['Latchkey.Reviewer'] },
      };
      next();
    });
    app.use('/api', auditRouter(h.audit, { exportLimit: 3 }));
    app.use(errorHandler);
    const server: Server = createServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}${apiPaths.auditExport('json')}`);
      expect(res.headers.get('x-latchkey-truncated')).toBe('true; newest 3 records');
      const doc = auditExportSchema.parse(await res.json());
      expect(doc.truncated).toBe(true);
      expect(doc.records.map((x) => x.seq)).toEqual([4, 3, 2]);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});

// Last: it breaks the chain.
describe('audit verification', () => {
  it('answers ok while the chain is intact, and the first bad seq once a record is altered', async () => {
    const intact = auditVerificationSchema.parse(
      await (await h.get(apiPaths.auditVerify, reviewer)).json(),
    );
    expect(intact).toMatchObject({ ok: true, checked: 4, firstBadSeq: null });
    expect(Math.abs(Date.parse(intact.verifiedAt) - Date.now())).toBeLessThan(60_000);

    await h.storage.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only_rows');
    await h.storage.db.query(`UPDATE audit_log SET target = 'somewhere else' WHERE seq = 2`);
    const broken = auditVerificationSchema.parse(
      await (await h.get(apiPaths.auditVerify, reviewer)).json(),
    );
    expect(broken).toMatchObject({ ok: false, checked: 1, firstBadSeq: 2 });
  });
});
