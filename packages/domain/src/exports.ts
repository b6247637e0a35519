import { z } from 'zod';
import { auditRecordViewSchema, tokenKindSchema, type AuditRecordView } from './dto';
import type { RegistryOverview, TokenView } from './dto';
import {
  clientAccessOnConnectedRegistry,
  indexOverview,
  matrixColumns,
  rulesOf,
  tokenAccess,
  type TokenAccess,
} from './effective-access';
import { findingSchema, type Finding } from './findings';
import { repositoryPermissions } from './mutations';
import { passwordState, passwordSlots, type PasswordState } from './passwords';
import type { RepositoryRule } from './scope-map-actions';
import { describeKind } from './token-kind';

/**
 * Evidence exports: findings, the token inventory and effective access as
 * CSV rows (stable, documented column lists) and JSON documents (one zod
 * schema each), plus the audit log's export rows.
 *
 * Where the stamp goes: a JSON document carries it as `stamp`. A CSV file is
 * one header row then data rows, with no comment or preamble lines, because
 * spreadsheet and `csv` tools would read those as data; its stamp travels in
 * the file name (`exportFileName`) and in the response headers the BFF sets.
 *
 * Nothing here can carry a secret: the overview holds password slot metadata
 * (present, created, expiry), never a password value, and the column lists
 * are fixed.
 */

export const exportStampSchema = z.object({
  registry: z.object({ id: z.string(), name: z.string() }),
  /** "registry" for the whole registry, or "connected registry <name>". */
  scope: z.string(),
  generatedAt: z.string(),
  generator: z.literal('Latchkey'),
});
export type ExportStamp = z.infer<typeof exportStampSchema>;

export function exportStamp(
  overview: Pick<RegistryOverview, 'registry'>,
  generatedAt: number,
  connectedRegistry?: string,
): ExportStamp {
  return {
    registry: { id: overview.registry.id, name: overview.registry.name },
    scope: connectedRegistry ? `connected registry ${connectedRegistry}` : 'registry',
    generatedAt: new Date(generatedAt).toISOString(),
    generator: 'Latchkey',
  };
}

/** `latchkey-findings-contosoregistry-20261127T2215Z.csv`: what, where and when, file-system safe. */
export function exportFileName(
  what: string,
  parts: readonly string[],
  generatedAt: number,
  extension: string,
): string {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const d = new Date(generatedAt).toISOString(); // 2026-11-27T22:15:03.123Z
  const stamp = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
  return (
    ['latchkey', safe(what), ...parts.map(safe).filter(Boolean), stamp].join('-') + `.${extension}`
  );
}

// ---------------------------------------------------------------- CSV

export type CsvCell = string | number | boolean | null | undefined;

/** Cells a spreadsheet would run as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a leading formula character gets an apostrophe (OWASP's CSV
 * injection advice, so a token named "=HYPERLINK(…)" stays text), then RFC
 * 4180 quoting when the cell holds a comma, quote, CR or LF.
 */
export function csvCell(value: CsvCell): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180: CRLF line ends, a header row, every row the header's width. */
export function toCsv<C extends string>(
  columns: readonly C[],
  rows: ReadonlyArray<Record<C, CsvCell>>,
): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The inverse of `toCsv` (apostrophes stay: they are part of the cell as written). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const list = (xs: readonly string[]) => xs.join('; ');

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
    evidence: list(f.evidence),
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

// ---------------------------------------------------------------- token inventory

/** Password states as the tokens grid's badges name them (see passwordState). */
export const passwordStates = [
  'missing',
  'expired',
  'expiring-7',
  'expiring-30',
  'no-expiry',
  'valid',
] as const satisfies readonly PasswordState[];

export const tokenColumns = [
  'name',
  'kind',
  'kindDescription',
  'status',
  'scopeMap',
  'scopeMapType',
  'creationDate',
  'password1State',
  'password1Created',
  'password1Expiry',
  'password2State',
  'password2Created',
  'password2Expiry',
  'syncTokenOf',
  'acceptedBy',
] as const;
export type TokenRow = Record<(typeof tokenColumns)[number], string>;

const tokenEntrySchema = z.object({
  name: z.string(),
  kind: tokenKindSchema,
  status: z.enum(['enabled', 'disabled']),
  scopeMap: z.string().nullable(),
  scopeMapType: z.enum(['UserDefined', 'SystemDefined']).nullable(),
  creationDate: z.string().nullable(),
  passwords: z.array(
    z.object({
      slot: z.enum(passwordSlots),
      state: z.enum(passwordStates),
      creationTime: z.string().nullable(),
      expiry: z.string().nullable(),
    }),
  ),
  /** Connected registries that accept it as a client token. */
  acceptedBy: z.array(z.string()),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const tokensExportSchema = z.object({
  stamp: exportStampSchema,
  tokens: z.array(tokenEntrySchema),
});
export type TokensExport = z.infer<typeof tokensExportSchema>;

/** The inventory, by token name, with each password slot's state at `now`. */
export function tokenEntries(overview: RegistryOverview, now: number): TokenEntry[] {
  const idx = indexOverview(overview);
  return [...overview.tokens]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t: TokenView) => {
      const map = idx.scopeMapOf(t);
      return {
        name: t.name,
        kind: t.kind,
        status: t.status,
        scopeMap: t.scopeMapName,
        scopeMapType: map?.type ?? null,
        creationDate: t.creationDate ?? null,
        passwords: t.passwords.map((p) => ({
          slot: p.name,
          state: passwordState(p, now),
          creationTime: p.creationTime ?? null,
          expiry: p.expiry ?? null,
        })),
        acceptedBy: [...t.clientOf],
      };
    });
}

export function tokenRows(entries: readonly TokenEntry[]): TokenRow[] {
  return entries.map((t) => {
    const slot = (n: 'password1' | 'password2') => t.passwords.find((p) => p.slot === n);
    const p1 = slot('password1');
    const p2 = slot('password2');
    return {
      name: t.name,
      kind: t.kind.type,
      kindDescription: describeKind(t.kind),
      status: t.status,
      scopeMap: t.scopeMap ?? '',
      scopeMapType: t.scopeMapType ?? '',
      creationDate: t.creationDate ?? '',
      password1State: p1?.state ?? 'missing',
      password1Created: p1?.creationTime ?? '',
      password1Expiry: p1?.expiry ?? '',
      password2State: p2?.state ?? 'missing',
      password2Created: p2?.creationTime ?? '',
      password2Expiry: p2?.expiry ?? '',
      syncTokenOf: t.kind.type === 'sync' ? t.kind.connectedRegistry : '',
      acceptedBy: list(t.acceptedBy),
    };
  });
}

// ---------------------------------------------------------------- effective access

const grantSchema = z.object({
  permission: z.enum(repositoryPermissions),
  rules: z.array(z.string()),
});
const effectiveAccessEntrySchema = z.object({
  /** "cloud" or the connected registry's name. */
  place: z.string(),
  placeKind: z.enum(['cloud', 'connected-registry']),
  mode: z.enum(['ReadWrite', 'ReadOnly']).nullable(),
  token: z.string(),
  tokenKind: z.enum(['sync', 'client', 'unattached']),
  tokenStatus: z.enum(['enabled', 'disabled']),
  scopeMap: z.string().nullable(),
  /** A repository name or pattern a rule names (the matrix's columns). */
  repository: z.string(),
  granted: z.array(grantSchema),
  /** Granted by the scope map but without effect at this place, with the reason. */
  removed: z.array(grantSchema.extend({ reason: z.string(), explanation: z.string() })),
});
export type EffectiveAccessEntry = z.infer<typeof effectiveAccessEntrySchema>;

export const effectiveAccessExportSchema = z.object({
  stamp: exportStampSchema,
  /** The repositories and patterns considered (every one some token's scope map names). */
  repositories: z.array(z.string()),
  entries: z.array(effectiveAccessEntrySchema),
});
export type EffectiveAccessExport = z.infer<typeof effectiveAccessExportSchema>;

export const effectiveAccessColumns = [
  'place',
  'placeKind',
  'mode',
  'token',
  'tokenKind',
  'tokenStatus',
  'scopeMap',
  'repository',
  'permissions',
  'grantedBy',
  'ineffective',
  'ineffectiveBecause',
] as const;
export type EffectiveAccessRow = Record<(typeof effectiveAccessColumns)[number], string>;

/**
 * Token × repository (or pattern) × place: on the cloud registry every token,
 * on each connected registry its client tokens. A pair appears when the
 * token's scope map names anything for that repository, effective or not, so
 * "ineffective" grants (ReadOnly mode, not synced, disabled) are evidence too.
 * `connectedRegistry` limits the places to that one (the name must exist).
 */
export function effectiveAccessEntries(
  overview: RegistryOverview,
  connectedRegistry?: string,
): { repositories: string[]; entries: EffectiveAccessEntry[] } {
  const idx = indexOverview(overview);
  const repositories = matrixColumns(overview);
  const entries: EffectiveAccessEntry[] = [];
  const push = (
    place: Pick<EffectiveAccessEntry, 'place' | 'placeKind' | 'mode'>,
    t: TokenView,
    a: TokenAccess,
  ) => {
    if (a.granted.length + a.removed.length === 0) return;
    entries.push({
      ...place,
      token: t.name,
      tokenKind: t.kind.type,
      tokenStatus: t.status,
      scopeMap: a.scopeMap,
      repository: a.repository,
      granted: a.granted.map(({ permission, rules }) => ({ permission, rules })),
      removed: a.removed.map(({ permission, rules, reason, explanation }) => ({
        permission,
        rules,
        reason,
        explanation,
      })),
    });
  };
  const byName = (a: TokenView, b: TokenView) => a.name.localeCompare(b.name);
  const relevant = relevantColumns(repositories);
  if (!connectedRegistry) {
    for (const t of [...overview.tokens].sort(byName)) {
      const map = idx.scopeMapOf(t);
      if (!map) continue;
      for (const repo of relevant(map.actions)) {
        push({ place: 'cloud', placeKind: 'cloud', mode: null }, t, tokenAccess(t, map, repo));
      }
    }
  }
  const crs = connectedRegistry
    ? [idx.connectedRegistry(connectedRegistry)].filter((c) => c !== undefined)
    : [...overview.connectedRegistries].sort((a, b) => a.name.localeCompare(b.name));
  if (connectedRegistry && crs.length === 0) {
    throw new Error(`no connected registry named ${connectedRegistry}`);
  }
  for (const cr of crs) {
    const ctx = idx.context(cr);
    const clients = cr.clientTokenNames.flatMap((n) => idx.token(n) ?? []).sort(byName);
    for (const t of clients) {
      const map = idx.scopeMapOf(t);
      if (!map) continue;
      for (const repo of relevant(map.actions)) {
        push(
          { place: cr.name, placeKind: 'connected-registry', mode: cr.mode },
          t,
          clientAccessOnConnectedRegistry(ctx, t, map, repo),
        );
      }
    }
  }
  return { repositories, entries };
}

/**
 * The columns (sorted) that some repository rule of a scope map can cover: a
 * superset of where it grants anything, found by name and prefix instead of
 * trying every column (a large registry names thousands). The engine then
 * answers each candidate exactly.
 */
function relevantColumns(columns: readonly string[]) {
  const names = new Set(columns);
  const firstAtLeast = (key: string) => {
    let lo = 0;
    let hi = columns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (columns[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const memo = new WeakMap<readonly string[], readonly string[]>();
  return (actions: readonly string[]): readonly string[] => {
    const known = memo.get(actions);
    if (known) return known;
    const rules = rulesOf(actions).filter((r): r is RepositoryRule => r.kind === 'repository');
    let out: readonly string[];
    if (rules.some((r) => r.pattern.type === 'all')) out = columns;
    else {
      const hit = new Set<string>();
      for (const { pattern } of rules) {
        if (pattern.type === 'exact' && names.has(pattern.name)) hit.add(pattern.name);
        if (pattern.type !== 'prefix') continue;
        for (let i = firstAtLeast(pattern.prefix); columns[i]?.startsWith(pattern.prefix); i++) {
          hit.add(columns[i]!);
        }
      }
      out = columns.filter((c) => hit.has(c));
    }
    memo.set(actions, out);
    return out;
  };
}

export function effectiveAccessRows(
  entries: readonly EffectiveAccessEntry[],
): EffectiveAccessRow[] {
  return entries.map((e) => ({
    place: e.place,
    placeKind: e.placeKind,
    mode: e.mode ?? '',
    token: e.token,
    tokenKind: e.tokenKind,
    tokenStatus: e.tokenStatus,
    scopeMap: e.scopeMap ?? '',
    repository: e.repository,
    permissions: e.granted.map((g) => g.permission).join(' '),
    grantedBy: list([...new Set(e.granted.flatMap((g) => g.rules))]),
    ineffective: e.removed.map((g) => g.permission).join(' '),
    ineffectiveBecause: list([...new Set(e.removed.map((g) => g.explanation))]),
  }));
}

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
    armRequestIds: r.armRequestIds ? list(r.armRequestIds) : '',
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
    actor: z.string().optional(),
    action: z.string().optional(),
    target: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  /** True when more records matched than the export holds (the newest `limit` are in it). */
  truncated: z.boolean(),
  limit: z.number().int(),
  records: z.array(auditRecordViewSchema),
});
export type AuditExport = z.infer<typeof auditExportSchema>;
