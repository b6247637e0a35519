import type { Finding, FindingId, Severity } from '@latchkey/domain';
import type { TargetKind } from './access-review-search';

export interface FindingFilters {
  severity?: Severity | undefined;
  finding?: FindingId | undefined;
  kind?: TargetKind | undefined;
  q?: string | undefined;
}

/**
 * The findings that match every filter. The text matches the target (name,
 * connected registry, label), the title and the evidence, case-insensitively,
 * so "edgeline2" finds everything about that connected registry.
 */
export function filterFindings(findings: readonly Finding[], f: FindingFilters): Finding[] {
  const q = f.q?.trim().toLowerCase();
  return findings.filter((x) => {
    if (f.severity && x.severity !== f.severity) return false;
    if (f.finding && x.id !== f.finding) return false;
    if (f.kind && x.target.kind !== f.kind) return false;
    if (!q) return true;
    const haystack = [
      x.target.name,
      x.target.connectedRegistry ?? '',
      x.target.label,
      x.title,
      ...x.evidence,
    ];
    return haystack.some((s) => s.toLowerCase().includes(q));
  });
}
