import { Router, type NextFunction, type Request, type Response } from 'express';
import { requirePermission } from '../auth/session';
import type { CredentialBudget } from '../storage';
import { AppError } from './errors';

/** 20 credentials per person per 10 minutes, as the routers' own limit defaults to. */
export const DEFAULT_CREDENTIAL_LIMIT = { limit: 20, windowMs: 10 * 60_000 } as const;

/** Every route that mints a credential: a token's first password, a new password, a connection string. */
export const credentialRoutes = [
  '/registries/:subscriptionId/:resourceGroup/:registryName/tokens',
  '/registries/:subscriptionId/:resourceGroup/:registryName/tokens/:name/passwords',
  '/registries/:subscriptionId/:resourceGroup/:registryName/connected-registries/:name/connection-string',
];

function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} hour${ms === 3_600_000 ? '' : 's'}`;
  if (ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

/**
 * Draws one unit of the person's credential budget (shared by every credential
 * route and every BFF instance on the database) before the route runs; when it
 * is spent, 429 with Retry-After and a message naming the limit. Mounted ahead
 * of the feature routers; the console-role check comes first, so a person who
 * may not generate credentials gets 403 and spends nothing.
 */
export function credentialBudgetRouter(budget: CredentialBudget): Router {
  const router = Router();
  const { limit, windowMs } = budget.limits;
  const take = async (req: Request, res: Response, next: NextFunction) => {
    const oid = req.session!.data.oid;
    const decision = await budget.take(`user:${oid}`);
    res.setHeader('RateLimit-Policy', `"credentials";q=${limit};w=${Math.ceil(windowMs / 1000)}`);
    if (decision.allowed) {
      res.setHeader('RateLimit', `"credentials";r=${decision.remaining}`);
      return next();
    }
    const retryAfterSeconds = Math.ceil(decision.retryAfterMs / 1000);
    res.setHeader('RateLimit', `"credentials";r=0;t=${retryAfterSeconds}`);
    // Who and where only: the route's path, never a body, so no secret reaches the log.
    req.log.warn(
      { oid, path: req.path, limit, windowMs, retryAfterSeconds },
      'credential budget spent: request refused',
    );
    next(
      new AppError(
        'rate_limited',
        `Too many credentials generated in a short time: at most ${limit} passwords or connection strings per person per ${describeWindow(windowMs)}, across every registry. Try again in ${retryAfterSeconds} seconds.`,
        { retryAfterSeconds },
      ),
    );
  };
  router.post(credentialRoutes, requirePermission('token.credentials.generate'), take);
  return router;
}
