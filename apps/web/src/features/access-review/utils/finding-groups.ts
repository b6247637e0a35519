import {
  findingCatalogue,
  severities,
  type Finding,
  type FindingId,
  type FindingTarget,
  type Severity,
} from '@latchkey/domain';

/** All findings of one finding type: the unit a reviewer works through. */
export interface FindingTypeGroup {
  id: FindingId;
  title: string;
  severity: Severity;
  findings: Finding[];
  /** Every finding of the group is about a token (the group can be shown in the tokens grid). */
  allTokens: boolean;
}

/** All findings about one token, scope map or connected registry. */
export interface FindingTargetGroup {
  key: string;
  kind: FindingTarget['kind'];
  name: string;
  /** The worst severity among its findings. */
  severity: Severity;
  findings: Finding[];
}

const rank = (s: Severity) => severities.indexOf(s);
const catalogueOrder = new Map(findingCatalogue.map((e, i) => [e.id, i]));

/** Worst severity first, then the most findings, then the catalogue's order. */
export function groupByType(findings: readonly Finding[]): FindingTypeGroup[] {
  const groups = new Map<FindingId, FindingTypeGroup>();
  for (const f of findings) {
    let g = groups.get(f.id);
    if (!g) {
      g = { id: f.id, title: f.title, severity: f.severity, findings: [], allTokens: true };
      groups.set(f.id, g);
    }
    g.findings.push(f);
    if (rank(f.severity) < rank(g.severity)) g.severity = f.severity;
    if (f.target.kind !== 'token') g.allTokens = false;
  }
  return [...groups.values()].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      b.findings.length - a.findings.length ||
      (catalogueOrder.get(a.id) ?? 0) - (catalogueOrder.get(b.id) ?? 0),
  );
}

/**
 * By what they are about: a token's password findings and its findings on each
 * connected registry land on the token. Worst severity first, then the most
 * findings, then by name.
 */
export function groupByTarget(findings: readonly Finding[]): FindingTargetGroup[] {
  const groups = new Map<string, FindingTargetGroup>();
  for (const f of findings) {
    const key = `${f.target.kind}:${f.target.name.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, kind: f.target.kind, name: f.target.name, severity: f.severity, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
    if (rank(f.severity) < rank(g.severity)) g.severity = f.severity;
  }
  for (const g of groups.values()) g.findings.sort((a, b) => rank(a.severity) - rank(b.severity));
  return [...groups.values()].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      b.findings.length - a.findings.length ||
      a.name.localeCompare(b.name),
  );
}

/** The console page a finding's target lives on (a connected registry opens selected in the hierarchy). */
export function findingTargetHref(registryBase: string, t: FindingTarget): string {
  const enc = encodeURIComponent;
  if (t.kind === 'token') return `${registryBase}/tokens/${enc(t.name)}`;
  if (t.kind === 'scope-map') return `${registryBase}/scope-maps/${enc(t.name)}`;
  return `${registryBase}/hierarchy?node=${enc(t.name)}`;
}

// An ISO instant as the findings engine writes it into evidence ("expiry 2026-03-09T10:00:00.000Z").
const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/g;

/**
 * Evidence as a person reads it: every ISO instant becomes `format(iso)`
 * (the page passes "9 Mar 2026, 10:00 (3 days ago)"); the rest is unchanged.
 */
export function humanizeEvidence(text: string, format: (iso: string) => string): string {
  return text.replace(isoInstant, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : format(iso)));
}
