// Pages of docs/ that are generated from code, so they cannot drift from it:
// the findings catalogue (packages/domain/src/findings.ts) and the API
// description (apps/bff/src/openapi). `pnpm docs:generate` writes them;
// scripts/generated-docs.test.ts fails when a file is out of date.
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../apps/bff/src/openapi/document';
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

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};

/** A short type for a table cell: `TokenView[]`, `enabled \| disabled`, `string?`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref.split('/').pop()!;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => String(v)).join(' \\| ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeOf).join(' \\| ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  return schema.type ?? 'any';
}

function apiPage(): string {
  const doc = openApiDocument();
  const lines: string[] = [
    header('apps/bff/src/openapi'),
    '# HTTP API',
    '',
    doc.info.description,
    '',
    'The machine-readable description is [openapi.json](openapi.json) (OpenAPI 3.1, JSON Schema',
    '2020-12); a running BFF serves the same document at `GET /api/openapi.json`, without a session.',
    '',
    '- **Authentication**: the session cookie `__Host-latchkey-session`, set by `/auth/callback` at',
    '  the end of the sign-in flow (`/auth/login` in a browser). There are no API keys.',
    '- **Changes** (POST, PUT, PATCH, DELETE) need the header `x-latchkey-request: 1`, a same-origin',
    '  `Sec-Fetch-Site` or `Origin`, and a JSON body: the CSRF defence.',
    '- **Errors** are one JSON shape, `ErrorBody` (`{ "error": { "code", "message", "details"?, "requestId", … } }`), whose `code` says which: invalid_input 400, unauthenticated 401, not_allowed 403, azure_forbidden 403, not_found 404, conflict 409, rate_limited 429, upstream_error 502, and so on.',
    '- Every `/api` answer is `Cache-Control: no-store`. Back to [the architecture](architecture.md).',
  ];
  const tags = doc.tags.map((t) => t.name);
  for (const tag of tags) {
    lines.push(
      '',
      `## ${tag}`,
      '',
      '| Method | Path | Who | Summary | Body | Success |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!(op.tags as string[]).includes(tag)) continue;
        const who =
          (op['x-latchkey-permission'] as string | undefined) ??
          (Array.isArray(op.security) ? 'anyone' : 'signed in');
        const body = (op.requestBody as { content: Record<string, { schema: Schema }> } | undefined)
          ?.content['application/json']?.schema;
        const success = Object.entries(op.responses)
          .filter(([status]) => /^[23]/.test(status))
          .map(([status, r]) => {
            const types = Object.entries(r.content ?? {}).map(([type, c]) =>
              type === 'application/json' && (c as { schema?: Schema }).schema
                ? typeOf((c as { schema: Schema }).schema)
                : type,
            );
            return types.length ? `${status} ${types.join(' or ')}` : status;
          })
          .join('; ');
        lines.push(
          `| ${method.toUpperCase()} | \`${path}\` | ${who} | ${op.summary} | ${body ? typeOf(body) : ''} | ${success} |`,
        );
      }
    }
  }
  lines.push(
    '',
    '## Schemas',
    '',
    'Top-level fields of each body; nested shapes are in openapi.json.',
  );
  for (const [name, schema] of Object.entries(doc.components.schemas) as [string, Schema][]) {
    lines.push('', `### ${name}`, '');
    if (!schema.properties) {
      lines.push(`${typeOf(schema)}`);
      continue;
    }
    lines.push('| Field | Type |', '| --- | --- |');
    for (const [field, property] of Object.entries(schema.properties)) {
      const optional = schema.required?.includes(field) ? '' : ' (optional)';
      lines.push(`| \`${field}\` | ${typeOf(property)}${optional} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Every generated file, path relative to the repository root → formatted content. */
export async function generatedDocs(): Promise<Record<string, string>> {
  const pages: Record<string, string> = {
    'docs/findings.md': findingsPage(),
    'docs/api.md': apiPage(),
    'docs/openapi.json': JSON.stringify(openApiDocument(), null, 2) + '\n',
  };
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(pages)) {
    const options = (await resolveConfig(resolve(repoRoot, path))) ?? {};
    out[path] = await format(text, { ...options, filepath: resolve(repoRoot, path) });
  }
  return out;
}
