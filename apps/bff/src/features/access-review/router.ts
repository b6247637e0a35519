import { Router, type Request, type Response } from 'express';
import { z } from 'zod/mini';
import {
  exportFormats,
  nameSchema,
  registryPathSchema,
  reportSections,
  type RegistryPath,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { streamBody } from '../../http/stream-body';
import { parseInput } from '../../http/validation';
import type { AccessReviewService, ExportFile } from './service';

const registryParams = (req: Request): RegistryPath => parseInput(registryPathSchema, req.params);

const formatQuery = z.strictObject({ format: z.enum(exportFormats) });
const accessQuery = z.extend(formatQuery, {
  connectedRegistry: z.optional(nameSchema('connectedRegistry')),
});

const reportQuery = z.strictObject({ section: z._default(z.enum(reportSections), 'summary') });

/**
 * Sends an export as a download, streamed as it is produced (stream-body.ts). The CSV has no room for a stamp (header row
 * first, data rows after), so the stamp is in the file name and these headers
 * for every format. Cache-Control: no-store comes from the API middleware.
 */
export async function sendFile(res: Response, file: ExportFile, disposition = 'attachment') {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `${disposition}; filename="${file.fileName}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Latchkey-Generated-At', file.stamp.generatedAt);
  res.setHeader('X-Latchkey-Registry', file.stamp.registry.id);
  res.setHeader('X-Latchkey-Scope', file.stamp.scope);
  await streamBody(res, file.body);
}

/** Exports and the printable report: reviewers and admins (report.export). */
export function accessReviewRouter(service: (req: Request) => AccessReviewService): Router {
  const router = Router();
  const allowed = requirePermission('report.export');
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName';

  router.get(`${base}/exports/findings`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const { format } = parseInput(formatQuery, req.query);
    await sendFile(res, await service(req).findings(ref, format));
  });
  router.get(`${base}/exports/tokens`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const { format } = parseInput(formatQuery, req.query);
    await sendFile(res, await service(req).tokens(ref, format));
  });
  router.get(`${base}/exports/effective-access`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const q = parseInput(accessQuery, req.query);
    await sendFile(res, await service(req).effectiveAccess(ref, q.format, q.connectedRegistry));
  });
  router.get(`${base}/reports/access-review`, allowed, async (req, res) => {
    const ref = registryParams(req);
    const { section } = parseInput(reportQuery, req.query);
    // Inline: the browser shows it, and the reviewer prints it from there.
    const report = await service(req).report(ref, section, res.locals.cspNonce);
    await sendFile(res, report, 'inline');
  });
  return router;
}
