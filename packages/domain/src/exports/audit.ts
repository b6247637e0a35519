import { z } from 'zod/mini';
import { auditRecordViewSchema, type AuditRecordView } from '../dto';
import { cellList, type CsvCell } from './common';

// ---------------------------------------------------------------- audit log

export const auditExportColumns = [
  'seq',
  'recordedAt',
  'kind',
  'actor',
  'action',
  'target',
  'outcome',
  'requestId',
  'intentId',
  'armRequestIds',
  'before',
  'after',
  'error',
  'prevHash',
  'hash',
  'id',
] as const;
export type AuditExportRow = Record<(typeof auditExportColumns)[number], CsvCell>;

const compact = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function auditExportRows(records: readonly AuditRecordView[]): AuditExportRow[] {
  return records.map((r) => ({
    seq: r.seq,
    recordedAt: r.recordedAt,
    kind: r.kind,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome ?? '',
    requestId: r.requestId,
    intentId: r.intentId ?? '',
    armRequestIds: r.armRequestIds ? cellList(r.armRequestIds) : '',
    before: compact(r.before),
    after: compact(r.after),
    error: compact(r.error),
    prevHash: r.prevHash,
    hash: r.hash,
    id: r.id,
  }));
}

export const auditExportSchema = z.object({
  stamp: z.object({
    scope: z.literal('audit log'),
    generatedAt: z.string(),
    generator: z.literal('Latchkey'),
  }),
  filters: z.object({
    actor: z.optional(z.string()),
    action: z.optional(z.string()),
    target: z.optional(z.string()),
    from: z.optional(z.string()),
    to: z.optional(z.string()),
  }),
  /** True when more records matched than the export holds (the newest `limit` are in it). */
  truncated: z.boolean(),
  limit: z.number().check(z.int()),
  records: z.array(auditRecordViewSchema),
});
export type AuditExport = z.infer<typeof auditExportSchema>;
