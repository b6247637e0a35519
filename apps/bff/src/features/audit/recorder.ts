import type { Logger } from 'pino';
import { AuditOutcomeConflictError, type AuditLog, type AuditOutcomeInput } from '../../storage';
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

/** What `record` may say besides the result: the change's record is not settled yet. */
export const APPLIED_RECORD_PENDING =
  'Applied in Azure. Latchkey lost its lock on the resource (its storage connection failed) while Azure was making the change, so another change may have followed; the audit record will be settled when storage is back.';

/**
 * Azure accepted the change's writes, then a later step (reading it back)
 * failed: the change is applied but not confirmed. The caller is told so and
 * the audit outcome is "unknown", settled against ARM by a later read.
 */
export class AppliedUnconfirmedError extends AppError {
  constructor(cause: AppError) {
    super(
      cause.code === 'internal' ? 'upstream_error' : cause.code,
      `Azure accepted the change, but confirming it failed (${cause.message}) Reload to see it; the audit record will be settled against Azure.`,
      {
        cause,
        ...(cause.extra.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: cause.extra.retryAfterSeconds }
          : {}),
      },
    );
  }
}

type PendingWrite =
  | { intentId: string; kind: 'outcome'; input: AuditOutcomeInput }
  | { intentId: string; kind: 'unknown'; after: unknown };

const OUTCOME_RETRY_DELAYS_MS = [50, 200, 800];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Outcomes that storage refused (an outage), kept in this process and
 * written when storage is back: `flush` runs on every sweep and after every
 * outcome written. An intent whose outcome sits here is not "interrupted":
 * the sweep of this instance leaves it alone (another instance may still
 * mark it unknown; the definite outcome written later then settles it).
 */
export class OutcomeOutbox {
  private readonly pending = new Map<string, PendingWrite>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly log: AuditLog,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  holds(intentId: string): boolean {
    return this.pending.has(intentId);
  }

  private async tryWrite(write: PendingWrite): Promise<boolean> {
    try {
      if (write.kind === 'outcome') await this.log.appendOutcome(write.intentId, write.input);
      else await this.log.markOutcomeUnknown(write.intentId, write.after);
      return true;
    } catch (error) {
      // Settled meanwhile (reconciled by a read, or marked by a sweep): that record stands.
      if (error instanceof AuditOutcomeConflictError) {
        this.logger.warn({ intentId: write.intentId }, 'outcome already recorded; kept');
        return true;
      }
      return false;
    }
  }

  /** Writes it now, retrying briefly; kept for later when storage stays down. Never throws. */
  async write(write: PendingWrite): Promise<void> {
    for (const delay of [0, ...OUTCOME_RETRY_DELAYS_MS]) {
      if (delay) await sleep(delay);
      if (await this.tryWrite(write)) {
        if (this.pending.size > 0) void this.flush();
        return;
      }
    }
    this.pending.set(write.intentId, write);
    this.logger.error(
      { intentId: write.intentId, kept: this.pending.size },
      'audit outcome could not be written: kept in memory until storage is back',
    );
  }

  /** Writes what is kept, oldest first; stops at the first failure (storage still down). */
  flush(): Promise<void> {
    // Reset after the drain settles (asynchronously), so a drain that found
    // nothing to do cannot leave a stale promise behind.
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (const [intentId, write] of [...this.pending]) {
      if (!(await this.tryWrite(write))) return;
      this.pending.delete(intentId);
      this.logger.info({ intentId }, 'kept audit outcome written');
    }
  }
}

/** A fence the recorder asks after ARM answered (change-discipline.ts passes the lock's). */
export interface OutcomeFence {
  readonly lost: boolean;
  check(): Promise<void>;
}

/**
 * Every change through the console leaves two records in the same request:
 * an intent before the first ARM call (if it cannot be stored, nothing is
 * changed) and an outcome after the last. An outcome storage refuses goes to
 * the outbox and is written when storage is back; a crash in between leaves
 * the intent alone, and the sweep marks it "outcome unknown".
 */
export class AuditRecorder {
  constructor(
    private readonly log: AuditLog,
    private readonly logger: Logger,
    private readonly outbox: OutcomeOutbox = new OutcomeOutbox(log, logger),
  ) {}

  async record<T>(
    change: AuditedChange,
    armRequestIds: () => string[],
    run: () => Promise<{ result: T; after?: unknown }>,
    fence?: OutcomeFence,
  ): Promise<{ result: T; auditId: string; notice?: string }> {
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
      if (error instanceof AppliedUnconfirmedError) {
        await this.outbox.write({
          intentId,
          kind: 'unknown',
          after: { applied: true, note: error.message, armRequestIds: armRequestIds() },
        });
        throw error;
      }
      const appError = error instanceof AppError ? error : undefined;
      await this.outbox.write({
        intentId,
        kind: 'outcome',
        input: {
          outcome: 'failed',
          armRequestIds: armRequestIds(),
          error: {
            code: appError?.code ?? 'internal',
            message: appError?.message ?? 'unexpected failure',
            // What a multi-step action did before and after the failure: names and outcomes only.
            ...(appError?.extra.steps ? { steps: appError.extra.steps } : {}),
          },
        },
      });
      throw error;
    }
    // ARM answered: was the lock still held all along? If not, another
    // instance may have changed the resource after it, so the read-back is
    // not this change's alone; the caller and the record say so.
    const lockLost =
      fence !== undefined &&
      (fence.lost ||
        (await fence.check().then(
          () => false,
          () => true,
        )));
    const after = lockLost
      ? {
          ...(ran.after !== undefined ? { readBack: ran.after } : {}),
          lockLost: true,
          note: APPLIED_RECORD_PENDING,
        }
      : ran.after;
    await this.outbox.write({
      intentId,
      kind: 'outcome',
      input: {
        outcome: 'succeeded',
        ...(after !== undefined ? { after } : {}),
        armRequestIds: armRequestIds(),
      },
    });
    return {
      result: ran.result,
      auditId: intentId,
      ...(lockLost ? { notice: APPLIED_RECORD_PENDING } : {}),
    };
  }
}

/**
 * Intents left without an outcome (a crash mid-change) are marked "outcome
 * unknown"; a read of their registry then settles them against ARM
 * (OutcomeReconciler). At start-up every such intent is marked; the periodic
 * sweep marks only those older than the longest possible change
 * (`olderThanMs`) whose outcome this instance does not hold in its outbox.
 * Returns how many this instance marked.
 */
export async function markInterruptedChanges(
  log: AuditLog,
  logger: Logger,
  options: { olderThanMs?: number; now?: number; outbox?: OutcomeOutbox } = {},
): Promise<number> {
  const cutoff =
    options.olderThanMs === undefined
      ? Infinity
      : (options.now ?? Date.now()) - options.olderThanMs;
  const pending = (await log.pendingIntents()).filter(
    (intent) => intent.recordedAt.getTime() <= cutoff && !options.outbox?.holds(intent.id),
  );
  let count = 0;
  for (const intent of pending) {
    // Another instance (starting, or sweeping) may have marked it first.
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

/** How often the sweep runs in production. */
export const SWEEP_EVERY_MS = 30_000;

/**
 * The longest a change can take: the wait for its locks plus, at most, 20 ARM
 * calls (writes, read-backs, undo steps) each bounded by the ARM timeout. An
 * intent older than this without an outcome was cut off.
 */
export function longestChangeMs(armTimeoutMs: number, lockTimeoutMs = 10_000): number {
  return lockTimeoutMs + 20 * armTimeoutMs;
}

/**
 * Every `everyMs`: writes the outcomes kept in the outbox, then marks intents
 * older than the longest possible change as "outcome unknown", so neither
 * waits for a restart. Returns a stop function.
 */
export function startAuditSweep(options: {
  log: AuditLog;
  outbox: OutcomeOutbox;
  logger: Logger;
  everyMs: number;
  olderThanMs: number;
  now?: () => number;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      await options.outbox.flush();
      await markInterruptedChanges(options.log, options.logger, {
        olderThanMs: options.olderThanMs,
        now: (options.now ?? Date.now)(),
        outbox: options.outbox,
      });
    })()
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'audit sweep failed; next sweep retries'),
      )
      .finally(() => {
        running = false;
      });
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
