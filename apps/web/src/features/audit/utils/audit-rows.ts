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
  actor: string;
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
    rows.push({
      ...identity(r),
      outcome: o ? (o.outcome ?? 'unknown') : 'pending',
      completedAt: o?.recordedAt,
      armRequestIds: o?.armRequestIds ?? r.armRequestIds ?? [],
      before: r.before,
      after: o?.after ?? null,
      error: o?.error ?? null,
    });
  }
  return rows;
}

/**
 * A before/after value as plain text for the page (never HTML): JSON with two
 * spaces, "—" for nothing. React escapes it; this only makes it readable.
 */
export function summaryText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** The last segment(s) of an ARM id, for a narrow column; the full id is kept for the title. */
export function shortTarget(target: string): string {
  const m = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)(\/.*)?$/i.exec(target);
  if (!m) return target;
  const rest = (m[2] ?? '').split('/').filter(Boolean);
  // registries/<r>/<type>/<name>: "contosoregistry · tokens/line1-hmi"
  return rest.length >= 2 ? `${m[1]} · ${rest.join('/')}` : (m[1] ?? target);
}
