import type { Request } from 'express';
import type { CredentialBudget } from '../storage';
import { AppError } from './errors';

/** 20 credentials per person per 10 minutes, as the routers' own limit defaults to. */
export const DEFAULT_CREDENTIAL_LIMIT = { limit: 20, windowMs: 10 * 60_000 } as const;

/** The routes whose answer reveals a credential once (under /api): they draw on the budget. */
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
 * route and every BFF instance on the database). The services call it after
 * the request was validated and authorized and the things it names were found,
 * just before the request that mints the credential goes to Azure, so a
 * refused, malformed or misdirected request costs nothing. When the budget is
 * spent: 429 with Retry-After and a message naming the limit.
 */
export function credentialSpender(budget: CredentialBudget, req: Request): () => Promise<void> {
  const { limit, windowMs } = budget.limits;
  return async () => {
    const res = req.res!;
    const oid = req.session!.data.oid;
    const decision = await budget.take(`user:${oid}`);
    res.setHeader('RateLimit-Policy', `"credentials";q=${limit};w=${Math.ceil(windowMs / 1000)}`);
    if (decision.allowed) {
      res.setHeader('RateLimit', `"credentials";r=${decision.remaining}`);
      return;
    }
    const retryAfterSeconds = Math.ceil(decision.retryAfterMs / 1000);
    res.setHeader('RateLimit', `"credentials";r=0;t=${retryAfterSeconds}`);
    // Who and where only: the route's path, never a body, so no secret reaches the log.
    req.log.warn(
      { oid, path: req.path, limit, windowMs, retryAfterSeconds },
      'credential budget spent: request refused',
    );
    throw budgetSpent(budget, retryAfterSeconds);
  };
}

function budgetSpent(budget: CredentialBudget, retryAfterSeconds: number): AppError {
  const { limit, windowMs } = budget.limits;
  return new AppError(
    'rate_limited',
    `Too many credentials generated in a short time: at most ${limit} passwords or connection strings per person per ${describeWindow(windowMs)}, across every registry. Try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
  );
}

/**
 * The same budget for work that runs after its request was answered (a bulk
 * action generating passwords): no response headers to set, the same refusal.
 */
export function backgroundCredentialSpender(
  budget: CredentialBudget,
  oid: string,
): () => Promise<void> {
  return async () => {
    const decision = await budget.take(`user:${oid}`);
    if (!decision.allowed) throw budgetSpent(budget, Math.ceil(decision.retryAfterMs / 1000));
  };
}
