import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from './errors';

/**
 * Per person and per BFF instance, how many expensive requests (a registry
 * sweep and what is computed on it: overview, findings, exports, the report)
 * may run at once. Beyond it: 429 with Retry-After, at once, so one person's
 * burst cannot take the instance's connections to Azure or its CPU from
 * everyone else. Overlapping identical sweeps are coalesced too
 * (RegistriesService), so the cap only bites on a real flood.
 */
export const DEFAULT_EXPENSIVE_LIMIT = { concurrent: 8, retryAfterSeconds: 2 } as const;

const registry = '/registries/:subscriptionId/:resourceGroup/:registryName';
export const expensiveRoutes = [
  `${registry}/overview`,
  `${registry}/overview/stream`,
  `${registry}/findings`,
  `${registry}/exports/findings`,
  `${registry}/exports/tokens`,
  `${registry}/exports/effective-access`,
  `${registry}/reports/access-review`,
];

export function expensiveRequestLimit(limit: {
  concurrent: number;
  retryAfterSeconds: number;
}): Router {
  const running = new Map<string, number>();
  const router = Router();
  router.get(expensiveRoutes, (req: Request, res: Response, next: NextFunction) => {
    // Not signed in: the route itself answers 401.
    const oid = req.session?.data.oid;
    if (!oid) return next();
    const now = running.get(oid) ?? 0;
    if (now >= limit.concurrent) {
      req.log.warn({ oid, path: req.path, limit: limit.concurrent }, 'expensive requests capped');
      return next(
        new AppError(
          'rate_limited',
          `Too many registry reads, exports or reports at once: at most ${limit.concurrent} at a time per person. Try again in ${limit.retryAfterSeconds} seconds.`,
          { retryAfterSeconds: limit.retryAfterSeconds },
        ),
      );
    }
    running.set(oid, now + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (running.get(oid) ?? 1) - 1;
      if (left > 0) running.set(oid, left);
      else running.delete(oid);
    };
    // 'close' also fires when the client goes away before the answer.
    res.on('finish', release);
    res.on('close', release);
    next();
  });
  return router;
}
