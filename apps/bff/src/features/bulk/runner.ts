import { randomUUID } from 'node:crypto';
import type {
  BulkJob,
  BulkPasswords,
  BulkTokenAction,
  PasswordSlotName,
  RegistryPath,
  TokenView,
} from '@latchkey/domain';
import { AppError, asAppError } from '../../http/errors';
import { AppliedUnconfirmedError } from '../audit/recorder';
import type { TokenAdminService } from '../tokens/service';
import { PreconditionFailed } from '../tokens/token-admin-base';
import { decide, type PlannedItem } from './plan';

/** Tokens changed at once: ARM's write limits are per subscription and per hour; four stays well inside. */
export const BULK_CONCURRENCY = 4;
/** Tries per item when Azure throttles (429/503 after the SDK's own retries). */
export const BULK_MAX_ATTEMPTS = 4;
/** The longest Retry-After honoured as given; a longer one is cut to it. */
const MAX_WAIT_SECONDS = 60;

interface GeneratedPassword {
  token: string;
  username: string;
  slot: PasswordSlotName;
  value: string;
  expiry?: string;
}

/** A bulk job as this process holds it: in memory only, never stored. */
export interface BulkJobState {
  id: string;
  owner: string;
  ref: RegistryPath;
  action: BulkTokenAction;
  startedAt: number;
  finishedAt?: number;
  items: PlannedItem[];
  notes: string[];
  auditId?: string;
  cancelRequested: boolean;
  /** generate-passwords: held until revealed once, or until the job is forgotten. */
  generated?: GeneratedPassword[];
  passwords: BulkJob['passwords'];
}

export interface RunDeps {
  /** A fresh service per item: each change holds its own writer (its lock fence and counters). */
  service: () => TokenAdminService;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  maxAttempts?: number;
}

const sleeper = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The precondition each item's change checks on the token's current state, inside its lock. */
function precondition(job: BulkJobState, item: PlannedItem, now: () => number) {
  return (token: TokenView): string | undefined => {
    const d = decide(job.action, token, now());
    if ('skip' in d) return d.skip;
    if (job.action === 'revoke-expired-passwords' && !item.slots.every((s) => d.slots.includes(s)))
      return 'a password it would revoke is no longer expired';
    return undefined;
  };
}

async function change(
  job: BulkJobState,
  item: PlannedItem,
  service: TokenAdminService,
  now: () => number,
): Promise<string> {
  const expect = precondition(job, item, now);
  const ref = job.ref;
  switch (job.action) {
    case 'disable':
    case 'enable': {
      const status = job.action === 'disable' ? 'disabled' : 'enabled';
      // A sync token is here only when chosen one by one, after its blast radius was shown.
      const confirm = item.syncOf ? { confirmConnectedRegistryName: item.syncOf } : {};
      return (await service.setStatus(ref, item.name, { status, ...confirm }, expect)).auditId;
    }
    case 'revoke-expired-passwords': {
      let auditId = '';
      for (const slot of item.slots)
        auditId = (await service.revokePassword(ref, item.name, slot, expect)).auditId;
      return auditId;
    }
    case 'delete-unused':
      return (await service.delete(ref, item.name, expect)).auditId;
    case 'generate-passwords': {
      const result = await service.generatePassword(
        ref,
        item.name,
        { slot: item.slots[0]! },
        expect,
      );
      const password = result.credentials.passwords[0]!;
      (job.generated ??= []).push({
        token: item.name,
        username: result.credentials.username,
        slot: password.name,
        value: password.value,
        ...(password.expiry ? { expiry: password.expiry } : {}),
      });
      return result.auditId;
    }
  }
}

/**
 * Runs the job's pending items, `concurrency` at a time. Azure's throttling
 * (429/503 with Retry-After, after the SDK's own retries) pauses every
 * worker until the time it gave, then the item is tried again, at most
 * `maxAttempts` times. Cancel stops before the next item: items not started
 * are "cancelled"; items under way finish.
 */
export async function runItems(job: BulkJobState, deps: RunDeps): Promise<void> {
  const sleep = deps.sleep ?? sleeper;
  const maxAttempts = deps.maxAttempts ?? BULK_MAX_ATTEMPTS;
  let pauseUntil = 0;
  // The credential budget spent: the remaining passwords would be refused too.
  let budgetSpent: string | undefined;
  const queue = job.items.filter((i) => i.outcome === 'pending');
  let next = 0;
  const worker = async () => {
    for (;;) {
      if (job.cancelRequested || next >= queue.length) return;
      const item = queue[next++]!;
      if (budgetSpent) {
        item.outcome = 'failed';
        item.reason = budgetSpent;
        continue;
      }
      item.outcome = 'running';
      item.attempts = 0;
      for (;;) {
        const wait = pauseUntil - deps.now();
        if (wait > 0) await sleep(wait);
        if (job.cancelRequested && item.attempts > 0) {
          item.outcome = 'cancelled';
          item.reason = 'cancelled while waiting to retry after Azure throttled; not changed';
          break;
        }
        item.attempts++;
        try {
          item.auditId = await change(job, item, deps.service(), deps.now);
          item.outcome = 'done';
          delete item.reason;
          break;
        } catch (error) {
          const e = asAppError(error);
          if (error instanceof PreconditionFailed) {
            item.outcome = 'skipped';
            item.reason = e.message;
            break;
          }
          // Azure took the write but reading it back failed: not retried (it is
          // applied); the item's audit record settles against Azure later.
          if (
            e.code === 'azure_throttled' &&
            !(error instanceof AppliedUnconfirmedError) &&
            item.attempts < maxAttempts
          ) {
            const seconds = Math.min(e.extra.retryAfterSeconds ?? 5, MAX_WAIT_SECONDS);
            pauseUntil = Math.max(pauseUntil, deps.now() + seconds * 1000);
            continue;
          }
          item.outcome = 'failed';
          item.reason = e.message;
          if (e.code === 'rate_limited') budgetSpent = e.message;
          break;
        }
      }
    }
  };
  const workers = Array.from(
    { length: Math.min(deps.concurrency ?? BULK_CONCURRENCY, queue.length) },
    worker,
  );
  await Promise.all(workers);
  for (const item of job.items) {
    if (item.outcome === 'pending') {
      item.outcome = 'cancelled';
      item.reason = 'not started: the bulk action was cancelled';
    }
  }
}

/** The job as its owner reads it: outcomes and counts, never a password. */
export function jobView(job: BulkJobState): BulkJob {
  const count = (o: PlannedItem['outcome']) => job.items.filter((i) => i.outcome === o).length;
  return {
    id: job.id,
    action: job.action,
    state:
      job.finishedAt === undefined
        ? job.cancelRequested
          ? 'cancelling'
          : 'running'
        : job.cancelRequested
          ? 'cancelled'
          : 'finished',
    startedAt: new Date(job.startedAt).toISOString(),
    ...(job.finishedAt !== undefined ? { finishedAt: new Date(job.finishedAt).toISOString() } : {}),
    items: job.items.map(({ slots: _s, syncOf: _c, ...item }) => item),
    progress: {
      total: job.items.length,
      done: count('done'),
      failed: count('failed'),
      skipped: count('skipped'),
      cancelled: count('cancelled'),
      pending: count('pending') + count('running'),
    },
    notes: job.notes,
    ...(job.auditId ? { auditId: job.auditId } : {}),
    passwords: job.passwords,
  };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Hands the new passwords over once and forgets them. */
export function revealOnce(job: BulkJobState, registryName: string): BulkPasswords {
  if (job.passwords !== 'ready' || !job.generated) {
    throw new AppError(
      'conflict',
      job.passwords === 'revealed'
        ? 'These passwords were already revealed once; they are not kept. Generate new ones if the file was lost.'
        : job.finishedAt === undefined
          ? 'The bulk action is still running: the passwords are revealed when it ends.'
          : 'This bulk action has no passwords to reveal.',
    );
  }
  const passwords = job.generated;
  job.generated = undefined;
  job.passwords = 'revealed';
  const header = 'token,username,slot,password,expiry';
  const lines = passwords.map((p) =>
    [p.token, p.username, p.slot, p.value, p.expiry ?? 'never'].map(csvCell).join(','),
  );
  return {
    jobId: job.id,
    fileName: `${registryName}-passwords-${new Date(job.startedAt).toISOString().slice(0, 10)}.csv`,
    csv: [header, ...lines].join('\n') + '\n',
    passwords,
  };
}

export const newJobId = () => randomUUID();
