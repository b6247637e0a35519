/**
 * Long-running operations. The change itself is applied when the request is
 * accepted (unless a fault makes the operation fail or hang); the monitor then
 * answers "in progress" for `lroPolls` polls before reporting the outcome, as
 * the real service's monitors do (reference §1).
 */
import { randomUUID } from 'node:crypto';
import type { ArmErrorBody } from './errors';

export type LroOutcome = 'succeed' | 'fail' | 'never';

export interface LroOperation {
  id: string;
  /** Lower-cased path prefix the monitor URL must be under (the resource or registry). */
  monitorPath: string;
  resultPath: string;
  /** Label while running: Creating, Updating, Deleting, InProgress. */
  runningStatus: string;
  pollsLeft: number;
  outcome: LroOutcome;
  finished: boolean;
  /** Runs once when the operation reaches its end (success or failure). */
  onFinish?: (succeeded: boolean) => void;
  /** Body of the final Location GET (generateCredentials); dropped once read. */
  result?: unknown;
  error: ArmErrorBody;
  createdAt: number;
}

const FAILED_ERROR: ArmErrorBody = {
  code: 'InternalServerError',
  message: 'The operation failed due to an internal error. Please try again later.',
};

export class LroStore {
  private readonly ops = new Map<string, LroOperation>();

  start(input: {
    prefix: string;
    monitorPath: string;
    resultPath: string;
    runningStatus: string;
    polls: number;
    outcome: LroOutcome;
    onFinish?: (succeeded: boolean) => void;
    result?: unknown;
  }): LroOperation {
    this.prune();
    const id = `${input.prefix}-${randomUUID()}`;
    const op: LroOperation = {
      id,
      monitorPath: input.monitorPath.toLowerCase(),
      resultPath: input.resultPath.toLowerCase(),
      runningStatus: input.runningStatus,
      pollsLeft: input.outcome === 'never' ? Number.POSITIVE_INFINITY : Math.max(0, input.polls),
      outcome: input.outcome,
      finished: false,
      error: FAILED_ERROR,
      createdAt: Date.now(),
      ...(input.onFinish ? { onFinish: input.onFinish } : {}),
      ...(input.result !== undefined ? { result: input.result } : {}),
    };
    this.ops.set(id.toLowerCase(), op);
    if (op.pollsLeft === 0) this.finish(op);
    return op;
  }

  get(id: string): LroOperation | undefined {
    return this.ops.get(id.toLowerCase());
  }

  /** One poll: counts down, then finishes. Returns the status to report. */
  poll(op: LroOperation): 'running' | 'succeeded' | 'failed' {
    if (!op.finished) {
      if (op.pollsLeft > 0) {
        op.pollsLeft -= 1;
        return 'running';
      }
      this.finish(op);
    }
    return op.outcome === 'succeed' ? 'succeeded' : 'failed';
  }

  private finish(op: LroOperation): void {
    if (op.finished) return;
    op.finished = true;
    op.onFinish?.(op.outcome === 'succeed');
  }

  clear(): void {
    this.ops.clear();
  }

  /** Keeps memory bounded in long runs: monitors older than an hour are gone, as in Azure. */
  private prune(): void {
    if (this.ops.size < 1000) return;
    const cutoff = Date.now() - 3_600_000;
    for (const [key, op] of this.ops) if (op.createdAt < cutoff) this.ops.delete(key);
  }
}
