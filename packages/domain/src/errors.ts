import { z } from 'zod/mini';
import { stepReportSchema } from './mutations';

/**
 * Every error the BFF returns has one of these codes, in one JSON body:
 * `{ error: { code, message, details?, requestId, steps? } }`. The SPA branches on the
 * code, never on the message.
 */
export const errorCodes = [
  'invalid_input', // 400: a field breaks a rule; details name the field and the rule
  'unauthenticated', // 401: no session, or it ended
  'reauth_required', // 401: Entra needs the person to sign in again (body has reauth: true)
  'not_allowed', // 403: the console role does not allow it
  'azure_forbidden', // 403: Azure RBAC refused it; the message names the role and the registry
  'not_found', // 404
  'conflict', // 409: changed by someone else, or a rule of Azure's state
  'csrf_rejected', // 403: cross-site or missing the custom header
  'unsupported_media_type', // 415
  'payload_too_large', // 413
  'rate_limited', // 429: our own limit (credential generation)
  'azure_throttled', // 429/503: Azure kept throttling after the SDK's retries
  'upstream_timeout', // 504: Azure did not answer in time; safe to retry reads
  'upstream_error', // 502: Azure failed (5xx) or answered something unexpected
  'storage_unavailable', // 503: Latchkey's database is unreachable; Retry-After says when to retry
  'internal', // 500
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorDetailSchema = z.object({
  field: z.optional(z.string()),
  rule: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.optional(z.array(errorDetailSchema)),
    requestId: z.string(),
    reauth: z.optional(z.boolean()),
    retryAfterSeconds: z.optional(z.number()),
    armRequestId: z.optional(z.string()),
    /** On a conflict: the current state of what the person tried to change. */
    current: z.optional(z.unknown()),
    /**
     * A multi-step action that failed: every step in order, done, failed,
     * undone or skipped (not attempted), so the person knows what state it left.
     */
    steps: z.optional(z.array(stepReportSchema)),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  reauth_required: 401,
  not_allowed: 403,
  azure_forbidden: 403,
  not_found: 404,
  conflict: 409,
  csrf_rejected: 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  azure_throttled: 429,
  upstream_timeout: 504,
  upstream_error: 502,
  storage_unavailable: 503,
  internal: 500,
};
