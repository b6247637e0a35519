import { Router } from 'express';
import { auditQuerySchema, type AuditPageView } from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validation';
import { InvalidAuditCursorError, type AuditLog } from '../../storage';

/** The audit log, read-only: reviewers and admins; filters and keyset paging, newest first. */
export function auditRouter(log: AuditLog): Router {
  const router = Router();
  router.get('/audit', requirePermission('audit.read'), async (req, res) => {
    const q = parseInput(auditQuerySchema, req.query);
    try {
      const page = await log.list({
        limit: q.limit,
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      const body: AuditPageView = {
        records: page.records.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })),
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
  return router;
}
