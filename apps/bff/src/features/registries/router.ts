import { Router, type Request } from 'express';
import { z } from 'zod';
import { nameSchema, registryPathSchema, type RegistryPath } from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { RegistriesService } from './service';

/** `Cache-Control: no-cache` asks for a read from ARM now instead of the shared snapshot. */
const fresh = (req: Request) => ({
  fresh: /(^|,)\s*no-cache\s*(,|$)/i.test(req.get('cache-control') ?? ''),
});
const registryParams = (req: Request): RegistryPath => parseInput(registryPathSchema, req.params);
const named = (kind: 'token' | 'scopeMap' | 'connectedRegistry', req: Request) =>
  parseInput(z.object({ name: nameSchema(kind) }), { name: req.params.name }).name;

/** Read routes: validate, authorize, call the service. Nothing else lives here. */
export function registriesRouter(service: (req: Request) => RegistriesService): Router {
  const router = Router();
  const read = requirePermission('registry.read');
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName';

  router.get('/registries', read, async (req, res) => {
    res.json(await service(req).listRegistries());
  });
  router.get(`${base}/overview`, read, async (req, res) => {
    res.json(await service(req).overview(registryParams(req), fresh(req)));
  });
  router.get(`${base}/findings`, read, async (req, res) => {
    res.json(await service(req).findings(registryParams(req), fresh(req)));
  });
  router.get(`${base}/tokens/:name`, read, async (req, res) => {
    res.json(await service(req).token(registryParams(req), named('token', req)));
  });
  router.get(`${base}/scope-maps/:name`, read, async (req, res) => {
    res.json(await service(req).scopeMap(registryParams(req), named('scopeMap', req)));
  });
  router.get(`${base}/connected-registries/:name`, read, async (req, res) => {
    res.json(
      await service(req).connectedRegistry(
        registryParams(req),
        named('connectedRegistry', req),
        fresh(req),
      ),
    );
  });
  return router;
}
