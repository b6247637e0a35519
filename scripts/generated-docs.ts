// Pages of docs/ that are generated from code, so they cannot drift from it:
// the findings catalogue (packages/domain/src/findings.ts). `pnpm docs:generate`
// writes them; scripts/generated-docs.test.ts fails when a file is out of date.
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { findingCatalogue, findingThresholds, severities } from '../packages/domain/src/index';

export const repoRoot = resolve(import.meta.dirname, '..');

const header = (source: string) =>
  `<!-- Generated from ${source} by \`pnpm docs:generate\`; do not edit by hand. -->\n\n`;

function findingsPage(): string {
  const lines: string[] = [
    header('packages/domain/src/findings.ts'),
    '# Findings catalogue',
    '',
    'The access review computes these findings over one registry (its tokens, scope maps and',
    'connected registries, as ARM lists them) at one moment. Each has a stable id (exports and',
    'fix links use it), one severity, why it matters, how to fix it and, when it depends on',
    'time, the window it uses. Back to [the product](product.md).',
    '',
    '| Severity | Meaning |',
    '| --- | --- |',
    '| critical | something is broken now for a whole connected registry |',
    '| high | access is too wide, or clients break now or within a week |',
    '| medium | hygiene with real risk: credentials that live too long, expiry within a month, content that can never arrive |',
    '| low | ineffective or misleading configuration, unusable tokens |',
    '| info | clutter worth a look |',
    '',
    `Thresholds: expiring soon ${findingThresholds.expiringSoonDays} days, expiring ${findingThresholds.expiringDays} days, old password ${findingThresholds.oldPasswordDays} days, connected registry down ${findingThresholds.downHours} hours, a sync token password created within ${findingThresholds.sameAsCreationHours} hours of its token counts as its first.`,
    '',
    '| Id | Severity | Title |',
    '| --- | --- | --- |',
  ];
  const bySeverity = [...findingCatalogue].sort(
    (a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity),
  );
  for (const f of bySeverity) lines.push(`| \`${f.id}\` | ${f.severity} | ${f.title} |`);
  for (const f of bySeverity) {
    lines.push('', `## ${f.title}`, '', `- **Id**: \`${f.id}\``, `- **Severity**: ${f.severity}`);
    if ('window' in f) lines.push(`- **Window**: ${f.window}`);
    lines.push(`- **Why it matters**: ${f.why}`, `- **How to fix**: ${f.fix}`);
  }
  return lines.join('\n') + '\n';
}

/** Every generated file, path relative to the repository root → formatted content. */
export async function generatedDocs(): Promise<Record<string, string>> {
  const pages: Record<string, string> = { 'docs/findings.md': findingsPage() };
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(pages)) {
    const options = (await resolveConfig(resolve(repoRoot, path))) ?? {};
    out[path] = await format(text, { ...options, filepath: resolve(repoRoot, path) });
  }
  return out;
}
