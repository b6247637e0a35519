import type { AuditExportFilters } from '@latchkey/domain';

/** The audit log's filters, all in the URL (the same ones the export link carries). */
export type AuditSearch = AuditExportFilters;

/** The page's URL: the filters, and the record open in the side panel. */
export interface AuditPageSearch extends AuditSearch {
  record?: string;
}

/** The filters alone (what the API and the export are asked), without the open record. */
export function auditFilters({ record: _record, ...filters }: AuditPageSearch): AuditSearch {
  return filters;
}

// As the BFF's auditQuerySchema: a code, or a family ending in `*`.
const actionCode = /^[A-Za-z][A-Za-z.]*\*?$/;

const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : undefined;

// What the BFF accepts (zod's iso.datetime with an offset); anything else would be a 400.
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (v: unknown): string | undefined =>
  typeof v === 'string' && isoWithOffset.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;

/** Unknown or malformed parameters are dropped (limits as the BFF's audit query). */
export function validateAuditSearch(raw: Record<string, unknown>): AuditPageSearch {
  const out: AuditPageSearch = {};
  const actor = text(raw.actor, 256);
  if (actor) out.actor = actor;
  const action = text(raw.action, 128);
  if (action && actionCode.test(action)) out.action = action;
  const target = text(raw.target, 2048);
  if (target) out.target = target;
  const from = instant(raw.from);
  if (from) out.from = from;
  const to = instant(raw.to);
  if (to) out.to = to;
  const record = text(raw.record, 64);
  if (record) out.record = record;
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input value, in the browser's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser time zone) as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
