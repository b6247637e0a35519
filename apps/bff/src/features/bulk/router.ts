import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod/mini';
import {
  bulkTokenSelectionSchema,
  registryPathSchema,
  startBulkTokensSchema,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { BulkTokensService } from './service';

const jobId = (req: Request) =>
  parseInput(z.object({ id: z.uuid({ message: 'must be a bulk action id (a UUID)' }) }), {
    id: req.params.id,
  }).id;

export const bulkBase = '/registries/:subscriptionId/:resourceGroup/:registryName/bulk';
/** The one route whose answer carries secrets (new passwords): never compressed, no-store. */
export const bulkPasswordsRoute = `${bulkBase}/:id/passwords`;

/** Bulk actions on tokens: validate, authorize, call the service. */
export function bulkRouter(service: (req: Request) => BulkTokensService): Router {
  const router = Router();
  const write = requirePermission('token.write');
  const credentials = requirePermission('token.credentials.generate');
  // Generating passwords needs the credential permission too; the other actions do not.
  const credentialsFor = (req: Request, res: Response, next: NextFunction) =>
    (req.body as { action?: unknown } | undefined)?.action === 'generate-passwords'
      ? credentials(req, res, next)
      : next();
  const ref = (req: Request) => parseInput(registryPathSchema, req.params);

  router.post(`${bulkBase}/tokens/preview`, write, credentialsFor, async (req, res) => {
    const body = parseInput(bulkTokenSelectionSchema, req.body);
    res.json(await service(req).preview(ref(req), body));
  });
  router.post(`${bulkBase}/tokens`, write, credentialsFor, async (req, res) => {
    const body = parseInput(startBulkTokensSchema, req.body);
    const job = await service(req).start(ref(req), body);
    res.status(202).json(job);
  });
  router.get(`${bulkBase}/:id`, write, (req, res) => {
    ref(req);
    res.json(service(req).get(jobId(req)));
  });
  router.post(`${bulkBase}/:id/cancel`, write, (req, res) => {
    ref(req);
    res.json(service(req).cancel(jobId(req)));
  });
  router.post(bulkPasswordsRoute, write, credentials, (req, res) => {
    res.json(service(req).passwords(ref(req), jobId(req)));
  });
  return router;
}
