import type { AuditRecordView } from '@latchkey/domain';

/** `observed`: a change found in Azure that the console did not make. */
export type AuditRowOutcome = 'succeeded' | 'failed' | 'unknown' | 'pending' | 'observed';

/**
 * One change as a person reads it: the intent (who asked for what, before)
 * joined with its outcome (after, ARM request ids, error). The log writes
 * them as two records; an intent without an outcome is "pending" (still
 * running, or the console stopped before recording it).
 */
export interface AuditRow {
  key: string;
  seq: number;
  recordedAt: string;
  /** The username the log matches on. */
  actor: string;
  /** The display name the change recorded, if it did (changes observed in Azure have none). */
  actorName?: string | undefined;
  action: string;
  target: string;
  requestId: string;
  outcome: AuditRowOutcome;
  /** When the outcome was recorded, if it was. */
  completedAt?: string | undefined;
  armRequestIds: string[];
  before: unknown;
  after: unknown;
  error: unknown;
  /** For a change observed in Azure: between which snapshot reads it happened. */
  window?: { from: string; to: string } | undefined;
}

/** The window an observed record carries in `after`, if well formed. */
function observedParts(after: unknown): { value: unknown; window?: { from: string; to: string } } {
  if (!after || typeof after !== 'object' || !('window' in after)) return { value: after };
  const { value, window } = after as { value?: unknown; window?: { from?: unknown; to?: unknown } };
  return typeof window?.from === 'string' && typeof window.to === 'string'
    ? { value, window: { from: window.from, to: window.to } }
    : { value };
}

/**
 * An intent's `before` as the recorder writes it: `{ actor, state }`. The
 * actor's display name goes to the row; `state` is what the diff compares.
 */
function intentParts(before: unknown): { actorName?: string; state: unknown } {
  if (!before || typeof before !== 'object' || !('actor' in before)) return { state: before };
  const { actor, state } = before as { actor?: { name?: unknown }; state?: unknown };
  return typeof actor?.name === 'string' ? { actorName: actor.name, state } : { state };
}

/** What every row takes from the record it starts from: which change, who, what, where. */
const identity = (r: AuditRecordView) => ({
  key: r.id,
  seq: r.seq,
  recordedAt: r.recordedAt,
  actor: r.actor,
  action: r.action,
  target: r.target,
  requestId: r.requestId,
});

/**
 * Records (newest first, as the API pages them) → rows newest first. An
 * outcome is always newer than its intent, so by the time an intent is on a
 * loaded page its outcome has been seen; an outcome whose intent is not loaded
 * (filtered out by time) stands alone.
 */
export function toAuditRows(records: readonly AuditRecordView[]): AuditRow[] {
  const outcomes = new Map<string, AuditRecordView>();
  const intents = new Set(records.filter((r) => r.kind === 'intent').map((r) => r.id));
  for (const r of records) {
    if (r.kind === 'outcome' && r.intentId && !outcomes.has(r.intentId))
      outcomes.set(r.intentId, r);
  }
  const rows: AuditRow[] = [];
  for (const r of records) {
    if (r.kind === 'observed') {
      const { value, window } = observedParts(r.after);
      rows.push({
        ...identity(r),
        outcome: 'observed',
        armRequestIds: [],
        before: r.before,
        after: value,
        error: null,
        window,
      });
      continue;
    }
    if (r.kind === 'outcome') {
      if (r.intentId && intents.has(r.intentId)) continue;
      rows.push({
        ...identity(r),
        outcome: r.outcome ?? 'unknown',
        completedAt: r.recordedAt,
        armRequestIds: r.armRequestIds ?? [],
        before: undefined,
        after: r.after,
        error: r.error,
      });
      continue;
    }
    const o = outcomes.get(r.id);
    const { actorName, state } = intentParts(r.before);
    rows.push({
      ...identity(r),
      actorName,
      outcome: o ? (o.outcome ?? 'unknown') : 'pending',
      completedAt: o?.recordedAt,
      armRequestIds: o?.armRequestIds ?? r.armRequestIds ?? [],
      before: state,
      after: o?.after ?? null,
      error: o?.error ?? null,
    });
  }
  return rows;
}
