import { z } from 'zod/mini';
import { findingSchema, type Finding } from '../findings';
import { exportStampSchema, cellList } from './common';

// ---------------------------------------------------------------- findings

export const findingColumns = [
  'severity',
  'findingId',
  'title',
  'targetKind',
  'targetName',
  'slot',
  'connectedRegistry',
  'target',
  'evidence',
  'why',
  'fix',
  'fixAction',
  'window',
  'key',
] as const;
export type FindingRow = Record<(typeof findingColumns)[number], string>;

export function findingRows(findings: readonly Finding[]): FindingRow[] {
  return findings.map((f) => ({
    severity: f.severity,
    findingId: f.id,
    title: f.title,
    targetKind: f.target.kind,
    targetName: f.target.name,
    slot: f.target.slot ?? '',
    connectedRegistry: f.target.connectedRegistry ?? '',
    target: f.target.label,
    evidence: cellList(f.evidence),
    why: f.why,
    fix: f.fix,
    fixAction: f.fixAction,
    window: f.window ?? '',
    key: f.key,
  }));
}

export const findingsExportSchema = z.object({
  stamp: exportStampSchema,
  findings: z.array(findingSchema),
});
export type FindingsExport = z.infer<typeof findingsExportSchema>;
