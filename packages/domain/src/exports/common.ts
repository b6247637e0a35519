import { z } from 'zod';
import { type RegistryOverview } from '../dto';

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

/** Several values in one cell. */
export const cellList = (xs: readonly string[]) => xs.join('; ');
