import { Router, type Response } from 'express';
import { z } from 'zod/mini';
import {
  auditExportColumns,
  auditExportRows,
  auditQuerySchema,
  exportFileName,
  exportFormats,
  csvChunks,
  jsonChunks,
  type AuditExport,
  type AuditFacetsView,
  type AuditPageView,
  type AuditRecordView,
  type AuditVerificationView,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { AppError } from '../../http/errors';
import { streamBody } from '../../http/stream-body';
import { parseInput } from '../../http/validation';
import {
  InvalidAuditCursorError,
  type AuditListFilter,
  type AuditLog,
  type AuditRecord,
} from '../../storage';

/** The most records one export holds; more matching records set X-Latchkey-Truncated. */
export const AUDIT_EXPORT_LIMIT = 50_000;
const PAGE = 500;

const { actor, action, target, from, to } = auditQuerySchema.shape;
const exportQuerySchema = z.strictObject({
  format: z.enum(exportFormats),
  actor,
  action,
  target,
  from,
  to,
});
type Filters = Omit<z.infer<typeof exportQuerySchema>, 'format'>;

const toView = (r: AuditRecord): AuditRecordView => ({
  ...r,
  recordedAt: r.recordedAt.toISOString(),
});

const listFilter = (q: Filters): Omit<AuditListFilter, 'limit' | 'cursor'> => ({
  ...(q.actor ? { actor: q.actor } : {}),
  ...(q.action ? { action: q.action } : {}),
  ...(q.target ? { target: q.target } : {}),
  ...(q.from ? { from: new Date(q.from) } : {}),
  ...(q.to ? { to: new Date(q.to) } : {}),
});

/** Every matching record, newest first, up to `limit`, walking the keyset pages. */
async function collect(log: AuditLog, q: Filters, limit: number) {
  const records: AuditRecordView[] = [];
  let cursor: string | null = null;
  do {
    const page = await log.list({
      ...listFilter(q),
      limit: Math.min(PAGE, limit - records.length),
      ...(cursor ? { cursor } : {}),
    });
    records.push(...page.records.map(toView));
    cursor = page.nextCursor;
  } while (cursor && records.length < limit);
  return { records, truncated: cursor !== null };
}

/** The audit log, read-only: reviewers and admins; filters and keyset paging, newest first. */
export function auditRouter(log: AuditLog, options: { exportLimit?: number } = {}): Router {
  const router = Router();
  const exportLimit = options.exportLimit ?? AUDIT_EXPORT_LIMIT;
  const read = requirePermission('audit.read');

  router.get('/audit', read, async (req, res) => {
    const q = parseInput(auditQuerySchema, req.query);
    try {
      const page = await log.list({
        limit: q.limit,
        ...listFilter(q),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      const body: AuditPageView = {
        records: page.records.map(toView),
        nextCursor: page.nextCursor,
      };
      res.json(body);
    } catch (error) {
      if (error instanceof InvalidAuditCursorError) {
        throw new AppError(
          'invalid_input',
          'The paging cursor is not valid; start from the first page.',
          {
            details: [{ field: 'cursor', rule: 'cursor', message: 'not a cursor this log issued' }],
          },
        );
      }
      throw error;
    }
  });

  router.get('/audit/export', read, async (req, res) => {
    const { format, ...filters } = parseInput(exportQuerySchema, req.query);
    const { records, truncated } = await collect(log, filters, exportLimit);
    const at = Date.now();
    const generatedAt = new Date(at).toISOString();
    const body =
      format === 'csv'
        ? csvChunks(auditExportColumns, auditExportRows(records))
        : jsonChunks<AuditExport, 'records'>(
            {
              stamp: { scope: 'audit log', generatedAt, generator: 'Latchkey' },
              filters,
              truncated,
              limit: exportLimit,
              records: null,
            },
            'records',
            records,
          );
    await sendAuditExport(res, {
      body,
      format,
      fileName: exportFileName('audit', [], at, format),
      generatedAt,
      truncated,
      limit: exportLimit,
      count: records.length,
    });
  });

  router.get('/audit/facets', read, async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    const body: AuditFacetsView = await log.facets();
    res.json(body);
  });

  router.get('/audit/verify', read, async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    const result = await log.verifyChain();
    const body: AuditVerificationView = {
      ok: result.ok,
      checked: result.checked,
      firstBadSeq: result.firstBadSeq ?? null,
      verifiedAt: new Date().toISOString(),
    };
    if (!result.ok) req.log.warn({ firstBadSeq: body.firstBadSeq }, 'audit chain broken');
    res.json(body);
  });
  return router;
}

async function sendAuditExport(
  res: Response,
  f: {
    body: Iterable<string>;
    format: 'csv' | 'json';
    fileName: string;
    generatedAt: string;
    truncated: boolean;
    limit: number;
    count: number;
  },
) {
  res.setHeader(
    'Content-Type',
    f.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${f.fileName}"`);
  res.setHeader('X-Latchkey-Generated-At', f.generatedAt);
  res.setHeader('X-Latchkey-Scope', 'audit log');
  res.setHeader('X-Latchkey-Record-Count', String(f.count));
  // The CSV cannot say it is cut short, so the header does (and the JSON's `truncated`).
  res.setHeader('X-Latchkey-Truncated', f.truncated ? `true; newest ${f.limit} records` : 'false');
  await streamBody(res, f.body);
}
