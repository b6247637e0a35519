import { Router, type Request } from 'express';
import { z } from 'zod/mini';
import {
  createScopeMapSchema,
  nameSchema,
  registryPathSchema,
  updateScopeMapSchema,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { ScopeMapAdminService } from './service';

const mapName = (req: Request) =>
  parseInput(z.object({ name: nameSchema('scopeMap') }), { name: req.params.name }).name;

/** Scope-map admin routes: validate, authorize, call the service. */
export function scopeMapAdminRouter(service: (req: Request) => ScopeMapAdminService): Router {
  const router = Router();
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName/scope-maps';
  const write = requirePermission('scopeMap.write');
  const ref = (req: Request) => parseInput(registryPathSchema, req.params);

  router.post(base, write, async (req, res) => {
    const body = parseInput(createScopeMapSchema, req.body);
    res.status(201).json(await service(req).create(ref(req), body));
  });
  router.put(`${base}/:name`, write, async (req, res) => {
    const body = parseInput(updateScopeMapSchema, req.body);
    res.json(await service(req).update(ref(req), mapName(req), body));
  });
  router.delete(`${base}/:name`, write, async (req, res) => {
    await service(req).delete(ref(req), mapName(req));
    res.status(204).end();
  });
  return router;
}
