import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { exportFormats, nameSchema, registryPathSchema, type RegistryPath } from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { AccessReviewService, ExportFile } from './service';

const registryParams = (req: Request): RegistryPath => parseInput(registryPathSchema, req.params);

const formatQuery = z.strictObject({ format: z.enum(exportFormats) });
const accessQuery = formatQuery.extend({
  connectedRegistry: nameSchema('connectedRegistry').optional(),
});

/**
 * Sends an export as a download. The CSV has no room for a stamp (header row
 * first, data rows after), so the stamp is in the file name and these headers
 * for every format. Cache-Control: no-store comes from the API middleware.
 */
export function sendFile(res: Response, file: ExportFile, disposition = 'attachment') {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `${disposition}; filename="${file.fileName}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Latchkey-Generated-At', file.stamp.generatedAt);
  res.setHeader('X-Latchkey-Registry', file.stamp.registry.id);
  res.setHeader('X-Latchkey-Scope', file.stamp.scope);
  res.send(file.body);
}

/** Exports and the printable report: reviewers and admins (report.export). */
export function accessReviewRouter(service: (req: Request) => AccessReviewService): Router {
  const router = Router();
  const allowed = requirePermission('report.export');
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName';

  router.get(`${base}/exports/findings`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const { format } = parseInput(formatQuery, req.query);
    sendFile(res, await service(req).findings(ref, format));
  });
  router.get(`${base}/exports/tokens`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const { format } = parseInput(formatQuery, req.query);
    sendFile(res, await service(req).tokens(ref, format));
  });
  router.get(`${base}/exports/effective-access`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const q = parseInput(accessQuery, req.query);
    sendFile(res, await service(req).effectiveAccess(ref, q.format, q.connectedRegistry));
  });
  router.get(`${base}/reports/access-review`, allowed, async (req, res) => {
    const ref = registryParams(req);
    parseInput(z.strictObject({}), req.query);
    // Inline: the browser shows it, and the reviewer prints it from there.
    sendFile(res, await service(req).report(ref, res.locals.cspNonce), 'inline');
  });
  return router;
}
