import { Router, type Request } from 'express';
import { z } from 'zod/mini';
import {
  createTokenSchema,
  generatePasswordSchema,
  nameSchema,
  passwordSlots,
  registryPathSchema,
  setTokenStatusSchema,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { TokenAdminService } from './service';

const tokenName = (req: Request) =>
  parseInput(z.object({ name: nameSchema('token') }), { name: req.params.name }).name;

/** Token admin routes: validate, authorize, call the service. */
export function tokenAdminRouter(service: (req: Request) => TokenAdminService): Router {
  const router = Router();
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName/tokens';
  const write = requirePermission('token.write');
  // The service draws on the per-person credential budget just before Azure mints a password.
  const credentials = [requirePermission('token.credentials.generate')];
  const ref = (req: Request) => parseInput(registryPathSchema, req.params);

  router.post(base, write, ...credentials, async (req, res) => {
    const body = parseInput(createTokenSchema, req.body);
    res.status(201).json(await service(req).create(ref(req), body));
  });
  router.patch(`${base}/:name`, write, async (req, res) => {
    const body = parseInput(setTokenStatusSchema, req.body);
    res.json(await service(req).setStatus(ref(req), tokenName(req), body));
  });
  router.delete(`${base}/:name`, write, async (req, res) => {
    await service(req).delete(ref(req), tokenName(req));
    res.status(204).end();
  });
  router.post(`${base}/:name/passwords`, write, ...credentials, async (req, res) => {
    const body = parseInput(generatePasswordSchema, req.body);
    res.json(await service(req).generatePassword(ref(req), tokenName(req), body));
  });
  router.delete(`${base}/:name/passwords/:slot`, write, async (req, res) => {
    const slot = parseInput(z.object({ slot: z.enum(passwordSlots) }), {
      slot: req.params.slot,
    }).slot;
    res.json(await service(req).revokePassword(ref(req), tokenName(req), slot));
  });
  return router;
}
