import {
  acceptedBy,
  countBySeverity,
  describeAcceptance,
  indexOverview,
  describeKind,
  severities,
  type EffectiveAccessEntry,
  type ExportStamp,
  type Finding,
  type RegistryOverview,
  type ReportSection,
  type TokenEntry,
} from '@latchkey/domain';
import { summarySection } from './report-summary';

/**
 * The printable access-review report: self-contained HTML pages (no
 * script, no external resource). The summary (counts, top findings) is the
 * page the console links to; it links to each full section as its own
 * printable page, and to the whole report, which is written in pieces
 * (`reportChunks`) so the browser shows its start while the rest is computed. Its only style element carries the
 * response's CSP nonce, since the BFF's CSP refuses inline styles without it.
 * Every value from Azure goes through `esc`: names, descriptions and status
 * texts are data, never markup.
 */

export interface ReportInput {
  overview: RegistryOverview;
  stamp: ExportStamp;
  /** Which page: the summary, one full section, or all of them. */
  section?: ReportSection;
  /** Needed by the summary, the findings section and the whole report. */
  findings?: Finding[];
  /** Needed by the token inventory and the whole report. */
  tokens?: TokenEntry[];
  /** Needed by effective access and the whole report; read once, in place order. */
  access?: Iterable<EffectiveAccessEntry>;
  nonce: string;
}

/** How many table rows one written piece holds. */
const ROWS_PER_CHUNK = 500;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #444; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
dl.stamp { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.stamp dt { font-weight: 600; }
.sev { font-weight: 700; text-transform: uppercase; }
.muted { color: #555; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
nav ul { padding-left: 1.25rem; }
a { color: #0f548c; }
@media print {
  nav { display: none; }
  body { margin: 0; font-size: 10pt; }
  h2 { break-before: page; }
  h2:first-of-type { break-before: auto; }
  tr, h3, h4 { break-inside: avoid; }
  th { background: none; }
  thead { display: table-header-group; }
}
`;

export function table(headers: string[], rows: string[][], caption: string): string {
  if (rows.length === 0) return `<p class="muted">None.</p>`;
  return tableOpen(headers, caption) + rows.map(tableRow).join('') + TABLE_CLOSE;
}

const tableOpen = (headers: string[], caption: string) =>
  `<table><caption class="muted">${esc(caption)}</caption><thead><tr>` +
  headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('') +
  `</tr></thead><tbody>`;
const tableRow = (r: string[]) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const TABLE_CLOSE = `</tbody></table>`;

/** Findings per severity: the summary's and the findings section's first table. */
export function severityTable(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return table(
    ['Severity', 'Findings'],
    severities.map((s) => [`<span class="sev">${esc(s)}</span>`, esc(counts[s])]),
    'Findings per severity',
  );
}

function findingsSection(findings: Finding[]): string {
  const summary = severityTable(findings);
  const parts = severities.flatMap((severity) => {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) return [];
    const ids = [...new Set(ofSeverity.map((f) => f.id))];
    return [
      `<h3><span class="sev">${esc(severity)}</span> (${ofSeverity.length})</h3>`,
      ...ids.map((id) => {
        const group = ofSeverity.filter((f) => f.id === id);
        const first = group[0]!;
        return (
          `<h4>${esc(first.title)} <code>${esc(id)}</code></h4>` +
          `<p><strong>Why it matters:</strong> ${esc(first.why)}</p>` +
          `<p><strong>How to fix:</strong> ${esc(first.fix)}</p>` +
          table(
            ['Target', 'Evidence'],
            group.map((f) => [esc(f.target.label), f.evidence.map(esc).join('<br>')]),
            `${first.title}: ${group.length}`,
          )
        );
      }),
    ];
  });
  return `<h2>Findings (${findings.length})</h2>${summary}${parts.join('')}`;
}

function tokensSection(overview: RegistryOverview, tokens: TokenEntry[]): string {
  const slot = (t: TokenEntry, name: 'password1' | 'password2') => {
    const p = t.passwords.find((x) => x.slot === name);
    if (!p || p.state === 'missing') return 'none';
    return (
      `${esc(p.state)}` +
      (p.creationTime ? `<br><span class="muted">created ${esc(p.creationTime)}</span>` : '') +
      (p.expiry ? `<br><span class="muted">expires ${esc(p.expiry)}</span>` : '')
    );
  };
  return (
    `<h2>Token inventory (${tokens.length})</h2>` +
    table(
      ['Token', 'Kind', 'Status', 'Scope map', 'Password 1', 'Password 2', 'Accepted by'],
      tokens.map((t) => [
        esc(t.name),
        esc(describeKind(t.kind)),
        esc(t.status),
        t.scopeMap ? esc(t.scopeMap) : '<span class="muted">none</span>',
        slot(t, 'password1'),
        slot(t, 'password2'),
        acceptedByCell(overview, t.name),
      ]),
      'Every token of the registry',
    )
  );
}

/** "sitenorth (sync token of child edgeline1)": the inventory's places, each with how it accepts the token. */
function acceptedByCell(overview: RegistryOverview, token: string): string {
  const places = acceptedBy(overview, token);
  const names = [...new Set(places.map((p) => p.connectedRegistry))];
  return names
    .map((n) => {
      const how = places
        .filter((p) => p.connectedRegistry === n)
        .map((p) => describeAcceptance(p.acceptedAs))
        .join(' and ');
      return `${esc(n)} <span class="muted">(${esc(how)})</span>`;
    })
    .join(', ');
}

/** A child's sync token at its parent is named as such: it is not one of the place's clients. */
function acceptedAsNote(e: EffectiveAccessEntry): string {
  const children = e.acceptedAs.filter((a) => a.type === 'child-sync-token');
  return children.length > 0
    ? `<br><span class="muted">${children.map((a) => esc(describeAcceptance(a))).join(', ')}</span>`
    : '';
}

/**
 * One table per place, written `ROWS_PER_CHUNK` rows at a time. `access`
 * comes in the engine's order (the cloud, then connected registries by name),
 * which is the order of `places`, so each place takes the entries that follow.
 */
function* accessSection(
  overview: RegistryOverview,
  access: Iterable<EffectiveAccessEntry>,
): Generator<string> {
  const places = [
    { name: 'cloud', title: `Cloud registry ${overview.registry.name}` },
    ...[...overview.connectedRegistries]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({ name: c.name, title: `Connected registry ${c.name} (${c.mode})`, cr: c })),
  ];
  const idx = indexOverview(overview);
  const entries = access[Symbol.iterator]();
  let next = entries.next();
  yield `<h2>Effective access</h2>`;
  for (const p of places) {
    const disabledBy = 'cr' in p ? idx.context(p.cr).disabledBySyncToken : undefined;
    const accepts =
      'cr' in p
        ? `Accepts its client tokens and the sync tokens of its direct children.`
        : 'Accepts every token of the registry.';
    yield (
      `<h3>${esc(p.title)}</h3>` +
      `<p class="muted">${esc(accepts)}</p>` +
      (disabledBy
        ? `<p><strong>Disabled:</strong> its sync token <code>${esc(disabledBy)}</code> is disabled, so nothing is effective here.</p>`
        : '')
    );
    if (next.done || next.value.place !== p.name) {
      yield `<p class="muted">None.</p>`;
      continue;
    }
    let rows = tableOpen(
      ['Token', 'Repository or gateway', 'Effective permissions', 'Without effect here'],
      `Effective access on ${p.title}`,
    );
    for (let n = 1; !next.done && next.value.place === p.name; n++, next = entries.next()) {
      rows += tableRow(accessRow(next.value));
      if (n % ROWS_PER_CHUNK === 0) {
        yield rows;
        rows = '';
      }
    }
    yield rows + TABLE_CLOSE;
  }
}

const accessRow = (e: EffectiveAccessEntry): string[] => [
  esc(e.token) +
    (e.tokenStatus === 'disabled' ? ' <span class="muted">(disabled)</span>' : '') +
    acceptedAsNote(e),
  e.gateway !== null
    ? `gateway <code>${esc(e.gateway)}</code>`
    : `<code>${esc(e.repository)}</code>`,
  e.granted.length ? e.granted.map((g) => esc(g.permission)).join('<br>') : 'none',
  e.removed.map((g) => `${esc(g.permission)}: ${esc(g.explanation)}`).join('<br>'),
];

const sectionTitles: Record<Exclude<ReportSection, 'summary' | 'all'>, string> = {
  findings: 'Findings',
  tokens: 'Token inventory',
  'effective-access': 'Effective access',
};

/** The page, in the pieces it is written in (joined, it is `renderAccessReport`'s text). */
export function* reportChunks(input: ReportInput): Generator<string> {
  const { overview, stamp } = input;
  const section = input.section ?? 'all';
  const base = `Access review: ${overview.registry.name}`;
  const title =
    section === 'all'
      ? base
      : `${base}: ${section === 'summary' ? 'summary' : sectionTitles[section]}`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(stamp.generator)}">
<title>${esc(title)}</title>
<style nonce="${esc(input.nonce)}">${CSS}</style>
</head>
<body>
<main>
<h1>${esc(base)}</h1>
<dl class="stamp">
<dt>Registry</dt><dd><code>${esc(stamp.registry.id)}</code></dd>
<dt>Login server</dt><dd>${esc(overview.registry.loginServer)} (${esc(overview.registry.sku)})</dd>
<dt>Scope</dt><dd>${esc(stamp.scope)}</dd>
<dt>Generated</dt><dd><time datetime="${esc(stamp.generatedAt)}">${esc(stamp.generatedAt)}</time> by ${esc(stamp.generator)}</dd>
<dt>Data read from Azure</dt><dd>${esc(overview.fetchedAt)}</dd>
</dl>
`;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${section} report needs ${what}`);
    return value;
  };
  if (section === 'summary') {
    yield summarySection(overview, need(input.findings, 'findings'));
  } else if (section !== 'all') {
    yield `<nav aria-label="Report"><p><a href="?section=summary">Back to the summary</a></p></nav>\n`;
  }
  if (section === 'findings' || section === 'all') {
    yield findingsSection(need(input.findings, 'findings')) + '\n';
  }
  if (section === 'tokens' || section === 'all') {
    yield tokensSection(overview, need(input.tokens, 'tokens')) + '\n';
  }
  if (section === 'effective-access' || section === 'all') {
    yield* accessSection(overview, need(input.access, 'effective access'));
    yield '\n';
  }
  yield `</main>
</body>
</html>
`;
}

export function renderAccessReport(input: ReportInput): string {
  return [...reportChunks(input)].join('');
}
