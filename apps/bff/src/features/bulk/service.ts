import {
  registryId,
  type BulkJob,
  type BulkPasswords,
  type BulkTokenPreview,
  type BulkTokenSelection,
  type ConnectedRegistryView,
  type RegistryOverview,
  type RegistryPath,
} from '@latchkey/domain';
import { AppError, asAppError } from '../../http/errors';
import type { Actor, AuditRecorder } from '../audit/recorder';
import type { SnapshotChange } from '../registries/snapshots';
import type { TokenAdminService } from '../tokens/service';
import { planBulk, previewOf } from './plan';
import { jobView, newJobId, revealOnce, runItems, type BulkJobState, type RunDeps } from './runner';

/** How long a finished job (and any passwords not yet revealed) is kept in memory. */
export const BULK_RETENTION_MS = 15 * 60_000;
/** How old the connected-registry list an item decides a token's kind by may be. */
const CONNECTED_REGISTRIES_MAX_AGE_MS = 5_000;
/** Bulk actions one person may have running at once. */
const MAX_RUNNING_PER_PERSON = 2;

/**
 * Every bulk job of this BFF process, in memory: a job belongs to the
 * instance that started it and ends with it (README, "Bulk actions").
 */
export class BulkJobs {
  private readonly jobs = new Map<string, BulkJobState>();

  constructor(private readonly now: () => number) {}

  add(job: BulkJobState): void {
    this.forgetOld();
    this.jobs.set(job.id, job);
  }

  /** The person's own job; another person's is "not found", as if it did not exist. */
  get(owner: string, id: string): BulkJobState {
    this.forgetOld();
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) {
      throw new AppError(
        'not_found',
        'No such bulk action of yours on this server. Bulk actions live in the memory of the server that runs them: a restart ends them (each change already made has its own audit record).',
      );
    }
    return job;
  }

  running(owner: string): number {
    return [...this.jobs.values()].filter((j) => j.owner === owner && j.finishedAt === undefined)
      .length;
  }

  private forgetOld(): void {
    const cutoff = this.now() - BULK_RETENTION_MS;
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== undefined && job.finishedAt < cutoff) this.jobs.delete(id);
    }
  }
}

export interface BulkDeps {
  jobs: BulkJobs;
  owner: string;
  actor: Actor;
  requestId: string;
  now: () => number;
  audit: AuditRecorder;
  /** The registry's lists, from the shared snapshot (no new ARM sweep). */
  overview: (ref: RegistryPath) => Promise<RegistryOverview>;
  /**
   * A token service for one item: its changes land in `snapshot` (applied in
   * batches by the job); it reads connected registries through `connectedRegistries`.
   */
  tokenService: (shared: {
    snapshot: (change: SnapshotChange) => void;
    connectedRegistries: (ref: RegistryPath) => Promise<ConnectedRegistryView[]>;
  }) => TokenAdminService;
  /** The registry's connected registries, from ARM. */
  readConnectedRegistries: (ref: RegistryPath) => Promise<ConnectedRegistryView[]>;
  applySnapshot: (ref: RegistryPath, change: SnapshotChange) => Promise<void>;
  /** Logs a job's end: counts only. */
  log: (fields: Record<string, unknown>, message: string) => void;
  run?: Pick<RunDeps, 'concurrency' | 'maxAttempts' | 'sleep'>;
  /** Passwords one person may generate per window (the credential budget). */
  credentialLimit?: { limit: number; window: string };
}

/** Bulk actions on tokens: preview, start (in the background), progress, cancel, passwords once. */
export class BulkTokensService {
  constructor(private readonly d: BulkDeps) {}

  private selectionRule(input: BulkTokenSelection): void {
    if (input.selection === 'all-matching' && (input.includeSyncTokens?.length ?? 0) > 0) {
      throw new AppError(
        'invalid_input',
        'Sync tokens are never included by "all matching": choose each one by one.',
        {
          details: [
            {
              field: 'includeSyncTokens',
              rule: 'picked-only',
              message: 'only a selection of picked tokens may include sync tokens',
            },
          ],
        },
      );
    }
  }

  async preview(ref: RegistryPath, input: BulkTokenSelection): Promise<BulkTokenPreview> {
    this.selectionRule(input);
    const plan = planBulk(input, await this.d.overview(ref), this.d.now());
    const budget = this.d.credentialLimit;
    if (input.action === 'generate-passwords' && budget && plan.counts.willChange > budget.limit) {
      plan.notes.push(
        `You may generate at most ${budget.limit} passwords per ${budget.window}: past that, the remaining tokens fail with that reason. Select at most ${budget.limit} tokens.`,
      );
    }
    return previewOf(plan);
  }

  async start(
    ref: RegistryPath,
    input: BulkTokenSelection & { confirm: string },
  ): Promise<BulkJob> {
    this.selectionRule(input);
    const plan = planBulk(input, await this.d.overview(ref), this.d.now());
    if (plan.counts.willChange === 0) {
      throw new AppError('invalid_input', 'Nothing to change: every chosen token is skipped.', {
        details: [{ field: 'names', rule: 'something-to-change', message: 'no token qualifies' }],
      });
    }
    if (input.confirm.trim().toLowerCase() !== plan.confirmation) {
      throw new AppError(
        'invalid_input',
        `Type "${plan.confirmation}" to confirm. (If you typed what the preview asked, the tokens changed meanwhile: review the preview again.)`,
        {
          details: [
            {
              field: 'confirm',
              rule: 'matches-preview',
              message: `must be "${plan.confirmation}"`,
            },
          ],
        },
      );
    }
    if (this.d.jobs.running(this.d.owner) >= MAX_RUNNING_PER_PERSON) {
      throw new AppError(
        'conflict',
        `You already have ${MAX_RUNNING_PER_PERSON} bulk actions running; wait for one to end or cancel it.`,
        { retryAfterSeconds: 10 },
      );
    }
    const job: BulkJobState = {
      id: newJobId(),
      owner: this.d.owner,
      ref,
      action: input.action,
      startedAt: this.d.now(),
      items: plan.items,
      notes: plan.notes,
      cancelRequested: false,
      passwords: 'none',
    };
    this.d.jobs.add(job);
    void this.execute(job, input);
    return jobView(job);
  }

  /**
   * The bulk action's own audit record (intent now, outcome when it ends)
   * around the items, each of which records its own change. Its outcome is
   * "succeeded" once the job ran to its end (or to a cancel); which items
   * failed, and why, is in its "after" and in each item's own record.
   */
  private async execute(job: BulkJobState, input: BulkTokenSelection): Promise<void> {
    const pendingSnapshot: SnapshotChange[] = [];
    const flush = async () => {
      const changes = pendingSnapshot.splice(0);
      if (changes.length === 0) return;
      const tokens = changes.flatMap((c) => c.tokens ?? []);
      const deleted = changes.flatMap((c) => c.deleted?.tokens ?? []);
      await this.d.applySnapshot(job.ref, {
        ...(tokens.length ? { tokens } : {}),
        ...(deleted.length ? { deleted: { tokens: deleted } } : {}),
      });
    };
    const collect = (change: SnapshotChange) => {
      pendingSnapshot.push(change);
      // The snapshot takes the changes in batches: it is one document of the whole registry.
      if (pendingSnapshot.length >= 25) void flush();
    };
    // Every item reads the connected registries (a sync token's change needs its
    // connected registry's name); 300 of them are several ARM pages, so items
    // share one read at most a few seconds old instead of reading them each.
    let shared: { at: number; list: Promise<ConnectedRegistryView[]> } | undefined;
    const connectedRegistries = (ref: RegistryPath) => {
      if (!shared || this.d.now() - shared.at > CONNECTED_REGISTRIES_MAX_AGE_MS) {
        const list = this.d.readConnectedRegistries(ref);
        shared = { at: this.d.now(), list };
        list.catch(() => (shared = undefined));
      }
      return shared.list;
    };
    try {
      await this.d.audit
        .record(
          {
            actor: this.d.actor,
            action: `token.bulk.${job.action}`,
            target: registryId(job.ref),
            before: {
              selection: input.selection,
              ...(input.filter ? { filter: input.filter } : {}),
              planned: job.items.map((i) => ({
                name: i.name,
                change: i.change,
                outcome: i.outcome,
                ...(i.reason ? { reason: i.reason } : {}),
              })),
            },
            requestId: this.d.requestId,
          },
          () => [],
          async () => {
            await runItems(job, {
              ...this.d.run,
              now: this.d.now,
              service: () => this.d.tokenService({ snapshot: collect, connectedRegistries }),
            });
            await flush();
            const view = jobView(job);
            const outcomes = view.items.map((i) => ({
              name: i.name,
              outcome: i.outcome,
              ...(i.reason ? { reason: i.reason } : {}),
              ...(i.auditId ? { auditId: i.auditId } : {}),
            }));
            return {
              result: undefined,
              after: { progress: view.progress, cancelled: job.cancelRequested, items: outcomes },
            };
          },
        )
        .then(({ auditId }) => (job.auditId = auditId));
    } catch (error) {
      // The intent could not be written (storage down) or the run broke: no item is left running.
      for (const item of job.items) {
        if (item.outcome === 'pending' || item.outcome === 'running') {
          item.outcome = 'failed';
          item.reason = asAppError(error).message;
        }
      }
    } finally {
      await flush().catch(() => undefined);
      if (job.generated?.length) job.passwords = 'ready';
      job.finishedAt = this.d.now();
      this.d.log(
        { bulkJob: job.id, action: job.action, progress: jobView(job).progress },
        'bulk action ended',
      );
    }
  }

  get(id: string): BulkJob {
    return jobView(this.d.jobs.get(this.d.owner, id));
  }

  cancel(id: string): BulkJob {
    const job = this.d.jobs.get(this.d.owner, id);
    if (job.finishedAt === undefined) job.cancelRequested = true;
    return jobView(job);
  }

  passwords(ref: RegistryPath, id: string): BulkPasswords {
    return revealOnce(this.d.jobs.get(this.d.owner, id), ref.registryName);
  }
}
