import type { ArmWriterBase } from '../../arm/arm-writer-base';
import { AppError, asAppError } from '../../http/errors';
import { LockLostError, LockTimeoutError, type Fence, type LockManager } from '../../storage';
import { AppliedUnconfirmedError, type AuditedChange, type AuditRecorder } from '../audit/recorder';

/** The lock key of an Azure resource: its ARM id, case-insensitive as ARM compares ids. */
export const resourceLockKey = (armId: string) => `arm:${armId.toLowerCase()}`;

/** What a change does inside its locks: record it, and run its ARM writes fenced. */
export interface LockedChange {
  fence: Fence;
  /** AuditRecorder.record with this change's fence: the outcome says if the lock was lost. */
  record<T>(
    change: AuditedChange,
    armRequestIds: () => string[],
    run: () => Promise<{ result: T; after?: unknown }>,
  ): Promise<{ result: T; auditId: string; notice?: string }>;
}

/**
 * The one concurrency discipline for every change to an Azure resource
 * (README, "Concurrent changes"). A service calls `run` with the ARM ids of
 * every resource the change reads and writes; inside, holding a lock on each
 * (shared by all BFF instances of one database, taken in one stable order so
 * overlapping multi-resource changes cannot deadlock), it reads the current
 * state, compares it with what the person loaded (a version) or applies its
 * request as a delta onto it, records the intent, writes, and reads back.
 * Creates look for an existing name inside the lock and refuse it with 409.
 *
 * Every ARM write of the change's writers first checks the lock's fence: a
 * change whose lock was lost (its database connection failed) makes no write
 * after the loss, and one that learns of the loss only after ARM answered is
 * told so (`notice`), as is its audit record.
 */
export class ChangeDiscipline {
  constructor(
    private readonly locks: LockManager,
    private readonly audit: AuditRecorder,
    private readonly writers: readonly ArmWriterBase[],
  ) {}

  async run<T>(resourceIds: string[], fn: (change: LockedChange) => Promise<T>): Promise<T> {
    const keys = resourceIds.map(resourceLockKey);
    try {
      return await this.locks.withLocks(keys, async (fence) => {
        const guard = () =>
          fence.check().catch((error: unknown) => {
            throw error instanceof LockLostError ? lockLost(error) : error;
          });
        for (const writer of this.writers) writer.guard = guard;
        try {
          return await fn({
            fence,
            record: (change, armRequestIds, run) =>
              this.audit.record(change, armRequestIds, () => this.confirmed(run), fence),
          });
        } finally {
          for (const writer of this.writers) writer.guard = undefined;
        }
      });
    } catch (error) {
      if (error instanceof LockTimeoutError) {
        throw new AppError(
          'conflict',
          'Another change to the same resource is still running. Reload and try again in a moment.',
          { cause: error, retryAfterSeconds: 2 },
        );
      }
      throw error;
    }
  }

  /** Writes Azure accepted so far, by every writer of the change. */
  private applied(): number {
    return this.writers.reduce((sum, w) => sum + w.applied, 0);
  }

  /**
   * Runs the change's writes and read-back. A failure after Azure accepted a
   * write is not "nothing changed": unless the change reports its own steps
   * (multi-step changes undo and say what they left), it is "applied, not
   * confirmed".
   */
  private async confirmed<T>(run: () => Promise<T>): Promise<T> {
    const before = this.applied();
    try {
      return await run();
    } catch (error) {
      const failure = asAppError(error);
      if (this.applied() > before && !failure.extra.steps) {
        throw new AppliedUnconfirmedError(failure);
      }
      throw error;
    }
  }
}

function lockLost(error: LockLostError): AppError {
  return new AppError(
    'storage_unavailable',
    'Latchkey lost its lock on the resource (its storage connection failed) before changing Azure: nothing was changed. Try again in a moment.',
    { cause: error, retryAfterSeconds: 5 },
  );
}

/** A 409 refusing a create whose name exists, carrying the existing resource. */
export function nameTaken(message: string, field: string, current: unknown): AppError {
  return new AppError('conflict', message, {
    details: [{ field, rule: 'unique', message: 'a resource with this name exists' }],
    current,
  });
}
