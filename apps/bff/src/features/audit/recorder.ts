import type { Logger } from 'pino';
import type { AuditLog } from '../../storage';
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
    try {
      const { result, after } = await run();
      await this.log.appendOutcome(intentId, {
        outcome: 'succeeded',
        ...(after !== undefined ? { after } : {}),
        armRequestIds: armRequestIds(),
      });
      return { result, auditId: intentId };
    } catch (error) {
      const appError = error instanceof AppError ? error : undefined;
      await this.log
        .appendOutcome(intentId, {
          outcome: 'failed',
          armRequestIds: armRequestIds(),
          error: {
            code: appError?.code ?? 'internal',
            message: appError?.message ?? 'unexpected failure',
          },
        })
        .catch((e: unknown) =>
          this.logger.error({ err: e, intentId }, 'audit outcome could not be written'),
        );
      throw error;
    }
  }
}

/** Start-up: intents left without an outcome (a crash mid-change) are marked "outcome unknown". */
export async function markInterruptedChanges(log: AuditLog, logger: Logger): Promise<number> {
  const pending = await log.pendingIntents();
  for (const intent of pending) {
    await log.markOutcomeUnknown(intent.id);
    logger.warn(
      { intentId: intent.id, action: intent.action, target: intent.target },
      'change interrupted before its outcome was recorded: marked outcome unknown',
    );
  }
  return pending.length;
}
