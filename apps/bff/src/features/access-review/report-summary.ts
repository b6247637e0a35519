import { severities, type Finding, type RegistryOverview } from '@latchkey/domain';
import { esc, severityTable, table } from './report-html';

/** How many kinds of finding the summary lists; the findings section has them all. */
export const TOP_FINDINGS = 10;
/** How many targets of one kind of finding the summary names. */
const EXAMPLES = 3;

/** 7416 → "7,416", as the Azure portal writes counts. */
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The report's first page: what is there, what is wrong, and links to each
 * full section as its own printable page. It needs the overview and the
 * findings only (no effective-access computation), so it is quick on a large
 * registry with a warm snapshot.
 */
export function summarySection(overview: RegistryOverview, findings: readonly Finding[]): string {
  const links = [
    ['findings', `Findings (${count(findings.length)}), with why each matters and how to fix it`],
    ['tokens', `Token inventory (${count(overview.tokens.length)})`],
    ['effective-access', 'Effective access on the cloud registry and each connected registry'],
    ['all', 'The whole report (every section on one page; long on a large registry)'],
  ];
  return (
    `<nav aria-label="Report sections"><h2>Sections</h2><ul>` +
    links.map(([s, label]) => `<li><a href="?section=${s}">${esc(label)}</a></li>`).join('') +
    `</ul></nav>\n` +
    `<h2>Summary</h2>` +
    table(
      ['What', 'Count'],
      [
        ['Tokens', overview.tokens.length],
        ['Scope maps', overview.scopeMaps.length],
        ['Connected registries', overview.connectedRegistries.length],
        ['Findings', findings.length],
      ].map(([what, n]) => [esc(what), esc(count(n as number))]),
      'What the registry holds',
    ) +
    severityTable(findings) +
    `<h2>Top findings</h2>` +
    table(
      ['Severity', 'Finding', 'Targets', 'For example'],
      topFindings(findings).map((g) => [
        `<span class="sev">${esc(g.severity)}</span>`,
        `${esc(g.title)} <code>${esc(g.id)}</code>`,
        esc(count(g.count)),
        g.examples.map(esc).join('<br>'),
      ]),
      `The ${TOP_FINDINGS} most severe kinds of finding, most targets first within a severity`,
    ) +
    '\n'
  );
}

interface FindingGroup {
  id: string;
  severity: Finding['severity'];
  title: string;
  count: number;
  examples: string[];
}

/** Kinds of finding, most severe first, then by how many targets have it. */
export function topFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const g = groups.get(f.id) ?? {
      id: f.id,
      severity: f.severity,
      title: f.title,
      count: 0,
      examples: [],
    };
    g.count += 1;
    if (g.examples.length < EXAMPLES) g.examples.push(f.target.label);
    groups.set(f.id, g);
  }
  const rank = (g: FindingGroup) => severities.indexOf(g.severity);
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, TOP_FINDINGS);
}
