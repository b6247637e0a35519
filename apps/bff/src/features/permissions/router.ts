import { Router, type Request } from 'express';
import { registryPathSchema } from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { PermissionsService } from './service';

/** What Azure will let the signed-in person change on a registry: validate, authorize, call. */
export function permissionsRouter(service: (req: Request) => PermissionsService): Router {
  const router = Router();
  router.get(
    '/registries/:subscriptionId/:resourceGroup/:registryName/capabilities',
    requirePermission('registry.read'),
    async (req, res) => {
      res.json(await service(req).capabilities(parseInput(registryPathSchema, req.params)));
    },
  );
  return router;
}
