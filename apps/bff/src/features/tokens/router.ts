import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import {
  createTokenSchema,
  generatePasswordSchema,
  nameSchema,
  passwordSlots,
  registryPathSchema,
  setTokenStatusSchema,
} from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validation';
import type { TokenAdminService } from './service';

const tokenName = (req: Request) =>
  parseInput(z.object({ name: nameSchema('token') }), { name: req.params.name }).name;

/**
 * Credential generation is rate-limited per person: a stolen session cannot
 * mint passwords in bulk. Counted per BFF instance.
 */
export function credentialRateLimit(options: { limit: number; windowMs: number }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `user:${req.session?.data.oid ?? 'anonymous'}`,
    handler: (_req, _res, next, opts) =>
      next(
        new AppError(
          'rate_limited',
          `Too many passwords generated in a short time (at most ${opts.limit} per ${Math.round(options.windowMs / 60_000)} minutes). Wait and try again.`,
          { retryAfterSeconds: Math.ceil(options.windowMs / 1000) },
        ),
      ),
  });
}

/** Token admin routes: validate, authorize, call the service. */
export function tokenAdminRouter(
  service: (req: Request) => TokenAdminService,
  limits: { limit: number; windowMs: number } = { limit: 20, windowMs: 10 * 60_000 },
): Router {
  const router = Router();
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName/tokens';
  const write = requirePermission('token.write');
  const credentials = [
    requirePermission('token.credentials.generate'),
    credentialRateLimit(limits),
  ];
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
