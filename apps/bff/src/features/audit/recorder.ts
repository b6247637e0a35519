import type { Logger } from 'pino';
import { AuditOutcomeConflictError, type AuditLog } from '../../storage';
import { AppError } from '../../http/errors';

export interface Actor {
  oid: string;
  name: string;
  username: string;
}

export interface AuditedChange {
  actor: Actor;
  /** e.g. `token.create`, `token.password.generate` */
  action: string;
  /** The ARM id of what is changed. */
  target: string;
  /** A summary of the state before: names, statuses, dates. Never a secret. */
  before?: unknown;
  requestId: string;
}

/**
 * Every change through the console leaves two records in the same request,
 * before the response: an intent before the first ARM call and an outcome
 * after the last. A crash in between leaves the intent alone, and start-up
 * marks it "outcome unknown".
 */
export class AuditRecorder {
  constructor(
    private readonly log: AuditLog,
    private readonly logger: Logger,
  ) {}

  async record<T>(
    change: AuditedChange,
    armRequestIds: () => string[],
    run: () => Promise<{ result: T; after?: unknown }>,
  ): Promise<{ result: T; auditId: string }> {
    const intentId = await this.log.appendIntent({
      actor: change.actor.username,
      action: change.action,
      target: change.target,
      before: {
        actor: change.actor,
        ...(change.before !== undefined ? { state: change.before } : {}),
      },
      requestId: change.requestId,
    });
    let ran: { result: T; after?: unknown };
    try {
      ran = await run();
    } catch (error) {
      const appError = error instanceof AppError ? error : undefined;
      await this.log
        .appendOutcome(intentId, {
          outcome: 'failed',
          armRequestIds: armRequestIds(),
          error: {
            code: appError?.code ?? 'internal',
            message: appError?.message ?? 'unexpected failure',
            // What a multi-step action did before and after the failure: names and outcomes only.
            ...(appError?.extra.steps ? { steps: appError.extra.steps } : {}),
          },
        })
        .catch((e: unknown) =>
          this.logger.error({ err: e, intentId }, 'audit outcome could not be written'),
        );
      throw error;
    }
    try {
      await this.log.appendOutcome(intentId, {
        outcome: 'succeeded',
        ...(ran.after !== undefined ? { after: ran.after } : {}),
        armRequestIds: armRequestIds(),
      });
    } catch (error) {
      // Another instance started meanwhile, marked this intent "outcome
      // unknown" and a reader reconciled it against ARM: that record stands.
      if (!(error instanceof AuditOutcomeConflictError)) throw error;
      this.logger.warn({ intentId }, 'change finished after it was reconciled; outcome kept');
    }
    return { result: ran.result, auditId: intentId };
  }
}

/**
 * Start-up: intents left without an outcome (a crash mid-change) are marked
 * "outcome unknown"; the first read of their registry settles them against
 * ARM (OutcomeReconciler). Returns how many this instance marked.
 */
export async function markInterruptedChanges(log: AuditLog, logger: Logger): Promise<number> {
  const pending = await log.pendingIntents();
  let count = 0;
  for (const intent of pending) {
    // Another instance starting at the same time may have marked it first.
    const marked = await log.markOutcomeUnknown(intent.id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AuditOutcomeConflictError) return false;
        throw error;
      },
    );
    if (!marked) continue;
    count++;
    logger.warn(
      { intentId: intent.id, action: intent.action, target: intent.target },
      'change interrupted before its outcome was recorded: marked outcome unknown',
    );
  }
  return count;
}
