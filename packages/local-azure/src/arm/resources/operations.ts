/**
 * LRO monitors: `.../operationStatuses/{id}` answers 200 `{status}` (core-lro
 * treats any other status as an error), and the Location URL
 * `.../locations/{loc}/operationResults/{id}` answers 202 while running and
 * then the result. Both count towards the same poll budget.
 */
import type { ArmResponse, RequestContext } from '../context';
import { ArmError } from '../errors';
import { lower } from '../state';
import type { LroOperation } from '../lro';
import { retryAfter } from './common';

function notFound(id: string): ArmError {
  return new ArmError(404, 'NotFound', `The operation '${id}' was not found.`);
}

function find(ctx: RequestContext, under: (op: LroOperation) => string): LroOperation {
  const id = ctx.params.childName;
  const op = ctx.lro.get(id);
  const path = lower(decodeURIComponent(ctx.url.pathname));
  if (!op || !path.startsWith(`${under(op)}/`)) throw notFound(id);
  return op;
}

export function getOperationStatus(ctx: RequestContext): ArmResponse {
  const op = find(ctx, (o) => o.monitorPath);
  const status = ctx.lro.poll(op);
  const body: Record<string, unknown> = {
    id: `${ctx.origin}${ctx.url.pathname}`,
    name: op.id,
    status:
      status === 'running' ? op.runningStatus : status === 'succeeded' ? 'Succeeded' : 'Failed',
    startTime: new Date(op.createdAt).toISOString(),
  };
  if (status === 'failed') body.error = op.error;
  // Like ARM, every "still running" answer says when to ask again; without it
  // az's poller falls back to 30 s between polls.
  return status === 'running'
    ? { status: 200, body, headers: retryAfter(ctx) }
    : { status: 200, body };
}

export function getOperationResult(ctx: RequestContext): ArmResponse {
  const op = find(ctx, (o) => o.resultPath);
  const status = ctx.lro.poll(op);
  if (status === 'running') {
    return {
      status: 202,
      headers: {
        location: `${ctx.origin}${ctx.url.pathname}${ctx.url.search}`,
        ...retryAfter(ctx),
      },
    };
  }
  if (status === 'failed') throw new ArmError(500, op.error.code, op.error.message);
  const result = op.result;
  // A password value is handed out once: the result is dropped after it is read.
  delete op.result;
  return result === undefined ? { status: 200 } : { status: 200, body: result };
}
